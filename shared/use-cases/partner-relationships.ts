/**
 * What a partner does with its own relationships after creating them: read, list, change the terms (all of them
 * while `created`, auto-extend after), delete a draft or cancel a pending invitation, resend it, terminate. Reads
 * are point reads or single-partition queries in the partner's partition; every change goes through
 * changeRelationship (ETag-guarded, audited).
 */
import { withAssignmentsEnding, withWorkStarted } from "../assignments/relationship-work";
import type { Clock } from "../clock";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { addDays } from "../domain/iso-duration";
import { validateAutoExtendUpdate, validateRelationship } from "../domain/invitation-rules";
import type { AccessDetails, RelationshipStatus } from "../domain/relationship";
import { everyRoleOf } from "../domain/roles";
import {
  deletionRefusal,
  editableTerms,
  frozenTermErrors,
  frozenTermsRule,
  type EditableTerm
} from "../domain/relationship-edits";
import { changeRelationship, type RelationshipChange } from "../relationships/change-relationship";
import type { Limiter, Admission } from "../limits/limiter";
import type { OutboxPorts } from "../outbox/drain-outbox";
import type { AuditRecord } from "../outbox/outbox-entry";
import type { Page } from "../relationships/ports";
import { isVisible, type StoredRelationship, type VersionedRelationship } from "../relationships/relationship-document";
import { transitioned } from "../relationships/transition";

export type PartnerPorts = OutboxPorts & { readonly clock: Clock };
export type ResendPorts = PartnerPorts & { readonly limiter: Limiter };

export interface PartnerRequest {
  readonly partnerTenantId: string;
  readonly relationshipId: string;
  readonly actor: AuditRecord["actor"];
  readonly ifMatch?: string;
}

export async function getPartnerRelationship(
  ports: PartnerPorts,
  partnerTenantId: string,
  relationshipId: string
): Promise<VersionedRelationship> {
  const found = await ports.store.get(partnerTenantId, relationshipId);
  if (!found || !isVisible(found.document)) throw new NotFoundError("No such relationship.");
  return found;
}

export interface ListQuery {
  readonly status?: RelationshipStatus;
  readonly customerTenantId?: string;
  readonly expiringWithinDays?: number;
  readonly top: number;
  readonly continuation?: string;
}

export function listPartnerRelationships(
  ports: PartnerPorts,
  partnerTenantId: string,
  query: ListQuery
): Promise<Page<VersionedRelationship>> {
  const endingBy =
    query.expiringWithinDays === undefined
      ? undefined
      : addDays(ports.clock.now(), query.expiringWithinDays).toISOString();
  return ports.store.listByPartner(
    partnerTenantId,
    { status: query.status, customerTenantId: query.customerTenantId?.toLowerCase(), endingBy },
    query.top,
    query.continuation
  );
}

/** A PATCH: the terms it names, with `null` clearing a customer field. */
export interface RelationshipPatch {
  readonly partnerType?: string;
  readonly displayName?: string;
  readonly customer?: {
    readonly adminEmail?: string | null;
    readonly tenantId?: string | null;
    readonly displayName?: string | null;
  };
  readonly accessDetails?: AccessDetails;
  readonly duration?: string;
  readonly autoExtendDuration?: string;
}

/**
 * Changes the terms a PATCH names, if the status lets them change (relationship-edits.ts: everything while
 * `created`, only auto-extend after that); the whole relationship is then checked again, so new roles and
 * auto-extend are judged together.
 */
