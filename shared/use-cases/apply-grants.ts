/**
 * Gives the partner the roles the customer accepted: approved → activating (the activation time and end date are
 * fixed here, once) → one grant per role in the access store, each audited → active.
 *
 * Safe to run twice, and from any point a crash left it at: `activating` carries on with the dates it stored,
 * `active` re-puts the same grants (nothing changes) and completes, and a relationship that was terminated or
 * lost its roles meanwhile gets nothing. If a removal or termination raced with this run (its revocation done
 * before our grants landed), the grants that no longer belong are taken back at the end. Once active, the group
 * assignments of the template it was made from are created (template-assignments.ts), once each.
 */
import type { RoleGrant } from "../grants/role-grants";
import { grantAuditRecord } from "../grants/grant-revocation";
import { withWorkFinished, withWorkRunning } from "../assignments/relationship-work";
import { endDateTime } from "../domain/lifecycle";
import { durationDaysOf } from "../relationships/relationship-document";
import type { RelationshipStatus } from "../domain/relationship";
import { roleIdsOf } from "../domain/roles";
import { PermanentMessageError } from "../errors";
import type { ApplyGrantsMessage } from "../messaging/messages";
import type { AuditRecord } from "../outbox/outbox-entry";
import type { RelationshipChange } from "../relationships/change-relationship";
import { recordFailure } from "../relationships/record-failure";
import { transitioned } from "../relationships/transition";
import { createTemplateAssignments } from "./template-assignments";
import {
  changeIfNeeded,
  readRelationship,
  recordCustomerChange,
  revokeRoleGrantsNow,
  type GrantedRelationship,
  type GrantOutcome,
  type GrantPorts,
  type RelationshipRef,
  type RevokeReason
} from "./revoke-grants";

/** The code `onGiveUp` records when the grants cannot be applied; a later successful run clears it. */
export const grantsNotAppliedCode = "grantsNotApplied";

const invalidRelationship = "InvalidRelationship";
const systemActor: AuditRecord["actor"] = { kind: "system" };
const grantingStatuses: readonly RelationshipStatus[] = ["activating", "active", "expiring"];

export async function applyGrants(ports: GrantPorts, message: ApplyGrantsMessage): Promise<GrantOutcome> {
  const ref = { partnerTenantId: message.partnerTenantId, relationshipId: message.relationshipId };
  try {
    return await applyTo(ports, ref, message.operationId);
  } catch (error) {
    // Dead-lettered at once, without retries: say so on the relationship too, or it would hang in silence.
    if (error instanceof PermanentMessageError && error.reason === invalidRelationship) {
      await recordFailure(ports, {
        ...ref,
        code: grantsNotAppliedCode,
        message:
          "The roles could not be granted: the relationship's stored data is not usable. Support has been alerted.",
        operationId: message.operationId
      });
    }
    throw error;
  }
}

async function applyTo(
  ports: GrantPorts,
  ref: RelationshipRef,
  operationId: string | undefined
): Promise<GrantOutcome> {
  let current = await readRelationship(ports, ref);
  // Starting the activation here means its grants were never written: each is most likely a new document.
  const starting = current.status === "approved" || (current.status === "activating" && !hasActivationDates(current));
  if (starting) {
    // Read again inside the change, not started from the read above: the acceptance's outbox is usually being
    // cleared just then (its message brought us here), and a write from the first read would mostly fail on the
    // ETag and cost a read and a write more (bench:grants: +1.0 requests per activation when tried).
    current = await changeIfNeeded(ports, ref, (document, now) => startActivation(document, now, operationId));
  }
  if (!grantingStatuses.includes(current.status)) {
    return {
      status: current.status,
      grantedRoles: [],
      revokedRoles: [],
      note: `nothing to grant: the relationship is ${current.status}`
    };
  }
  const granted = await putGrants(ports, current, starting);
  // Read again after the grants are in: whatever happened meanwhile (a removal, a termination) is seen here.
  const final =
    current.status === "activating"
      ? await changeIfNeeded(ports, ref, (document, now) =>
          document.status === "activating" ? activate(document, now, operationId) : undefined
        )
      : await readRelationship(ports, ref);
  if (final.status === "active" || final.status === "expiring") {
    await recordCustomerChange(ports, final, "active");
    await createTemplateAssignments(ports, final);
  }
  const stillGranted = grantingStatuses.includes(final.status) ? roleIdsOf(final.accessDetails.unifiedRoles) : [];
  const stray = granted.filter((roleId) => !stillGranted.includes(roleId));
  const revoked = stray.length > 0 ? await revokeRoleGrantsNow(ports, final, stray, revokeReasonFor(final)) : [];
  return { status: final.status, grantedRoles: granted, revokedRoles: revoked };
}

