/**
 * One relationship as the customer's pages show it, computed once and used both for the HTML and for the JSON the
 * script polls, so a refreshed status reads exactly like the one the page was rendered with. Which buttons show
 * comes from the domain's own decisions (the use cases check them again on every POST).
 */
import { applyTransition, canRemoveRoles } from "../domain/lifecycle";
import type { RelationshipStatus } from "../domain/relationship";
import type { CustomerRelationship } from "../use-cases/customer-relationships";
import { formatDate, statusLabel } from "./format";
import { describeRoles, partnerTypeOf, type PartnerIdentityView, type RoleView } from "./views/relationship-parts";

export interface RelationshipSummary {
  readonly id: string;
  readonly partnerName: string;
  /** Who the partner is beside its display name (shown in the list and on the details page). */
  readonly partner: PartnerIdentityView;
  readonly displayName: string;
  readonly partnerType: string;
  readonly status: RelationshipStatus;
  readonly statusLabel: string;
  /** A sentence about what is happening now, or "". */
  readonly statusNote: string;
  readonly roles: readonly RoleView[];
  readonly roleCount: number;
  /** The end date as shown ("12 March 2027"), or "" while there is none. */
  readonly endDate: string;
  readonly actions: { readonly removeRoles: boolean; readonly terminate: boolean };
  /** The partner's security groups that hold some of the roles now (and would lose them with Remove roles). */
  readonly groupCount: number;
}

export function summarize(document: CustomerRelationship): RelationshipSummary {
  const roles = describeRoles(document.accessDetails.unifiedRoles);
  return {
    id: document.id,
    partnerName: document.partner.displayName,
    partner: {
      tenantId: document.partner.tenantId,
      ...(document.partner.legalName ? { legalName: document.partner.legalName } : {}),
      ...(document.partner.verifiedDomain ? { verifiedDomain: document.partner.verifiedDomain } : {})
    },
    displayName: document.displayName,
    partnerType: partnerTypeOf(document.partnerType).displayName,
    status: document.status,
    statusLabel: statusLabel(document.status),
    statusNote: statusNote(document),
    roles,
    roleCount: roles.length,
    endDate: formatDate(document.endDateTime),
    actions: {
      removeRoles: canRemoveRoles(document).allowed,
      terminate: !applyTransition(document.status, "requestTermination").refused
    },
    groupCount: (document.accessAssignments ?? []).filter(
      (assignment) => assignment.status !== "deleted" && assignment.status !== "deleting"
    ).length
  };
}

function statusNote(document: CustomerRelationship): string {
  if (document.lastError) return `A step failed and will be tried again: ${document.lastError.message}`;
  if (document.rolesRemovedDateTime && (document.status === "active" || document.status === "expiring")) {
    return `Admin roles removed on ${formatDate(document.rolesRemovedDateTime)}. The partner can still work with you without admin roles.`;
  }
  return statusNotes[document.status] ?? "";
}

const statusNotes: Partial<Record<RelationshipStatus, string>> = {
  approved: "Accepted. The partner's roles will be applied in a moment.",
  activating: "The partner's roles are being applied.",
  terminationRequested: "Ending: the partner's roles are being taken away.",
  terminating: "Ending: the partner's roles are being taken away.",
  expiring: "This relationship ends within 30 days."
};

/** The JSON the script polls (no tenant or user ids, nothing the page does not show). */
export function toStatusJson(summary: RelationshipSummary): Record<string, unknown> {
  return {
    id: summary.id,
    status: summary.status,
    statusLabel: summary.statusLabel,
    statusNote: summary.statusNote,
    roles: summary.roles.map((role) => ({
      roleDefinitionId: role.roleDefinitionId,
      displayName: role.displayName,
      description: role.description,
      privileged: role.privileged
    })),
    roleCount: summary.roleCount,
    endDate: summary.endDate,
    actions: summary.actions
  };
}
