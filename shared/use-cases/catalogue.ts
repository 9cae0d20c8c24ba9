/**
 * The static reference data the public endpoints show: the Entra role catalogue and the partner types with their
 * role policy spelled out for a person ("Global Administrator and Helpdesk Administrator", "No roles assigned").
 */
import type { PartnerTypeResource, RoleResource } from "../api/public-schemas";
import { partnerTypes, type RolePolicy } from "../domain/partner-types";
import { findRole, roleCatalogue, roleReference } from "../domain/roles";

export function listRoles(): RoleResource[] {
  return roleCatalogue.map(({ id, displayName, description, privileged, gdapEligible }) => ({
    id,
    displayName,
    description,
    privileged,
    gdapEligible
  }));
}

export function listPartnerTypes(): PartnerTypeResource[] {
  return partnerTypes.map((type) => ({
    id: type.id,
    displayName: type.displayName,
    description: type.description,
    rolePolicy: describeRolePolicy(type.rolePolicy)
  }));
}

export function describeRolePolicy(policy: RolePolicy): PartnerTypeResource["rolePolicy"] {
  switch (policy.kind) {
    case "fixed": {
      const roles = policy.roleIds.map((id) => {
        const role = findRole(id);
        return role ? roleReference(role) : { id, displayName: id };
      });
      return { kind: "fixed", summary: joinNames(roles.map((role) => role.displayName)), roles };
    }
    case "none":
      return { kind: "none", summary: "No roles assigned." };
    case "notAvailable":
      return {
        kind: "notAvailable",
        summary: "Roles are not available to assign; an invitation that asks for any is refused."
      };
    case "anyCatalogueRole":
      return { kind: "anyCatalogueRole", summary: "Any Microsoft Entra role, through a user account in your tenant." };
    case "gdapEligible":
      return {
        kind: "gdapEligible",
        summary: "Any GDAP-eligible Microsoft Entra role: the fewest that do the job, for a limited time."
      };
  }
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
