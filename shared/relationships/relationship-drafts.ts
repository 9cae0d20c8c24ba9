/**
 * The two pure steps every new relationship goes through, shared by Graph's two calls (POST, then a
 * lockForApproval request) and the one-step invitation (both in one write):
 *   draftDocument → status `created`, terms as validated, no invitation yet;
 *   lockedDocument → `approvalPending`, with the invitation's nonce and token hash, its 90-day expiry, and the
 *   invitation email owed when there is an address to send it to (without one the partner shares the link).
 */
import type { NormalizedRelationship } from "../domain/invitation-rules";
import type { TemplateAssignment } from "../domain/relationship-templates";
import { invitationExpiresAt } from "../domain/lifecycle";
import type { QueueMessage } from "../messaging/messages";
import type { PartnerRecord } from "../tenants/tenant-records";
import type { StoredRelationship } from "./relationship-document";
import { transitioned } from "./transition";
import { withDueDate } from "./due-date";

export interface InvitationSecret {
  readonly nonce: string;
  readonly tokenHash: string;
}

/** The template a relationship is made from: named on it, its group assignments owed once it is active. */
export interface DraftTemplate {
  readonly id: string;
  readonly displayName: string;
  readonly accessAssignments: readonly TemplateAssignment[];
}

export function draftDocument(
  id: string,
  partner: PartnerRecord,
  terms: NormalizedRelationship,
  now: Date,
  idempotency?: StoredRelationship["idempotency"],
  template?: DraftTemplate
): StoredRelationship {
  const at = now.toISOString();
  return withDueDate({
    id,
    partnerTenantId: partner.tenantId,
    displayName: terms.displayName,
    uniqueName: terms.displayName.toLowerCase(),
    partnerType: terms.partnerType,
    partner: partnerSnapshot(partner),
    customer: terms.customer,
    accessDetails: terms.accessDetails,
    duration: terms.duration,
    durationDays: terms.durationDays,
    autoExtendDuration: terms.autoExtendDuration,
    status: "created",
    createdDateTime: at,
    lastModifiedDateTime: at,
    ...(idempotency ? { idempotency } : {}),
    ...(template ? { template: { id: template.id, displayName: template.displayName } } : {}),
    ...(template && template.accessAssignments.length > 0
      ? { pendingAccessAssignments: template.accessAssignments }
      : {}),
    version: 1,
    outbox: []
  });
}

export interface LockedRelationship {
  readonly document: StoredRelationship;
  readonly publish: readonly QueueMessage[];
  /** The customer tenant to index now, when the partner named one: the customer sees it from now on. */
  readonly indexCustomer?: string;
}

/** created → approvalPending (a 409 from any other status), with everything the invitation needs. */
export function lockedDocument(document: StoredRelationship, secret: InvitationSecret, now: Date): LockedRelationship {
  const sends = document.customer.adminEmail === undefined ? 0 : 1;
  const locked = withDueDate({
    ...transitioned(document, "lockForApproval"),
    invitation: { ...secret, expiresDateTime: invitationExpiresAt(now).toISOString(), sendCount: sends }
  });
  const publish: QueueMessage[] =
    sends === 0
      ? []
      : [
          {
            kind: "sendInvitationEmail",
            partnerTenantId: document.partnerTenantId,
            relationshipId: document.id,
            sendNumber: 1
          }
        ];
  return { document: locked, publish, indexCustomer: document.customer.tenantId };
}

/**
 * Who the partner is, copied onto the relationship when it is created, so the accept page, the customer's pages
 * and every email can show the legal name, tenant id and verified domain beside the display name with no read.
 */
function partnerSnapshot(partner: PartnerRecord): StoredRelationship["partner"] {
  const identity = partner.identity;
  return {
    tenantId: partner.tenantId,
    displayName: partner.displayName,
    ...(identity ? { legalName: identity.legalName, verifiedDomain: identity.verifiedDomain } : {})
  };
}
