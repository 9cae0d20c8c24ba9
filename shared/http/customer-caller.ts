/**
 * A signed-in user acting for a customer tenant: the tenant is the token's `tid`, the directory roles its `wids`.
 * Any tenant may be a customer, so nothing is looked up here; what the user may do is decided per action by the
 * domain's customer permissions (see shared/use-cases/customer-checks.ts).
 */
import type { HttpRequest } from "@azure/functions";
import type { Principal } from "../auth/principal";
import { normalizeGuid } from "../domain/guid";
import { authenticate } from "./callers";

/** The principal with its tenant id in the stored (lower-case) form, so comparisons with stored ids hold. */
export async function customerCaller(request: HttpRequest): Promise<Principal> {
  const principal = await authenticate(request);
  return { ...principal, tenantId: normalizeGuid(principal.tenantId) };
}
