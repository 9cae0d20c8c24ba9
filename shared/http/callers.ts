/**
 * Who may call what. Every non-public endpoint starts here: the token is verified, then the caller's tenant is
 * resolved as a registered partner or taken as a customer tenant, and the role the action needs is checked.
 */
import type { HttpRequest } from "@azure/functions";
import type { Principal } from "../auth/principal";
import { getServices } from "../composition-root";
import { ForbiddenError } from "../errors";
import type { PartnerRecord } from "../tenants/tenant-records";

export const partnerAdminAppRole = "Partner.Admin";

export interface PartnerCaller {
  readonly principal: Principal;
  readonly partner: PartnerRecord;
}

export async function authenticate(request: HttpRequest): Promise<Principal> {
  return getServices().tokenVerifier.verify(request.headers.get("authorization"));
}

/** A user of a registered partner tenant. Writing also needs the `Partner.Admin` app role. */
export async function partnerCaller(request: HttpRequest, access: "read" | "write"): Promise<PartnerCaller> {
  const principal = await authenticate(request);
  const partner = await getServices().tenants.getPartner(principal.tenantId);
  if (!partner) throw new ForbiddenError("Your tenant is not a registered partner tenant.");
  if (access === "write" && !principal.appRoles.includes(partnerAdminAppRole)) {
    throw new ForbiddenError(`This needs the ${partnerAdminAppRole} app role.`, { id: partnerAdminAppRole, displayName: partnerAdminAppRole });
  }
  return { principal, partner };
}

/** The audit actor for a caller. */
export function actorOf(principal: Principal, kind: "partner" | "customer") {
  return { kind, tenantId: principal.tenantId, userId: principal.userId, displayName: principal.displayName };
}
