/**
 * The Entra built-in roles a partner may ask for, with their real template ids (the ids Graph's
 * `unifiedRoles[].roleDefinitionId` and the token's `wids` claim carry).
 */
import { z } from "zod";
import catalogueJson from "./entra-roles.json";
import { isGuid, normalizeGuid } from "./guid";

export interface RoleDefinition {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  /** Entra marks the role as privileged (it can change security or credentials). */
  readonly privileged: boolean;
  /** The role may be granted through a GDAP relationship. */
  readonly gdapEligible: boolean;
}

/** Just enough to tell a person which role is meant ("Global Administrator is needed"). */
export interface RoleReference {
  readonly id: string;
  readonly displayName: string;
}

const catalogueSchema = z
  .array(
    z.object({
      id: z.string().refine(isGuid, "must be a GUID").transform(normalizeGuid),
      displayName: z.string().min(1),
      description: z.string().min(1),
      privileged: z.boolean(),
      gdapEligible: z.boolean()
    })
  )
  .min(1)
  .refine((roles) => new Set(roles.map((r) => r.id)).size === roles.length, "role ids must be unique");

// A bad edit to the JSON should stop the process at start-up, not surface as a wrong decision later.
export const roleCatalogue: readonly RoleDefinition[] = Object.freeze(catalogueSchema.parse(catalogueJson));

const rolesById = new Map(roleCatalogue.map((role) => [role.id, role]));

export function findRole(id: string): RoleDefinition | undefined {
  return rolesById.get(normalizeGuid(id));
}

/** The distinct role ids of a role list, in lower case. */
export function roleIdsOf(roles: readonly { readonly roleDefinitionId: string }[]): string[] {
  return [...new Set(roles.map((role) => normalizeGuid(role.roleDefinitionId)))];
}

/** Every role a relationship ever granted: the ones it has and the ones the customer removed from it. */
export function everyRoleOf(relationship: {
  readonly accessDetails: { readonly unifiedRoles: readonly { readonly roleDefinitionId: string }[] };
  readonly removedRoles?: readonly { readonly roleDefinitionId: string }[];
}): string[] {
  return roleIdsOf([...relationship.accessDetails.unifiedRoles, ...(relationship.removedRoles ?? [])]);
}

export function roleReference(role: RoleDefinition): RoleReference {
  return { id: role.id, displayName: role.displayName };
}

function requireRole(id: string): RoleDefinition {
  const role = findRole(id);
  if (!role) throw new Error(`entra-roles.json lacks role ${id}, which the domain rules depend on`);
  return role;
}

export const globalAdministratorRoleId = "62e90394-69f5-4237-9190-012177145e10";
export const billingAdministratorRoleId = "b0f54661-2d74-4c50-afa3-1ec803f12efe";
export const helpdeskAdministratorRoleId = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
export const domainNameAdministratorRoleId = "8329153b-31d0-4727-b945-745eb3bc5f31";
export const intuneAdministratorRoleId = "3a2c62db-5318-420d-8d74-23affee5d9d5";
export const cloudDeviceAdministratorRoleId = "7698a772-787b-4ac8-901f-60d6b08affd2";

export const globalAdministrator: RoleDefinition = requireRole(globalAdministratorRoleId);
export const billingAdministrator: RoleDefinition = requireRole(billingAdministratorRoleId);
export const helpdeskAdministrator: RoleDefinition = requireRole(helpdeskAdministratorRoleId);
export const domainNameAdministrator: RoleDefinition = requireRole(domainNameAdministratorRoleId);
export const intuneAdministrator: RoleDefinition = requireRole(intuneAdministratorRoleId);
export const cloudDeviceAdministrator: RoleDefinition = requireRole(cloudDeviceAdministratorRoleId);
