/**
 * A signed-in user acting for a customer tenant: the tenant is the token's `tid`, the directory roles its `wids`.
 * Any tenant may be a customer, so nothing is looked up here; what the user may do is decided per action by the
 * domain's customer permissions (see shared/use-cases/customer-checks.ts).
 */
import type { HttpRequest } from "@azure/functions";
import type { Principal } from "../auth/principal";
import { normalizeGuid } from "../domain/guid";
import { authenticate, type CallerServices } from "./callers";

/** The principal with its tenant id in the stored (lower-case) form, so comparisons with stored ids hold. */
export async function customerCaller(
  services: Pick<CallerServices, "tokenVerifier">,
  request: HttpRequest
): Promise<Principal> {
  const principal = await authenticate(services, request);
  return { ...principal, tenantId: normalizeGuid(principal.tenantId) };
}
