/**
 * What a partner does with its own relationships after inviting: read, list, switch auto-extend, cancel a pending
 * invitation, resend it, terminate. Reads are point reads or single-partition queries in the partner's partition;
 * every change goes through changeRelationship (ETag-guarded, audited).
 */
import type { Clock } from "../clock";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { addDays } from "../domain/iso-duration";
import { validateAutoExtendUpdate } from "../domain/invitation-rules";
import type { RelationshipStatus } from "../domain/relationship";
import { changeRelationship } from "../relationships/change-relationship";
import type { Limiter, Admission } from "../limits/limiter";
import type { OutboxPorts } from "../outbox/drain-outbox";
import type { AuditRecord } from "../outbox/outbox-entry";
import type { Page } from "../relationships/ports";
import type { VersionedRelationship } from "../relationships/relationship-document";
import { transitioned } from "../relationships/transition";

export type PartnerPorts = OutboxPorts & { readonly clock: Clock };
export type ResendPorts = PartnerPorts & { readonly limiter: Limiter };

export interface PartnerRequest {
  readonly partnerTenantId: string;
  readonly relationshipId: string;
  readonly actor: AuditRecord["actor"];
  readonly ifMatch?: string;
}

export async function getPartnerRelationship(ports: PartnerPorts, partnerTenantId: string, relationshipId: string): Promise<VersionedRelationship> {
  const found = await ports.store.get(partnerTenantId, relationshipId);
  if (!found) throw new NotFoundError("No such relationship.");
  return found;
}

export interface ListQuery {
  readonly status?: RelationshipStatus;
  readonly customerTenantId?: string;
  readonly expiringWithinDays?: number;
  readonly top: number;
  readonly continuation?: string;
}

export function listPartnerRelationships(ports: PartnerPorts, partnerTenantId: string, query: ListQuery): Promise<Page<VersionedRelationship>> {
  const endingBy = query.expiringWithinDays === undefined ? undefined : addDays(ports.clock.now(), query.expiringWithinDays).toISOString();
  return ports.store.listByPartner(
    partnerTenantId,
    { status: query.status, customerTenantId: query.customerTenantId?.toLowerCase(), endingBy },
    query.top,
    query.continuation
  );
}

/** The one field that stays editable after the invitation is sent (as in Graph). */
export function updateAutoExtend(ports: PartnerPorts, request: PartnerRequest, autoExtendDuration: string): Promise<VersionedRelationship> {
  return changeRelationship(ports, request, (current) => {
    const errors = validateAutoExtendUpdate(current, autoExtendDuration);
    if (errors.length > 0) throw new ValidationError(errors);
    if (["expired", "terminated", "declined", "cancelled", "terminationRequested", "terminating"].includes(current.status)) {
      throw new ConflictError(`Auto-extend cannot change on a relationship that is ${current.status}.`);
    }
    return { document: { ...current, autoExtendDuration }, action: "autoExtendChanged", actor: request.actor };
  });
}

/** DELETE while pending: the invitation link stops working at once. */
export function cancelInvitation(ports: PartnerPorts, request: PartnerRequest): Promise<VersionedRelationship> {
  return changeRelationship(ports, request, (current) => ({
    document: transitioned(current, "cancel"),
    action: "invitationCancelled",
    actor: request.actor
  }));
}

/**
 * Resending is limited three ways: per invitation (counted on the relationship, in the same write), per partner and
 * per customer address (checked just before the write, and given back if the write does not happen).
 */
export async function resendInvitation(ports: ResendPorts, request: PartnerRequest): Promise<VersionedRelationship> {
  let admission: Admission | undefined;
  const admit = async (next: VersionedRelationship["document"], now: Date) => {
    admission ??= await ports.limiter.admitResend(next.partnerTenantId, next.customer.adminEmail, now);
  };
  try {
    return await changeRelationship(ports, request, (current, now) => {
      if (current.status !== "approvalPending") throw new ConflictError(`Only a pending invitation can be resent; this one is ${current.status}.`);
      if (now >= new Date(current.invitation.expiresDateTime)) throw new ConflictError("This invitation has expired; send a new one.");
      const resendWindow = ports.limiter.countInvitationResend(current.invitation.resendWindow, now);
      const sendCount = current.invitation.sendCount + 1;
      return {
        document: { ...current, invitation: { ...current.invitation, sendCount, resendWindow } },
        action: "invitationResent",
        actor: request.actor,
        publish: [{ kind: "sendInvitationEmail", partnerTenantId: current.partnerTenantId, relationshipId: current.id, sendNumber: sendCount }]
      };
    }, admit);
  } catch (error) {
    await admission?.release();
    throw error;
  }
}

/** Either side may end a relationship; revoking the grants and the final status follow asynchronously. */
export function requestTermination(ports: PartnerPorts, request: PartnerRequest, side: "partner" | "customer", visibleTo?: (d: VersionedRelationship["document"]) => boolean) {
  return changeRelationship(ports, { ...request, visibleTo }, (current, now) => {
    if (current.status === "approvalPending") {
      throw new ConflictError(side === "partner" ? "This invitation is still pending: cancel it (DELETE) instead." : "This invitation is still pending: decline it instead.");
    }
    return {
      document: { ...transitioned(current, "requestTermination"), termination: { requestedBy: side, requestedDateTime: now.toISOString() } },
      action: "terminationRequested",
      actor: request.actor,
      publish: [{ kind: "revokeGrants", partnerTenantId: current.partnerTenantId, relationshipId: current.id, reason: "terminated" }]
    };
  });
}
