/** The claims of a signature-checked Entra ID access token that this API reads, and the Principal made of them. */
import { z } from "zod";
import { signInDomainOf, type Principal } from "./principal";

export const accessTokenClaimsSchema = z.object({
  iss: z.string(),
  tid: z.guid(),
  oid: z.guid(),
  wids: z.array(z.string()).default([]),
  roles: z.array(z.string()).default([]),
  /** Security group object ids; Entra puts at most 200 in a JWT and sends the overage claim instead of more. */
  groups: z.array(z.string()).optional(),
  /** The groups overage of the implicit flow. */
  hasgroups: z.boolean().optional(),
  /** The groups overage: `{"groups": "src1"}` points at where the groups would have to be fetched from. */
  _claim_names: z.record(z.string(), z.unknown()).optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional()
});

export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

const claimDescriptions: Record<string, string> = {
  iss: "an issuer (iss)",
  tid: "a tenant id (tid) that is a GUID",
  oid: "a user object id (oid) that is a GUID",
  wids: "directory roles (wids) as a list of strings",
  roles: "app roles (roles) as a list of strings",
  groups: "security groups (groups) as a list of strings",
  hasgroups: "a hasgroups claim that is true or false",
  _claim_names: "a _claim_names claim that is an object",
  name: "a name that is a string",
  preferred_username: "a preferred_username that is a string"
};

/** A short reason naming the first bad claim, never its value. */
export function describeClaimsProblem(error: z.ZodError): string {
  const claim = String(error.issues[0]?.path[0] ?? "");
  return `The access token lacks ${claimDescriptions[claim] ?? "a required claim"}.`;
}

export function toPrincipal(claims: AccessTokenClaims): Principal {
  const displayName = claims.name ?? claims.preferred_username;
  const signInDomain = signInDomainOf(claims.preferred_username);
  return {
    ...(signInDomain === undefined ? {} : { signInDomain }),
    tenantId: claims.tid,
    userId: claims.oid,
    ...(displayName === undefined ? {} : { displayName }),
    directoryRoles: claims.wids,
    appRoles: claims.roles,
    ...(claims.groups === undefined ? {} : { groups: claims.groups.map((group) => group.toLowerCase()) }),
    ...(claims.hasgroups === true || claims._claim_names?.groups !== undefined ? { groupsOverage: true } : {})
  };
}
