/**
 * The relationship's own asynchronous work as Graph shows it (operations of type
 * `delegatedAdminRelationshipUpdate`): activation with its grants, Remove roles, termination and expiry. The write
 * that starts the work records the operation (`notStarted`) and names it in the queue message; the handler marks it
 * `running` and `succeeded` in the writes it makes anyway, or `failed` when it gives up.
 *
 * Remove roles, termination and expiry also end every access assignment: `deleting` in the write that ends the
 * relationship (its grants, with every group in them, leave the access documents right after), `deleted` when the
 * handler has finished.
 */
import { isLive } from "../domain/access-assignments";
import {
  finishedOperation,
  findOperation,
  isOpen,
  newOperation,
  operationIdFor,
  withOperation,
  type AccessAssignmentRecord,
  type OperationRecord,
  type RelationshipWork,
  type WithAssignments,
  withAssignments
} from "./assignment-records";

interface WorkDocument extends WithAssignments {
  readonly version: number;
  readonly accessDetails: { readonly unifiedRoles: readonly { readonly roleDefinitionId: string }[] };
}

/** The document with a new `notStarted` operation for `action`, and that operation's id (for the queue message). */
export function withWorkStarted<T extends WorkDocument>(
  document: T,
  action: RelationshipWork,
  at: Date,
  roles = document.accessDetails.unifiedRoles
): { document: T; operationId: string } {
  const operationId = operationIdFor(document.id, document.version + 1, `relationship:${action}`);
  const roleDefinitionIds = roles.map((role) => role.roleDefinitionId.toLowerCase());
  return {
    document: withOperation(
      document,
      newOperation(operationId, { kind: "relationship", action, roleDefinitionIds }, at.toISOString())
    ),
    operationId
  };
}

/** Marks the operation `running` (when the handler writes an intermediate state anyway). */
export function withWorkRunning<T extends WithAssignments>(document: T, operationId: string | undefined, at: Date): T {
  const operation = operationId ? findOperation(document, operationId) : undefined;
  if (!operation || operation.status !== "notStarted") return document;
  return withOperation(document, { ...operation, status: "running", lastModifiedDateTime: at.toISOString() });
}

/** Finishes the operation, if it is still open. */
export function withWorkFinished<T extends WithAssignments>(
  document: T,
  operationId: string | undefined,
  at: Date,
  error?: OperationRecord["error"]
): T {
  const operation = operationId ? findOperation(document, operationId) : undefined;
  if (!operation || !isOpen(operation)) return document;
  return withOperation(document, finishedOperation(operation, error ? "failed" : "succeeded", at.toISOString(), error));
}

/** Every live assignment goes `deleting`: the relationship no longer gives the roles they hold. */
export function withAssignmentsEnding<T extends WithAssignments>(document: T, at: Date): T {
  if (!(document.accessAssignments ?? []).some(isEnding)) return document;
  const when = at.toISOString();
  const accessAssignments = (document.accessAssignments ?? []).map((assignment): AccessAssignmentRecord =>
    isEnding(assignment)
      ? { ...assignment, status: "deleting", version: assignment.version + 1, lastModifiedDateTime: when }
      : assignment
  );
  return withAssignments(document, accessAssignments);
}

/**
 * Every `deleting` assignment is `deleted`, once the relationship's grants (and the groups in them) are gone; their
 * own open operations (a DELETE the partner made meanwhile) are done too.
 */
export function withAssignmentsDeleted<T extends WithAssignments>(document: T, at: Date): T {
  const deleting = (document.accessAssignments ?? []).filter((assignment) => assignment.status === "deleting");
  if (deleting.length === 0) return document;
  const when = at.toISOString();
  const ids = new Set(deleting.map((assignment) => assignment.id));
  const accessAssignments = (document.accessAssignments ?? []).map((assignment): AccessAssignmentRecord =>
    ids.has(assignment.id)
      ? { ...assignment, status: "deleted", heldRoles: [], lastModifiedDateTime: when }
      : assignment
  );
  const operations = (document.operations ?? []).map((operation) =>
    operation.subject.kind === "accessAssignment" && ids.has(operation.subject.accessAssignmentId)
      ? finishedOperation(operation, "succeeded", when)
      : operation
  );
  return { ...withAssignments(document, accessAssignments), operations };
}

function isEnding(assignment: AccessAssignmentRecord): boolean {
  return isLive(assignment) && assignment.status !== "deleting";
}
