/**
 * What the customer's screens show: the invitation as the "Accept agreement & authorise partner" page needs it,
 * a relationship in the customer view (plus the roles it removed), and its history without anybody's user ids.
 */
import { z } from "zod";
import type { Principal } from "../auth/principal";
import { currentAgreement } from "../domain/agreement";
import { mayAcceptInvitation, requiredRoleToAccept } from "../domain/customer-permissions";
import { findPartnerType } from "../domain/partner-types";
import { findRole } from "../domain/roles";
import type { AuditRecord } from "../outbox/outbox-entry";
import { toRelationshipResource } from "../relationships/relationship-resource";
import { agreementHref } from "./customer-agreement";
import type { CustomerRelationship } from "./customer-relationships";

export function toInvitationView(document: CustomerRelationship, caller: Principal): Record<string, unknown> {
  const partnerType = findPartnerType(document.partnerType);
  return {
    id: document.id,
    displayName: document.displayName,
    status: document.status,
    partner: { ...document.partner },
    partnerType: {
      id: document.partnerType,
      displayName: partnerType?.displayName ?? document.partnerType,
      description: partnerType?.description
    },
    roles: document.accessDetails.unifiedRoles.map((role) => describeRole(role.roleDefinitionId)),
    duration: document.duration,
    autoExtendDuration: document.autoExtendDuration,
    invitation: { createdDateTime: document.createdDateTime, expiresDateTime: document.invitation?.expiresDateTime },
    agreement: { version: currentAgreement.version, title: currentAgreement.title, href: agreementHref },
    requiredRole: requiredRoleToAccept(document),
    // An invitation the caller's organisation already answered is shown, but there is nothing left to accept.
    callerMayAccept:
      document.status === "approvalPending" && mayAcceptInvitation(caller.directoryRoles, document).allowed
  };
}

export function toCustomerResource(document: CustomerRelationship): Record<string, unknown> {
  const resource = toRelationshipResource(document, "customer");
  if (!document.removedRoles) return resource;
  return {
    ...resource,
    removedRoles: document.removedRoles.map((role) => ({
      roleDefinitionId: role.roleDefinitionId,
      displayName: findRole(role.roleDefinitionId)?.displayName
    }))
  };
}

export interface HistoryEntry {
  readonly at: string;
  readonly action: string;
  readonly actor: { readonly kind: AuditRecord["actor"]["kind"]; readonly displayName?: string };
  readonly removedRoles?: readonly { readonly roleDefinitionId: string; readonly displayName?: string }[];
  /** The role a grant entry is about (grantApplied, grantRevoked). */
  readonly role?: { readonly roleDefinitionId: string; readonly displayName?: string };
}

const auditRoles = z.object({ roles: z.array(z.string()) });
const auditGrant = z.object({ roleDefinitionId: z.string() });

/** Who did what and when; tenant and user ids stay in the audit log. */
export function toHistory(records: readonly AuditRecord[]): HistoryEntry[] {
  return records.map((record) => {
    const actor = {
      kind: record.actor.kind,
      ...(record.actor.displayName ? { displayName: record.actor.displayName } : {})
    };
    const before = auditRoles.safeParse(record.before);
    const removed = record.action === "rolesRemoved" && before.success ? before.data.roles : undefined;
    const grant = record.action.startsWith("grant") ? auditGrant.safeParse(record.after) : undefined;
    return {
      at: record.at,
      action: record.action,
      actor,
      ...(removed
        ? { removedRoles: removed.map((id) => ({ roleDefinitionId: id, displayName: findRole(id)?.displayName })) }
        : {}),
      ...(grant?.success
        ? {
            role: {
              roleDefinitionId: grant.data.roleDefinitionId,
              displayName: findRole(grant.data.roleDefinitionId)?.displayName
            }
          }
        : {})
    };
  });
}

function describeRole(roleDefinitionId: string) {
  const role = findRole(roleDefinitionId);
  return {
    roleDefinitionId,
    displayName: role?.displayName,
    description: role?.description,
    privileged: role?.privileged
  };
}
