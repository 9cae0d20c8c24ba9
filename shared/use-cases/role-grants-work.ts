/**
 * The role-grants queue's three kinds of work, and what each owes people when it fails: grants applied after
 * acceptance, grants revoked (Remove roles, termination, expiry), and access assignments applied. A failed attempt
 * that will be retried marks its operation `running`; giving up records the failure on the relationship (its
 * `lastError` and its operation `failed`) or on the assignment (`error`, operation `failed`).
 */
import type { RoleGrantsQueueMessage, RevokeGrantsMessage } from "../messaging/messages";
import { recordFailure } from "../relationships/record-failure";
import { grantsNotRevokedCode } from "../relationships/relationship-requests";
import { applyAccessAssignment, type AssignmentOutcome } from "./apply-access-assignment";
import { applyGrants, grantsNotAppliedCode } from "./apply-grants";
import { assignmentNotAppliedError, recordAssignmentFailure, recordOperationRunning } from "./assignment-failures";
import { revokeGrants, type GrantOutcome, type GrantPorts } from "./revoke-grants";

const revokeFailures: Record<RevokeGrantsMessage["reason"], string> = {
  rolesRemoved:
    "The removed roles could not be revoked; they may still be usable until their end date. Support has been alerted.",
  terminated: "The roles could not be revoked to finish the termination. Support has been alerted.",
  expired:
    "The roles of this expired relationship could not be revoked; access checks already deny them. Support has been alerted."
};

/** Does the work; resolves with a line for the log. */
export async function handleRoleGrantsMessage(ports: GrantPorts, message: RoleGrantsQueueMessage): Promise<string> {
  switch (message.kind) {
    case "applyGrants":
      return describeGrants(await applyGrants(ports, message));
    case "revokeGrants":
      return describeGrants(await revokeGrants(ports, message));
    case "applyAccessAssignment":
      return describeAssignment(message.accessAssignmentId, await applyAccessAssignment(ports, message));
  }
}

export async function recordRoleGrantsRetry(ports: GrantPorts, message: RoleGrantsQueueMessage): Promise<void> {
  if (message.operationId) await recordOperationRunning(ports, message, message.operationId);
}

export async function recordRoleGrantsGiveUp(ports: GrantPorts, message: RoleGrantsQueueMessage): Promise<void> {
  switch (message.kind) {
    case "applyGrants":
      return recordFailure(ports, {
        ...message,
        code: grantsNotAppliedCode,
        message:
          "The roles could not be granted; the partner cannot use them yet. Support has been alerted and will retry."
      });
    case "revokeGrants":
      return recordFailure(ports, { ...message, code: grantsNotRevokedCode, message: revokeFailures[message.reason] });
    case "applyAccessAssignment":
      return recordAssignmentFailure(ports, message, assignmentNotAppliedError);
  }
}

function describeGrants(outcome: GrantOutcome): string {
  const parts = [`status ${outcome.status}`];
  if (outcome.grantedRoles.length > 0) parts.push(`granted ${outcome.grantedRoles.length} role(s)`);
  if (outcome.revokedRoles.length > 0) parts.push(`revoked ${outcome.revokedRoles.length} role(s)`);
  if (outcome.note) parts.push(outcome.note);
  return parts.join("; ");
}

function describeAssignment(id: string, outcome: AssignmentOutcome): string {
  const parts = [`assignment ${id} ${outcome.status}`, `${outcome.heldRoles.length} role(s) held`];
  if (outcome.note) parts.push(outcome.note);
  return parts.join("; ");
}
