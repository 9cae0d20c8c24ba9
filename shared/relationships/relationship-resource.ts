/**
 * The relationship as the API shows it, in Graph's delegatedAdminRelationship field names. The partner sees its
 * own bookkeeping (invitation dates, the customer admin's email); the customer sees what it agreed to. Neither
 * sees the invitation nonce, token hash or outbox.
 */
import { findRole } from "../domain/roles";
import { invitationEmailOf } from "./invitation-email";
import type { StoredRelationship } from "./relationship-document";

export type Viewer = "partner" | "customer";

export function toRelationshipResource(document: StoredRelationship, viewer: Viewer): Record<string, unknown> {
  const shared = {
    id: document.id,
    displayName: document.displayName,
    partnerType: document.partnerType,
    status: document.status,
    duration: document.duration,
    autoExtendDuration: document.autoExtendDuration,
    partner: document.partner,
    accessDetails: {
      unifiedRoles: document.accessDetails.unifiedRoles.map((role) => ({
        roleDefinitionId: role.roleDefinitionId,
        displayName: findRole(role.roleDefinitionId)?.displayName
      }))
    },
    createdDateTime: document.createdDateTime,
    lastModifiedDateTime: document.lastModifiedDateTime,
    activatedDateTime: document.activatedDateTime,
    endDateTime: document.endDateTime,
    endedDateTime: document.endedDateTime,
    rolesRemovedDateTime: document.rolesRemovedDateTime,
    termination: document.termination,
    lastError: document.lastError
  };
  if (viewer === "customer") {
    return {
      ...shared,
      customer: { tenantId: document.customer.tenantId },
      acceptance: document.acceptance && {
        acceptedDateTime: document.acceptance.acceptedDateTime,
        agreementVersion: document.acceptance.agreementVersion
      }
    };
  }
  return {
    ...shared,
    customer: document.customer,
    invitation: document.invitation && {
      createdDateTime: document.createdDateTime,
      expiresDateTime: document.invitation.expiresDateTime,
      sendCount: document.invitation.sendCount,
      lastSentDateTime: document.invitation.lastSentDateTime
    },
    invitationEmail: invitationEmailOf(document),
    acceptance: document.acceptance,
    template: document.template
  };
}