/** approved → activating with the activation time and end date fixed, so every later step reuses the same dates. */
function startActivation(
  document: GrantedRelationship,
  now: Date,
  operationId: string | undefined
): RelationshipChange | undefined {
  if (document.status !== "approved" && !(document.status === "activating" && !hasActivationDates(document)))
    return undefined;
  const days = durationDaysOf(document);
  if (days === undefined)
    throw new PermanentMessageError(invalidRelationship, `Relationship ${document.id} has an unreadable duration.`);
  const base = document.status === "approved" ? transitioned(document, "startActivation") : document;
  return {
    document: withWorkRunning(
      { ...base, activatedDateTime: now.toISOString(), endDateTime: endDateTime(now, days).toISOString() },
      operationId,
      now
    ),
    action: "activationStarted",
    actor: systemActor
  };
}

function activate(document: GrantedRelationship, now: Date, operationId: string | undefined): RelationshipChange {
  const next = withWorkFinished(transitioned(document, "activate"), operationId, now);
  // A failure recorded by an earlier, given-up delivery is over once the roles are in.
  const { lastError, ...withoutError } = next;
  return {
    document: lastError?.code === grantsNotAppliedCode ? withoutError : next,
    action: "activated",
    actor: systemActor
  };
}

/** Puts this relationship's grant of each of its roles, auditing each; returns the roles granted. */
async function putGrants(ports: GrantPorts, relationship: GrantedRelationship, likelyNew: boolean): Promise<string[]> {
  const customerTenantId = relationship.customer.tenantId;
  const roleIds = roleIdsOf(relationship.accessDetails.unifiedRoles);
  if (roleIds.length === 0) return [];
  if (!customerTenantId || !hasActivationDates(relationship)) {
    throw new PermanentMessageError(
      invalidRelationship,
      `Relationship ${relationship.id} has no customer tenant or no activation dates.`
    );
  }
  const grant: RoleGrant = {
    relationshipId: relationship.id,
    grantedDateTime: relationship.activatedDateTime,
    endDateTime: relationship.endDateTime
  };
  for (const roleId of roleIds) {
    await ports.grantStore.putGrant(customerTenantId, relationship.partnerTenantId, roleId, grant, { likelyNew });
    await ports.auditLog.append(
      grantAuditRecord(relationship, roleId, "grantApplied", ports.clock.now(), {
        grantedDateTime: grant.grantedDateTime,
        endDateTime: grant.endDateTime
      })
    );
  }
  return roleIds;
}

function hasActivationDates<T extends GrantedRelationship>(
  document: T
): document is T & { activatedDateTime: string; endDateTime: string } {
  return document.activatedDateTime !== undefined && document.endDateTime !== undefined;
}

function revokeReasonFor(relationship: GrantedRelationship): RevokeReason {
  if (relationship.status === "expired") return "expired";
  if (
    relationship.status === "terminationRequested" ||
    relationship.status === "terminating" ||
    relationship.status === "terminated"
  )
    return "terminated";
  return "rolesRemoved";
}
