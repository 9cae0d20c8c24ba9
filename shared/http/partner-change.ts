/**
 * What every partner write on one relationship starts with: a Partner.Admin caller, the relationship id from the
 * route, and the If-Match the method asks for — checked in that order, so a caller without a token hears 401
 * before anything about its request.
 */
import type { HttpRequest } from "@azure/functions";
import { relationshipId } from "../api/id-schemas";
import type { PartnerRequest } from "../use-cases/partner-relationships";
import { actorOf, partnerCaller, type CallerServices } from "./callers";
import { ifMatchOf, requireIfMatch } from "./etag";
import { readRouteParam } from "./request-parts";

/**
 * `required` for PATCH and DELETE (428 without it); `optional` for the action endpoints, honoured when sent.
 * `invite` for a resend, which only an approved partner may do (callers.ts).
 */
export async function partnerChangeRequest(
  services: Pick<CallerServices, "tokenVerifier" | "tenants">,
  request: HttpRequest,
  ifMatch: "required" | "optional",
  access: "write" | "invite" = "write"
): Promise<PartnerRequest> {
  const caller = await partnerCaller(services, request, access);
  const id = readRouteParam(request, "id", relationshipId);
  return {
    partnerTenantId: caller.partner.tenantId,
    relationshipId: id,
    actor: actorOf(caller.principal, "partner"),
    ifMatch: ifMatch === "required" ? requireIfMatch(request) : ifMatchOf(request)
  };
}