export async function updateRelationship(
  ports: PartnerPorts,
  request: PartnerRequest,
  patch: RelationshipPatch
): Promise<VersionedRelationship> {
  const terms = editableTerms.filter((term) => patch[term] !== undefined);
  try {
    return await changeRelationship(ports, request, (current) => {
      const frozen = frozenTermErrors(current.status, terms);
      if (frozen.length > 0) throw new ConflictError(frozenTermsRule(current.status, frozen), frozen);
      if (current.status !== "created" || onlyAutoExtend(terms))
        return autoExtendChange(current, request, patch.autoExtendDuration);
      return termsChange(current, request, patch);
    });
  } catch (error) {
    if (error instanceof ConflictError && error.errors.length === 0 && patch.displayName !== undefined) {
      throw new ConflictError(error.message, [
        { field: "displayName", message: "is already used by another of your relationships that has not ended." }
      ]);
    }
    throw error;
  }
}

/** The one-step API's PATCH: auto-extend only. */
export function updateAutoExtend(
  ports: PartnerPorts,
  request: PartnerRequest,
  autoExtendDuration: string
): Promise<VersionedRelationship> {
  return updateRelationship(ports, request, { autoExtendDuration });
}

const onlyAutoExtend = (terms: readonly EditableTerm[]) =>
  terms.length > 0 && terms.every((term) => term === "autoExtendDuration");

function autoExtendChange(
  current: StoredRelationship,
  request: PartnerRequest,
  autoExtendDuration: string | undefined
): RelationshipChange {
  if (autoExtendDuration === undefined)
    return { document: current, action: "relationshipUpdated", actor: request.actor };
  const validation = validateAutoExtendUpdate(current, autoExtendDuration);
  if (!validation.ok) throw new ValidationError(validation.errors);
  return {
    document: { ...current, autoExtendDuration: validation.value },
    action: "autoExtendChanged",
    actor: request.actor
  };
}

function termsChange(
  current: StoredRelationship,
  request: PartnerRequest,
  patch: RelationshipPatch
): RelationshipChange {
  const customer = { ...current.customer, ...patch.customer };
  const validation = validateRelationship({
    partnerType: patch.partnerType ?? current.partnerType,
    displayName: patch.displayName ?? current.displayName,
    customer: Object.fromEntries(Object.entries(customer).filter(([, value]) => value !== null && value !== undefined)),
    accessDetails: patch.accessDetails ?? current.accessDetails,
    duration: patch.duration ?? current.duration,
    autoExtendDuration: patch.autoExtendDuration ?? current.autoExtendDuration
  });
  if (!validation.ok) throw new ValidationError(validation.errors);
  const terms = validation.value;
  return {
    document: {
      ...current,
      partnerType: terms.partnerType,
      displayName: terms.displayName,
      uniqueName: terms.displayName.toLowerCase(),
      customer: terms.customer,
      accessDetails: terms.accessDetails,
      duration: terms.duration,
      durationDays: terms.durationDays,
      autoExtendDuration: terms.autoExtendDuration
    },
    action: "relationshipUpdated",
    actor: request.actor
  };
}

/**
 * DELETE. A draft (`created`) goes: it is marked deleted, with its audit record, in one write, and the outbox then
 * removes the document. The one-step API's DELETE also withdraws a pending invitation (`cancelled`: the link stops
 * working at once, the relationship stays); Graph's refuses that, as Graph does (a terminate request withdraws it).
 */
export function deleteRelationship(
  ports: PartnerPorts,
  request: PartnerRequest,
  surface: "graph" | "api"
): Promise<VersionedRelationship> {
  return changeRelationship(ports, request, (current, now) => {
    if (current.status === "created") return deletion(current, now, request);
    if (surface === "api") return cancellation(current, now, request);
    throw new ConflictError(deletionRefusal(current.status) ?? `This relationship is ${current.status}.`);
  });
}

function deletion(current: StoredRelationship, now: Date, request: PartnerRequest): RelationshipChange {
  const { dueDateTime: _nothingDue, ...rest } = current;
  return {
    document: {
      ...rest,
      deletedDateTime: now.toISOString(),
      uniqueName: `${current.displayName.toLowerCase()}#${current.id}`
    },
    action: "relationshipDeleted",
    actor: request.actor,
    removeDocument: true
  };
}

