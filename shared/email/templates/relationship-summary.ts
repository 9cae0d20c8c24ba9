/**
 * What every email about a relationship says about it, in words: who the partner is, what kind of relationship,
 * which roles (with their one-line descriptions from the catalogue), for how long. Pure.
 */
import { parseDurationDays } from "../../domain/iso-duration";
import { findPartnerType } from "../../domain/partner-types";
import { includesGlobalAdministrator } from "../../domain/lifecycle";
import { isAutoExtendOn } from "../../domain/relationship";
import { findRole } from "../../domain/roles";
import type { StoredRelationship } from "../../relationships/relationship-document";

export type SummarisedRelationship = Pick<
  StoredRelationship,
  | "id"
  | "displayName"
  | "partnerType"
  | "partner"
  | "customer"
  | "accessDetails"
  | "duration"
  | "autoExtendDuration"
  | "endDateTime"
  | "termination"
>;

export interface EmailRelationshipSummary {
  readonly name: string;
  readonly partnerName: string;
  /** Who the partner is (snapshotted when the invitation was created): legal name and domain are absent on older relationships. */
  readonly partnerIdentity: {
    readonly legalName?: string;
    readonly tenantId: string;
    readonly verifiedDomain?: string;
  };
  readonly partnerTypeName: string;
  readonly partnerTypeDescription?: string;
  /** How the customer is named to the partner: its tenant id once known, else the admin address invited. */
  readonly customerName: string;
  readonly roles: readonly { readonly title: string; readonly detail?: string }[];
  readonly durationDays?: number;
  readonly autoExtends: boolean;
  /** Global Administrator is never extended automatically. */
  readonly includesGlobalAdministrator: boolean;
  readonly endDateTime?: string;
}

export function summariseForEmail(relationship: SummarisedRelationship): EmailRelationshipSummary {
  const type = findPartnerType(relationship.partnerType);
  const roleIds = relationship.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId);
  return {
    name: relationship.displayName,
    partnerName: relationship.partner.displayName,
    partnerIdentity: {
      tenantId: relationship.partner.tenantId,
      ...optional("legalName", relationship.partner.legalName),
      ...optional("verifiedDomain", relationship.partner.verifiedDomain)
    },
    partnerTypeName: type?.displayName ?? relationship.partnerType,
    ...(type ? { partnerTypeDescription: type.description } : {}),
    customerName:
      relationship.customer.displayName ??
      (relationship.customer.tenantId
        ? `tenant ${relationship.customer.tenantId}`
        : (relationship.customer.adminEmail ?? "the customer")),
    roles: roleIds.map((id) => {
      const role = findRole(id);
      return role ? { title: role.displayName, detail: role.description } : { title: id };
    }),
    ...optional("durationDays", parseDurationDays(relationship.duration)),
    autoExtends: isAutoExtendOn(relationship.autoExtendDuration),
    includesGlobalAdministrator: includesGlobalAdministrator(relationship),
    ...optional("endDateTime", relationship.endDateTime)
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** "1 day", "30 days". */
export function days(count: number): string {
  return count === 1 ? "1 day" : `${count} days`;
}
