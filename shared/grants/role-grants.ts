/**
 * Role grants as the access check reads them: one document per (customer tenant, partner tenant, role) in the
 * `access` container (partition `/customerTenantId`), holding the grant of each relationship that gives that
 * role. "May partner P act with role R in customer C now?" is one point read and a comparison with the clock.
 * Named "grants" in code (the container keeps its name) so that "access" is left to the access check and to
 * Graph's access assignments.
 */
export interface RoleGrant {
  readonly relationshipId: string;
  readonly grantedDateTime: string;
  /** The relationship's end: after it the grant no longer counts, whether or not a timer has run. */
  readonly endDateTime: string;
  /**
   * The partner's security groups that hold this role through an applied access assignment of this relationship:
   * security group id → access assignment id. They go with the grant when it is revoked.
   */
  readonly groups?: Readonly<Record<string, string>>;
}

/** What adding a group to a grant found: done (or already there), or no grant of that role to add it to. */
export type GroupOutcome = "applied" | "noGrant";

export interface RoleGrantsDocument {
  readonly id: string;
  readonly customerTenantId: string;
  readonly partnerTenantId: string;
  readonly roleDefinitionId: string;
  readonly grants: Readonly<Record<string, RoleGrant>>;
}

export function roleGrantsDocumentId(partnerTenantId: string, roleDefinitionId: string): string {
  return `${partnerTenantId.toLowerCase()}|${roleDefinitionId.toLowerCase()}`;
}

export interface GrantStore {
  /** One point read. */
  get(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string
  ): Promise<RoleGrantsDocument | undefined>;
  /**
   * Adds or refreshes one relationship's grant of one role, keeping the groups it already lists; writing the same
   * grant again changes nothing. `likelyNew` (an activation just started) says the document probably does not exist
   * yet: a store may then try to create it before reading it; the result is the same either way.
   */
  putGrant(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    grant: Omit<RoleGrant, "groups">,
    hint?: PutGrantHint
  ): Promise<void>;
  /** Removes one relationship's grant of one role, with its groups; removing an absent grant is not an error. */
  removeGrant(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    relationshipId: string
  ): Promise<void>;
  /** Lists a group in the relationship's grant of the role, through `assignment`; never creates a grant. */
  putGroup(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    assignment: GroupAssignment
  ): Promise<GroupOutcome>;
  /** Takes the group out of the relationship's grant of the role, if `assignment` is what put it there. */
  removeGroup(
    customerTenantId: string,
    partnerTenantId: string,
    roleDefinitionId: string,
    assignment: GroupAssignment
  ): Promise<void>;
}

export interface PutGrantHint {
  readonly likelyNew?: boolean;
}

export interface GroupAssignment {
  readonly relationshipId: string;
  readonly securityGroupId: string;
  readonly accessAssignmentId: string;
}

/** The grants with `change` made to one relationship's grant (absent grants stay absent). */
export function withGroups(
  grants: Readonly<Record<string, RoleGrant>>,
  relationshipId: string,
  change: (groups: Readonly<Record<string, string>>) => Readonly<Record<string, string>>
): Readonly<Record<string, RoleGrant>> {
  const grant = grants[relationshipId];
  if (!grant) return grants;
  const groups = change(grant.groups ?? {});
  const { groups: _before, ...bare } = grant;
  return { ...grants, [relationshipId]: Object.keys(groups).length > 0 ? { ...bare, groups } : bare };
}
