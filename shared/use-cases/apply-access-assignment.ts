/**
 * Brings the access documents in line with one access assignment (role-grants queue, after its create, PATCH or
 * DELETE): the group is listed in the relationship's grant of each role it should hold and taken out of every
 * other role it may be listed in (`heldRoles`), then the assignment is `active` (or `deleted`) and its operations
 * `succeeded`, in one write.
 *
 * Safe to run twice and from wherever a crash left it: listing a group that is listed, or removing one that is
 * gone, changes nothing, and a message whose work is done finds nothing to do. A change made meanwhile (a newer
 * PATCH, a DELETE, the relationship ending) is never overwritten: the final write happens only if the assignment
 * is still as this run found it, and the newer change's own message finishes the job.
 *
 * A grant that is not there to list the group in can never be fixed by retrying: the assignment goes `error`, its
 * operation `failed`, and the message is dead-lettered.
 */
import { removeGroupGrants } from "../grants/grant-revocation";
import {
  findAssignment,
  finishedOperation,
  openOperationsOf,
  withAssignment,
  type AccessAssignmentRecord
} from "../assignments/assignment-records";
import { assignableStatuses, type AccessAssignmentStatus } from "../domain/access-assignments";
import { findRole, roleIdsOf } from "../domain/roles";
import { PermanentMessageError } from "../errors";
import type { ApplyAccessAssignmentMessage } from "../messaging/messages";
import type { RelationshipChange } from "../relationships/change-relationship";
import type { StoredRelationship } from "../relationships/relationship-document";
import { recordAssignmentFailure } from "./assignment-failures";
import { changeIfNeeded, readRelationship, type GrantPorts } from "./revoke-grants";

export interface AssignmentOutcome {
  readonly status: AccessAssignmentStatus;
  readonly heldRoles: readonly string[];
  /** Why nothing (more) was done, for the log. */
  readonly note?: string;
}

export const grantMissingReason = "GrantMissing";
/** Rounds when a grant is missing because the relationship changed under this run (it then starts again). */
const maxRounds = 3;

export async function applyAccessAssignment(
  ports: GrantPorts,
  message: ApplyAccessAssignmentMessage
): Promise<AssignmentOutcome> {
  const ref = { partnerTenantId: message.partnerTenantId, relationshipId: message.relationshipId };
  for (let round = 1; ; round += 1) {
    const relationship = await readRelationship(ports, ref);
    const assignment = requireAssignment(relationship, message.accessAssignmentId);
    if (assignment.status !== "pending" && assignment.status !== "deleting")
      return closeOperations(ports, message, assignment);
    const desired = desiredRoles(relationship, assignment);
    const missing = await converge(ports, relationship, assignment, desired);
    if (missing.length > 0) {
      const again = findAssignment(await readRelationship(ports, ref), assignment.id);
      if (round < maxRounds && again && (again.version !== assignment.version || again.status !== assignment.status))
        continue;
      const names = missing.map((roleId) => findRole(roleId)?.displayName ?? roleId).join(", ");
      const error = {
        code: "grantMissing",
        message: `The relationship's grant of ${names} is not in place, so the group cannot be given it. Support has been alerted.`
      };
      await recordAssignmentFailure(ports, message, error, assignment.version);
      throw new PermanentMessageError(
        grantMissingReason,
        `Relationship ${ref.relationshipId} has no grant of ${missing.join(", ")} for assignment ${assignment.id}.`
      );
    }
    const final = await changeIfNeeded(ports, ref, (document, now) => finished(document, assignment, desired, now));
    const after = findAssignment(final, assignment.id) ?? assignment;
    const note = after.status === assignment.status ? "changed meanwhile: the newer change finishes it" : undefined;
    return { status: after.status, heldRoles: after.heldRoles, ...(note ? { note } : {}) };
  }
}

function requireAssignment(relationship: StoredRelationship, id: string): AccessAssignmentRecord {
  const assignment = findAssignment(relationship, id);
  if (!assignment)
    throw new PermanentMessageError(
      "UnknownAccessAssignment",
      `Relationship ${relationship.id} has no access assignment ${id}.`
    );
  return assignment;
}

