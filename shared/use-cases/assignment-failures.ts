/**
 * Where the role-grants queue work shows how it is going, so nothing hangs silently: a failed attempt that will be
 * tried again marks its operation `running`; giving up marks the access assignment `error` and its operations
 * `failed`, with a safe sentence (never internals) that the partner reads in Graph's operations and on the page.
 * Both are bookkeeping writes of the relationship document: the ETags people hold stay valid.
 */
import {
  findAssignment,
  openOperationsOf,
  finishedOperation,
  withAssignment,
  type AccessAssignmentRecord
} from "../assignments/assignment-records";
import { withWorkRunning } from "../assignments/relationship-work";
import { changeIfNeeded, type GrantPorts } from "./revoke-grants";

export interface AssignmentWorkRef {
  readonly partnerTenantId: string;
  readonly relationshipId: string;
  readonly accessAssignmentId: string;
}

export type AssignmentError = NonNullable<AccessAssignmentRecord["error"]>;

/** The message given when the queue gives up on an assignment after its last attempt. */
export const assignmentNotAppliedError: AssignmentError = {
  code: "accessAssignmentNotApplied",
  message:
    "The group's access could not be brought in line with this assignment after repeated attempts. Support has been alerted; change or delete the assignment to try again."
};

/**
 * The assignment (if it is still being applied, and still at `version` when given) goes `error`, and its open
 * operations `failed` with the same words.
 */
export async function recordAssignmentFailure(
  ports: GrantPorts,
  ref: AssignmentWorkRef,
  error: AssignmentError,
  version?: number
): Promise<void> {
  await changeIfNeeded(ports, ref, (document, now) => {
    const current = findAssignment(document, ref.accessAssignmentId);
    if (!current || (current.status !== "pending" && current.status !== "deleting")) return undefined;
    if (version !== undefined && current.version !== version) return undefined;
    const at = now.toISOString();
    const failed = new Set(openOperationsOf(document, current.id).map((operation) => operation.id));
    const next = withAssignment(document, { ...current, status: "error", error, lastModifiedDateTime: at });
    const operations = (next.operations ?? []).map((operation) =>
      failed.has(operation.id) ? finishedOperation(operation, "failed", at, error) : operation
    );
    return {
      document: { ...next, operations },
      action: "accessAssignmentFailed",
      actor: { kind: "system" },
      bookkeeping: true,
      details: {
        accessAssignment: {
          id: current.id,
          securityGroupId: current.accessContainer.accessContainerId,
          status: "error",
          error: error.code
        }
      }
    };
  });
}

/** A failed attempt that will be tried again: the operation is under way (`running`), not waiting to start. */
export async function recordOperationRunning(
  ports: GrantPorts,
  ref: { readonly partnerTenantId: string; readonly relationshipId: string },
  operationId: string
): Promise<void> {
  await changeIfNeeded(ports, ref, (document, now) => {
    const next = withWorkRunning(document, operationId, now);
    return next === document
      ? undefined
      : { document: next, action: "operationRunning", actor: { kind: "system" }, bookkeeping: true };
  });
}
