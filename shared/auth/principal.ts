/** Who is calling, as read from a verified Microsoft Entra ID access token (or the Easy Auth principal). */
export interface Principal {
  /** `tid`: the tenant the user signed in to — a partner tenant or a customer tenant. */
  readonly tenantId: string;
  /** `oid`: the user's object id in that tenant. */
  readonly userId: string;
  /** `name` or `preferred_username`, for audit records; never used for decisions. */
  readonly displayName?: string;
  /**
   * The domain of `preferred_username` (Entra ID puts the user's UPN there, and a UPN's domain is one the tenant has
   * verified): what we know of the tenant's name, shown as a customer's name when a partner gave none.
   */
  readonly signInDomain?: string;
  /** `wids`: template ids of the Entra directory roles the user holds in `tenantId`. */
  readonly directoryRoles: readonly string[];
  /** `roles`: app roles assigned to the user for this API (e.g. `Partner.Admin`). */
  readonly appRoles: readonly string[];
  /**
   * `groups`: the object ids of the security groups the user belongs to in `tenantId`, when the app registration
   * asks Entra for them; absent when the token carries no groups claim.
   */
  readonly groups?: readonly string[];
  /**
   * True when Entra left the groups out because the user has too many for a token (the groups overage claim:
   * `_claim_names.groups`, or `hasgroups`): the user's groups are then unknown here.
   */
  readonly groupsOverage?: boolean;
}

/** The domain of a sign-in name (`admin@Contoso.com` → `contoso.com`), or undefined when it is not one. */
export function signInDomainOf(signInName: string | undefined): string | undefined {
  return /^[^@\s]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i.exec(signInName ?? "")?.[1]?.toLowerCase();
}
