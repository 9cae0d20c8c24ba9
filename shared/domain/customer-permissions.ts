/**
 * What a signed-in customer admin may do, decided from the directory roles in their token (`wids`). Authorising
 * admin roles for a partner needs Global Administrator, as Partner Center requires; everything else a customer
 * does here needs at least Billing Administrator, and Global Administrator always suffices. The devices OEMs
 * registered are also open to the tenant's device admins.
 */
import { normalizeGuid } from "./guid";
import type { UnifiedRole } from "./relationship";
import {
  billingAdministrator,
  cloudDeviceAdministrator,
  findRole,
  globalAdministrator,
  intuneAdministrator,
  roleReference,
  type RoleDefinition,
  type RoleReference
} from "./roles";

export type PermissionDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly requiredRole: RoleReference; readonly reason: string };

type RolesOrRelationship =
  readonly UnifiedRole[] | { readonly accessDetails: { readonly unifiedRoles: readonly UnifiedRole[] } };

/** Global Administrator when the relationship grants any admin role, otherwise Billing Administrator. */
export function requiredRoleToAccept(rolesOrRelationship: RolesOrRelationship): RoleReference {
  const roles =
    "accessDetails" in rolesOrRelationship ? rolesOrRelationship.accessDetails.unifiedRoles : rolesOrRelationship;
  return roleReference(roles.length > 0 ? globalAdministrator : billingAdministrator);
}

export function hasAtLeastBillingAdmin(directoryRoles: readonly string[]): boolean {
  return holds(directoryRoles, billingAdministrator) || holds(directoryRoles, globalAdministrator);
}

export function mayAcceptInvitation(
  directoryRoles: readonly string[],
  rolesOrRelationship: RolesOrRelationship
): PermissionDecision {
  const required = requiredRoleToAccept(rolesOrRelationship);
  if (required.id === globalAdministrator.id) {
    return holds(directoryRoles, globalAdministrator)
      ? { allowed: true }
      : deny(globalAdministrator, "Authorising a partner for admin roles needs a Global Administrator.");
  }
  return atLeastBillingAdmin(directoryRoles, "Accepting a partner relationship");
}

export function mayAcceptAgreement(directoryRoles: readonly string[]): PermissionDecision {
  return atLeastBillingAdmin(directoryRoles, "Accepting the customer agreement");
}

export function mayRemoveRoles(directoryRoles: readonly string[]): PermissionDecision {
  return atLeastBillingAdmin(directoryRoles, "Removing a partner's admin roles");
}

export function mayTerminate(directoryRoles: readonly string[]): PermissionDecision {
  return atLeastBillingAdmin(directoryRoles, "Ending a partner relationship");
}

export function mayListRelationships(directoryRoles: readonly string[]): PermissionDecision {
  return atLeastBillingAdmin(directoryRoles, "Seeing your partner relationships");
}

/** The MPSA purchases partners recorded for the tenant are billing data. */
export function mayListPurchases(directoryRoles: readonly string[]): PermissionDecision {
  return atLeastBillingAdmin(directoryRoles, "Seeing your MPSA partners' purchases");
}

export function mayChangePurchaseSharing(directoryRoles: readonly string[]): PermissionDecision {
  return atLeastBillingAdmin(directoryRoles, "Changing whether your MPSA partners see each other's purchases");
}

/**
 * Whether the tenant shares purchases among its MPSA partners is no secret inside the tenant: any admin may read it
 * (any Entra directory role we know; `wids` also carries the plain member's user-type id, which is no role).
 */
export function mayReadPurchaseSharing(directoryRoles: readonly string[]): PermissionDecision {
  return directoryRoles.some((id) => findRole(id) !== undefined)
    ? { allowed: true }
    : deny(
        billingAdministrator,
        "Seeing whether your MPSA partners see each other's purchases needs an admin role in your organisation, such as Billing Administrator."
      );
}

/**
 * The devices OEMs registered for the tenant (seeing them, removing one): the admins who look after devices
 * (Intune Administrator, Cloud Device Administrator) and those who look after partners (Billing Administrator,
 * who accepts and ends OEM relationships), and Global Administrator.
 */
export function mayManageDevices(directoryRoles: readonly string[]): PermissionDecision {
  if (
    [globalAdministrator, billingAdministrator, intuneAdministrator, cloudDeviceAdministrator].some((role) =>
      holds(directoryRoles, role)
    )
  )
    return { allowed: true };
  return deny(
    intuneAdministrator,
    "The devices partners registered for you can be seen and removed by an Intune Administrator, a Cloud Device Administrator, a Billing Administrator or a Global Administrator."
  );
}

function atLeastBillingAdmin(directoryRoles: readonly string[], what: string): PermissionDecision {
  return hasAtLeastBillingAdmin(directoryRoles)
    ? { allowed: true }
    : deny(billingAdministrator, `${what} needs at least a Billing Administrator (or a Global Administrator).`);
}

function holds(directoryRoles: readonly string[], role: RoleDefinition): boolean {
  return directoryRoles.some((id) => normalizeGuid(id) === role.id);
}

function deny(role: RoleDefinition, reason: string): PermissionDecision {
  return { allowed: false, requiredRole: roleReference(role), reason };
}
