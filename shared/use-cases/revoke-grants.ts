/**
 * Takes a relationship's role grants away, for the three reasons a `revokeGrants` message carries:
 *   rolesRemoved → the customer removed the roles: the relationship stays as it is, its grants go;
 *   terminated   → terminationRequested → terminating → (revoke every grant) → terminated, and both sides are told;
 *   expired      → a timer already set `expired`: revoke every grant and tell both sides.
 * For Remove roles and termination the request itself already took the grants out (shared/grants/grant-revocation.ts),
 * so here there is usually nothing left to remove. Either way the work ends with the relationship's operation
 * `succeeded` and every access assignment `deleted`.
 * Safe to run twice: a grant is audited (deterministic id) before it is removed, so a crash between the two is
 * finished by the redelivery, and a redelivery that finds nothing to remove writes nothing.
 */
import type { GrantStore } from "../grants/role-grants";
import { revokeRoleGrants } from "../grants/grant-revocation";
import { withAssignmentsDeleted, withWorkFinished, withWorkRunning } from "../assignments/relationship-work";
import type { Clock } from "../clock";
import type { RelationshipStatus } from "../domain/relationship";
import { everyRoleOf, roleIdsOf } from "../domain/roles";
import { NotFoundError } from "../errors";
import type { RelationshipNoticeMessage, RevokeGrantsMessage } from "../messaging/messages";
import type { OutboxPorts } from "../outbox/drain-outbox";
import type { AuditRecord } from "../outbox/outbox-entry";
import { changeRelationship, type RelationshipChange } from "../relationships/change-relationship";
import type { StoredRelationship } from "../relationships/relationship-document";
import { transitioned } from "../relationships/transition";
import {
  withActiveRelationship,
  withEndedRelationship,
  type PartnerCustomerIndex
} from "../relationships/partner-customers";

export type GrantPorts = OutboxPorts & {
  readonly clock: Clock;
  readonly grantStore: GrantStore;
  readonly partnerCustomers: PartnerCustomerIndex;
};
export type RevokeReason = RevokeGrantsMessage["reason"];

export interface RelationshipRef {
  readonly partnerTenantId: string;
  readonly relationshipId: string;
}

/** The relationship as the grant use cases read it. */
export type GrantedRelationship = StoredRelationship;

export interface GrantOutcome {
  readonly status: RelationshipStatus;
  readonly grantedRoles: readonly string[];
  readonly revokedRoles: readonly string[];
  /** Why nothing (more) was done, for the log. */
  readonly note?: string;
}

const systemActor: AuditRecord["actor"] = { kind: "system" };

export async function revokeGrants(ports: GrantPorts, message: RevokeGrantsMessage): Promise<GrantOutcome> {
  const ref = { partnerTenantId: message.partnerTenantId, relationshipId: message.relationshipId };
  const current = await readRelationship(ports, ref);
  switch (message.reason) {
    case "rolesRemoved": {
      const revoked = await revokeRoleGrantsNow(ports, current, roleIdsOf(current.removedRoles ?? []), "rolesRemoved");
      const final = await changeIfNeeded(ports, ref, (document, now) => {
        const next = withAssignmentsDeleted(withWorkFinished(document, message.operationId, now), now);
        return next === document
          ? undefined
          : { document: next, action: "rolesRemovedApplied", actor: systemActor, bookkeeping: true };
      });
      return { status: final.status, grantedRoles: [], revokedRoles: revoked };
    }
    case "terminated":
      return terminate(ports, ref, current, message.operationId);
    case "expired":
      return expire(ports, ref, current, message.operationId);
  }
}

async function terminate(
  ports: GrantPorts,
  ref: RelationshipRef,
  start: GrantedRelationship,
  operationId: string | undefined
): Promise<GrantOutcome> {
  let current = start;
  if (current.status === "terminationRequested") {
    current = await changeIfNeeded(ports, ref, (document, now) =>
      document.status === "terminationRequested"
        ? {
            document: withWorkRunning(transitioned(document, "startTermination"), operationId, now),
            action: "terminationStarted",
            actor: systemActor
          }
        : undefined
    );
  }
  if (current.status !== "terminating" && current.status !== "terminated") {
    return {
      status: current.status,
      grantedRoles: [],
      revokedRoles: [],
      note: `no termination under way (status ${current.status}); nothing revoked`
    };
  }
  const revoked = await revokeRoleGrantsNow(ports, current, everyRoleOf(current), "terminated");
  const final = await changeIfNeeded(ports, ref, (document, now) =>
    document.status === "terminating"
      ? {
          document: withAssignmentsDeleted(
            withWorkFinished(
              { ...transitioned(document, "completeTermination", now), accessRevokedDateTime: now.toISOString() },
              operationId,
              now
            ),
            now
          ),
          action: "terminated",
          actor: systemActor,
          publish: [notice(document, "terminated")]
        }
      : undefined
  );
  if (final.status === "terminated") await recordCustomerChange(ports, final, "ended");
  return { status: final.status, grantedRoles: [], revokedRoles: revoked };
}

