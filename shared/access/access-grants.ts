/**
 * Role grants as the access check reads them: one document per (customer tenant, partner tenant, role) in the
 * `access` container (partition `/customerTenantId`), holding the grant of each relationship that gives that
 * role. "May partner P act with role R in customer C now?" is one point read and a comparison with the clock.
 */
export interface RoleGrant {
  readonly relationshipId: string;
  readonly grantedDateTime: string;
  /** The relationship's end: after it the grant no longer counts, whether or not a timer has run. */
  readonly endDateTime: string;
}

export interface AccessDocument {
  readonly id: string;
  readonly customerTenantId: string;
  readonly partnerTenantId: string;
  readonly roleDefinitionId: string;
  readonly grants: Readonly<Record<string, RoleGrant>>;
}

export function accessDocumentId(partnerTenantId: string, roleDefinitionId: string): string {
  return `${partnerTenantId.toLowerCase()}|${roleDefinitionId.toLowerCase()}`;
}

export interface AccessStore {
  /** One point read. */
  get(customerTenantId: string, partnerTenantId: string, roleDefinitionId: string): Promise<AccessDocument | undefined>;
  /** Adds or refreshes one relationship's grant of one role; writing the same grant again changes nothing. */
  putGrant(customerTenantId: string, partnerTenantId: string, roleDefinitionId: string, grant: RoleGrant): Promise<void>;
  /** Removes one relationship's grant of one role; removing an absent grant is not an error. */
  removeGrant(customerTenantId: string, partnerTenantId: string, roleDefinitionId: string, relationshipId: string): Promise<void>;
}
