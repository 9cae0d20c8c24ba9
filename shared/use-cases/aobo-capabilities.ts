/**
 * What a partner acting on behalf of a customer (AOBO) can reach in the customer's billing pages, and who may
 * manage the customer's domain subscriptions — answered for the signed-in account, partner or customer.
 */
import type { AoboCapabilitiesResource } from "../api/public-schemas";
import type { Principal } from "../auth/principal";
import { aoboCapabilities, canManageDomainSubscriptions } from "../domain/aobo";
import { refused } from "../domain/decision";
import { normalizeGuid } from "../domain/guid";

export function aoboCapabilitiesFor(principal: Principal, customerTenantId: string): AoboCapabilitiesResource {
  const customer = normalizeGuid(customerTenantId);
  const capabilities = aoboCapabilities();
  // Only an account of the customer organisation itself can ever manage its domain subscriptions.
  const decision =
    normalizeGuid(principal.tenantId) === customer
      ? canManageDomainSubscriptions(principal.directoryRoles)
      : refused(
          "Only an account in the customer organisation can manage its domain subscriptions; ask the customer to sign in with one that holds both roles."
        );
  return {
    customerTenantId: customer,
    billingPages: capabilities.billingPages.map((page) => ({ ...page })),
    domainSubscriptions: {
      requiredCustomerRoles: capabilities.domainSubscriptions.requiredCustomerRoles.map((role) => ({ ...role })),
      reason: capabilities.domainSubscriptions.reason,
      signedInUser: decision.allowed ? { allowed: true } : { allowed: false, reason: decision.reason }
    }
  };
}
