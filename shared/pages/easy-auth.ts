/**
 * The principal App Service authentication (Easy Auth) passes to the app in `X-MS-CLIENT-PRINCIPAL`: base64 JSON
 * `{auth_typ, claims: [{typ, val}], name_typ, role_typ}`. Easy Auth strips any such header a client sends and sets
 * its own, so it is trusted only when the app is configured to run behind it (EASY_AUTH_ENABLED=true).
 */
import { z } from "zod";
import { signInDomainOf, type Principal } from "../auth/principal";

export const easyAuthPrincipalHeader = "x-ms-client-principal";

const claimTypes = {
  tenantId: ["http://schemas.microsoft.com/identity/claims/tenantid", "tid"],
  objectId: ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"],
  directoryRoles: ["wids"],
  appRoles: ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"],
  groups: ["groups", "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"],
  name: ["name"],
  signInName: ["preferred_username", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"]
} as const;

const clientPrincipalSchema = z.object({
  auth_typ: z.string().optional(),
  claims: z.array(z.object({ typ: z.string(), val: z.string() })).max(500),
  name_typ: z.string().optional(),
  role_typ: z.string().optional()
});

export interface EasyAuthSession {
  readonly principal: Principal;
  /** The sign-in time (`iat`), when the token carried one. */
  readonly issuedAt?: number;
}

/** The principal in the header, or undefined when the header is absent or does not name a tenant and a user. */
export function readEasyAuthPrincipal(headerValue: string | null): EasyAuthSession | undefined {
  if (!headerValue || headerValue.length > 64 * 1024) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(headerValue, "base64").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = clientPrincipalSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { claims, name_typ: nameType, role_typ: roleType } = parsed.data;
  const valuesOf = (types: readonly (string | undefined)[]) =>
    claims.filter((claim) => types.includes(claim.typ)).map((claim) => claim.val);
  const tenantId = z.guid().safeParse(valuesOf(claimTypes.tenantId)[0]);
  const userId = z.guid().safeParse(valuesOf(claimTypes.objectId)[0]);
  if (!tenantId.success || !userId.success) return undefined;
  const displayName = valuesOf(claimTypes.name)[0] ?? valuesOf([nameType])[0];
  const issuedAt = Number(valuesOf(["iat"])[0]);
  const signInDomain = signInDomainOf(valuesOf(claimTypes.signInName)[0]);
  const groups = valuesOf(claimTypes.groups);
  return {
    principal: {
      tenantId: tenantId.data.toLowerCase(),
      userId: userId.data.toLowerCase(),
      ...(displayName ? { displayName } : {}),
      ...(signInDomain ? { signInDomain } : {}),
      directoryRoles: unique(valuesOf(claimTypes.directoryRoles)),
      appRoles: unique(valuesOf([...claimTypes.appRoles, roleType])),
      // Easy Auth passes each group as a claim of its own; none at all means the token carried no groups claim.
      ...(groups.length > 0 ? { groups: unique(groups.map((group) => group.toLowerCase())) } : {})
    },
    ...(Number.isSafeInteger(issuedAt) ? { issuedAt } : {})
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