/** What the group should hold: the roles asked for that the relationship gives now; nothing once it is being deleted. */
function desiredRoles(relationship: StoredRelationship, assignment: AccessAssignmentRecord): string[] {
  if (assignment.status === "deleting" || !assignableStatuses.includes(relationship.status)) return [];
  const given = new Set(roleIdsOf(relationship.accessDetails.unifiedRoles));
  return roleIdsOf(assignment.accessDetails.unifiedRoles).filter((roleId) => given.has(roleId));
}

/** Takes the group out of the roles it should no longer hold, lists it in the others; returns roles with no grant. */
async function converge(
  ports: GrantPorts,
  relationship: StoredRelationship,
  assignment: AccessAssignmentRecord,
  desired: readonly string[]
): Promise<string[]> {
  const group = { accessAssignmentId: assignment.id, securityGroupId: assignment.accessContainer.accessContainerId };
  await removeGroupGrants(
    ports,
    relationship,
    group,
    assignment.heldRoles.filter((roleId) => !desired.includes(roleId))
  );
  const customerTenantId = relationship.customer.tenantId;
  if (desired.length > 0 && !customerTenantId) return [...desired];
  const missing: string[] = [];
  for (const roleId of desired) {
    const outcome = await ports.grantStore.putGroup(customerTenantId as string, relationship.partnerTenantId, roleId, {
      relationshipId: relationship.id,
      ...group
    });
    if (outcome === "noGrant") missing.push(roleId);
  }
  return missing;
}

/** The one write that ends the work, if the assignment is still as this run found it. */
function finished(
  document: StoredRelationship,
  found: AccessAssignmentRecord,
  desired: readonly string[],
  now: Date
): RelationshipChange | undefined {
  const current = findAssignment(document, found.id);
  if (!current || current.version !== found.version || current.status !== found.status) return undefined;
  const at = now.toISOString();
  const { error: _cleared, ...rest } = current;
  const status = current.status === "deleting" ? "deleted" : "active";
  const assignment: AccessAssignmentRecord = { ...rest, status, heldRoles: [...desired], lastModifiedDateTime: at };
  return {
    document: withOperationsClosed(withAssignment(document, assignment), current.id, at),
    action: status === "active" ? "accessAssignmentApplied" : "accessAssignmentRemoved",
    actor: { kind: "system" },
    bookkeeping: true,
    details: {
      accessAssignment: {
        id: current.id,
        securityGroupId: current.accessContainer.accessContainerId,
        roles: desired,
        status
      }
    }
  };
}

/** Nothing to apply (already active, deleted, or in error): only operations left open get their outcome. */
async function closeOperations(
  ports: GrantPorts,
  message: ApplyAccessAssignmentMessage,
  assignment: AccessAssignmentRecord
): Promise<AssignmentOutcome> {
  const ref = { partnerTenantId: message.partnerTenantId, relationshipId: message.relationshipId };
  await changeIfNeeded(ports, ref, (document, now) => {
    const current = findAssignment(document, assignment.id);
    if (
      !current ||
      openOperationsOf(document, current.id).length === 0 ||
      current.status === "pending" ||
      current.status === "deleting"
    )
      return undefined;
    const at = now.toISOString();
    const next =
      current.status === "error"
        ? withOperationsClosed(document, current.id, at, current.error)
        : withOperationsClosed(document, current.id, at);
    return { document: next, action: "accessAssignmentOperationsClosed", actor: { kind: "system" }, bookkeeping: true };
  });
  return {
    status: assignment.status,
    heldRoles: assignment.heldRoles,
    note: `nothing to apply: the assignment is ${assignment.status}`
  };
}

function withOperationsClosed(
  document: StoredRelationship,
  assignmentId: string,
  at: string,
  error?: AccessAssignmentRecord["error"]
): StoredRelationship {
  const open = new Set(openOperationsOf(document, assignmentId).map((operation) => operation.id));
  if (open.size === 0) return document;
  const operations = (document.operations ?? []).map((operation) =>
    open.has(operation.id) ? finishedOperation(operation, error ? "failed" : "succeeded", at, error) : operation
  );
  return { ...document, operations };
}