async function expire(
  ports: GrantPorts,
  ref: RelationshipRef,
  current: GrantedRelationship,
  operationId: string | undefined
): Promise<GrantOutcome> {
  if (current.status !== "expired") {
    return {
      status: current.status,
      grantedRoles: [],
      revokedRoles: [],
      note: `the relationship is ${current.status}, not expired; nothing revoked`
    };
  }
  const revoked = await revokeRoleGrantsNow(ports, current, everyRoleOf(current), "expired");
  const final = await changeIfNeeded(ports, ref, (document, now) =>
    document.status === "expired" && !document.accessRevokedDateTime
      ? // No email here: the timer queued the day-0 notice (expiry0) in the same write that expired the relationship.
        {
          document: withAssignmentsDeleted(
            withWorkFinished({ ...document, accessRevokedDateTime: now.toISOString() }, operationId, now),
            now
          ),
          action: "accessRevoked",
          actor: systemActor,
          bookkeeping: true
        }
      : undefined
  );
  await recordCustomerChange(ports, final, "ended");
  return { status: final.status, grantedRoles: [], revokedRoles: revoked };
}

/** Removes this relationship's grant of each role (auditing each), now; returns the roles whose grant it removed. */
export function revokeRoleGrantsNow(
  ports: GrantPorts,
  relationship: GrantedRelationship,
  roleIds: readonly string[],
  reason: RevokeReason
): Promise<string[]> {
  return revokeRoleGrants(ports, relationship, roleIds, reason, ports.clock.now());
}

/**
 * Keeps Graph's delegatedAdminCustomers in step (relationships/partner-customers.ts): a relationship counts while
 * active and stops counting once it ends. Done after the status write, so a crash in between is finished by the
 * message's redelivery; doing it twice changes nothing.
 */
export async function recordCustomerChange(
  ports: GrantPorts,
  relationship: GrantedRelationship,
  change: "active" | "ended"
): Promise<void> {
  const customerTenantId = relationship.customer.tenantId;
  if (!customerTenantId) return;
  const event = {
    partnerTenantId: relationship.partnerTenantId,
    customerTenantId,
    relationshipId: relationship.id,
    at: ports.clock.now().toISOString(),
    ...(relationship.customer.displayName ? { displayName: relationship.customer.displayName } : {})
  };
  await ports.partnerCustomers.update(relationship.partnerTenantId, customerTenantId, (current) =>
    change === "active" ? withActiveRelationship(current, event) : withEndedRelationship(current, event)
  );
}

export async function readRelationship(ports: GrantPorts, ref: RelationshipRef): Promise<GrantedRelationship> {
  const found = await ports.store.get(ref.partnerTenantId, ref.relationshipId);
  if (!found) throw new NotFoundError(`No relationship ${ref.relationshipId} for partner ${ref.partnerTenantId}.`);
  return found.document;
}

class NothingToChange extends Error {
  constructor(readonly current: StoredRelationship) {
    super("nothing to change");
  }
}

/**
 * changeRelationship for background work that only sometimes has something to do: `decide` sees the current
 * document (re-read on every ETag retry) and returns undefined when it is already where it should be, and then
 * nothing is written. Resolves with the document as written, or as found.
 */
export async function changeIfNeeded(
  ports: GrantPorts,
  ref: RelationshipRef,
  decide: (current: GrantedRelationship, now: Date) => RelationshipChange | undefined
): Promise<GrantedRelationship> {
  try {
    const written = await changeRelationship(ports, ref, (current, now) => {
      const change = decide(current, now);
      if (!change) throw new NothingToChange(current);
      return change;
    });
    return written.document;
  } catch (error) {
    if (error instanceof NothingToChange) return error.current;
    throw error;
  }
}

function notice(
  relationship: StoredRelationship,
  kind: RelationshipNoticeMessage["notice"]
): RelationshipNoticeMessage {
  return {
    kind: "relationshipNotice",
    partnerTenantId: relationship.partnerTenantId,
    relationshipId: relationship.id,
    notice: kind
  };
}
