/**
 * Access assignments and operations as stored: embedded arrays on the relationship document, so listing them is
 * the relationship's one point read and every change is one ETag-guarded write of that document. These helpers
 * add, replace and trim entries; they never decide whether a change is allowed (shared/domain/access-assignments.ts).
 */
import {
  maxDeletedAssignmentsKept,
  maxOperationsKept,
  type AccessAssignmentStatus
} from "../domain/access-assignments";
import { normalizeGuid } from "../domain/guid";
import { uuidFrom } from "../email/operation-id";

export interface AccessAssignmentRecord {
  /** A new GUID per assignment: a group assigned again after a deletion gets a new one. */
  readonly id: string;
  readonly accessContainer: { readonly accessContainerId: string; readonly accessContainerType: "securityGroup" };
  /** The roles the partner asked for (lower-case ids). */
  readonly accessDetails: { readonly unifiedRoles: readonly { readonly roleDefinitionId: string }[] };
  readonly status: AccessAssignmentStatus;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  /** Bumped by every change someone asked for (not by the system applying it): the ETag is `v<version>`. */
  readonly version: number;
  /** A name for people (not in Graph; sent and read as an extra property). */
  readonly label?: string;
  /**
   * Every role whose access document may list this group: the roles applied so far plus any asked for since.
   * Removing the group from these (and no others) is enough to take its access away, at one read per role.
   */
  readonly heldRoles: readonly string[];
  /** Why applying the last change failed (status `error`): a safe sentence, no internals. */
  readonly error?: { readonly code: string; readonly message: string };
}

export const operationTypes = ["delegatedAdminAccessAssignmentUpdate", "delegatedAdminRelationshipUpdate"] as const;
export const operationStatuses = ["notStarted", "running", "succeeded", "failed"] as const;
export type OperationType = (typeof operationTypes)[number];
export type OperationStatus = (typeof operationStatuses)[number];

/** The relationship's own asynchronous work, as operations of type `delegatedAdminRelationshipUpdate`. */
export type RelationshipWork = "activate" | "removeRoles" | "terminate" | "expire";

export type OperationSubject =
  | {
      readonly kind: "accessAssignment";
      readonly accessAssignmentId: string;
      readonly securityGroupId: string;
      readonly roleDefinitionIds: readonly string[];
      readonly target: "active" | "deleted";
    }
  | { readonly kind: "relationship"; readonly action: RelationshipWork; readonly roleDefinitionIds: readonly string[] };

export interface OperationRecord {
  readonly id: string;
  readonly operationType: OperationType;
  readonly status: OperationStatus;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  /** What it does; shown as Graph's `data` (a JSON string). */
  readonly subject: OperationSubject;
  readonly error?: { readonly code: string; readonly message: string };
}

/** What the helpers need of a relationship document. */
export interface WithAssignments {
  readonly id: string;
  readonly accessAssignments?: readonly AccessAssignmentRecord[];
  readonly operations?: readonly OperationRecord[];
}

export function assignmentEtag(assignment: Pick<AccessAssignmentRecord, "version">): string {
  return `v${assignment.version}`;
}

/**
 * An operation's id, derived from the write that starts it (relationship, the version that write makes, and what it
 * is about): the same on every ETag retry of that write, different for every later change.
 */
export function operationIdFor(relationshipId: string, version: number, about: string): string {
  return uuidFrom(`operation:${relationshipId}:${version}:${about}`);
}

export function findAssignment(document: WithAssignments, id: string): AccessAssignmentRecord | undefined {
  const wanted = normalizeGuid(id);
  return (document.accessAssignments ?? []).find((assignment) => assignment.id === wanted);
}

export function findOperation(document: WithAssignments, id: string): OperationRecord | undefined {
  const wanted = normalizeGuid(id);
  return (document.operations ?? []).find((operation) => operation.id === wanted);
}

export function isOpen(operation: Pick<OperationRecord, "status">): boolean {
  return operation.status === "notStarted" || operation.status === "running";
}

/** The assignment's operations not yet finished. */
export function openOperationsOf(document: WithAssignments, assignmentId: string): OperationRecord[] {
  return (document.operations ?? []).filter(
    (operation) =>
      isOpen(operation) &&
      operation.subject.kind === "accessAssignment" &&
      operation.subject.accessAssignmentId === assignmentId
  );
}

/** Replaces the assignment with the same id, or adds it; keeps only the most recent deleted ones. */
export function withAssignment<T extends WithAssignments>(document: T, assignment: AccessAssignmentRecord): T {
  const existing = document.accessAssignments ?? [];
  const known = existing.some((candidate) => candidate.id === assignment.id);
  return withAssignments(
    document,
    known
      ? existing.map((candidate) => (candidate.id === assignment.id ? assignment : candidate))
      : [...existing, assignment]
  );
}

/** Sets the whole list, keeping only the most recent deleted assignments. */
export function withAssignments<T extends WithAssignments>(document: T, all: readonly AccessAssignmentRecord[]): T {
  return { ...document, accessAssignments: trimDeleted(all) };
}

/** Replaces the operation with the same id, or adds it at the end; keeps the most recent `maxOperationsKept`. */
export function withOperation<T extends WithAssignments>(document: T, operation: OperationRecord): T {
  const existing = document.operations ?? [];
  const known = existing.some((candidate) => candidate.id === operation.id);
  const all = known
    ? existing.map((candidate) => (candidate.id === operation.id ? operation : candidate))
    : [...existing, operation];
  return { ...document, operations: all.slice(-maxOperationsKept) };
}

/** Finishes an operation (if it is still open), with an error when it failed. */
export function finishedOperation(
  operation: OperationRecord,
  status: "succeeded" | "failed",
  at: string,
  error?: OperationRecord["error"]
): OperationRecord {
  if (!isOpen(operation)) return operation;
  return { ...operation, status, lastModifiedDateTime: at, ...(error ? { error } : {}) };
}

export function newOperation(id: string, subject: OperationSubject, at: string): OperationRecord {
  const operationType: OperationType =
    subject.kind === "accessAssignment" ? "delegatedAdminAccessAssignmentUpdate" : "delegatedAdminRelationshipUpdate";
  return { id, operationType, status: "notStarted", createdDateTime: at, lastModifiedDateTime: at, subject };
}

function trimDeleted(all: readonly AccessAssignmentRecord[]): AccessAssignmentRecord[] {
  const deleted = all.filter((assignment) => assignment.status === "deleted");
  if (deleted.length <= maxDeletedAssignmentsKept) return [...all];
  const dropped = new Set(
    [...deleted]
      .sort((a, b) => a.lastModifiedDateTime.localeCompare(b.lastModifiedDateTime))
      .slice(0, deleted.length - maxDeletedAssignmentsKept)
      .map((assignment) => assignment.id)
  );
  return all.filter((assignment) => !dropped.has(assignment.id));
}