/** The invitation link stops working at once. */
export function cancellation(
  current: StoredRelationship,
  now: Date,
  request: Pick<PartnerRequest, "actor">
): RelationshipChange {
  return { document: transitioned(current, "cancel", now), action: "invitationCancelled", actor: request.actor };
}

/**
 * Resending is limited three ways: per invitation (counted on the relationship, in the same write), per partner and
 * per customer address (checked just before the write, and given back if the write does not happen).
 */
export async function resendInvitation(ports: ResendPorts, request: PartnerRequest): Promise<VersionedRelationship> {
  let admission: Admission | undefined;
  const admit = async (next: VersionedRelationship["document"], now: Date) => {
    if (next.customer.adminEmail !== undefined)
      admission ??= await ports.limiter.admitResend(next.partnerTenantId, next.customer.adminEmail, now);
  };
  try {
    return await changeRelationship(
      ports,
      request,
      (current, now) => {
        const invitation = current.invitation;
        if (current.status !== "approvalPending" || !invitation)
          throw new ConflictError(`Only a pending invitation can be resent; this one is ${current.status}.`);
        if (current.customer.adminEmail === undefined) {
          throw new ConflictError(
            "This relationship has no customer address to email: share its invitation link with the customer yourself.",
            [{ field: "customer.adminEmail", message: "is not set, so there is nobody to email." }]
          );
        }
        if (now >= new Date(invitation.expiresDateTime))
          throw new ConflictError("This invitation has expired; send a new one.");
        const resendWindow = ports.limiter.countInvitationResend(invitation.resendWindow, now);
        const sendCount = invitation.sendCount + 1;
        return {
          document: { ...current, invitation: { ...invitation, sendCount, resendWindow } },
          action: "invitationResent",
          actor: request.actor,
          publish: [
            {
              kind: "sendInvitationEmail",
              partnerTenantId: current.partnerTenantId,
              relationshipId: current.id,
              sendNumber: sendCount
            }
          ]
        };
      },
      admit
    );
  } catch (error) {
    await admission?.release();
    throw error;
  }
}

/**
 * Either side may end a relationship. Access ends at once (the grants leave the access documents in this request);
 * the final status follows asynchronously.
 */
export function requestTermination(
  ports: PartnerPorts,
  request: PartnerRequest,
  side: "partner" | "customer",
  visibleTo?: (d: VersionedRelationship["document"]) => boolean
) {
  return changeRelationship(ports, { ...request, visibleTo }, (current, now) => {
    if (current.status === "approvalPending") {
      throw new ConflictError(
        side === "partner"
          ? "This invitation is still pending: cancel it (DELETE) instead."
          : "This invitation is still pending: decline it instead."
      );
    }
    return terminationChange(current, now, side, request.actor);
  });
}

/**
 * terminationRequested, with the revocation owed; a 409 naming the rule from a status that cannot be ended so.
 * Access ends at once: every grant (and every group listed in one) leaves the access documents before the request
 * answers, and the assignments are `deleting`; the queue work finishes the termination and the operation.
 */
export function terminationChange(
  current: StoredRelationship,
  now: Date,
  side: "partner" | "customer",
  actor: AuditRecord["actor"]
): RelationshipChange {
  const work = withWorkStarted(
    withAssignmentsEnding(transitioned(current, "requestTermination"), now),
    "terminate",
    now
  );
  return {
    document: { ...work.document, termination: { requestedBy: side, requestedDateTime: now.toISOString() } },
    action: "terminationRequested",
    actor,
    removeAccess: [{ kind: "revokeGrants", roleDefinitionIds: everyRoleOf(current), reason: "terminated" }],
    publish: [
      {
        kind: "revokeGrants",
        partnerTenantId: current.partnerTenantId,
        relationshipId: current.id,
        reason: "terminated",
        operationId: work.operationId
      }
    ]
  };
}
