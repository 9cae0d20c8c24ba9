/**
 * What a partner user acting on behalf of a customer (AOBO) sees in the customer's billing pages, per the seed:
 * buying and product pages move to the partner's own tools; read-only license and notice pages stay; domain
 * subscriptions stay with a customer account that holds two roles at once.
 */
import { allowed, refused, type Decision } from "./decision";
import { normalizeGuid } from "./guid";
import { billingAdministrator, domainNameAdministrator, roleReference, type RoleReference } from "./roles";

export type BillingPageId =
  "purchaseServices" | "yourProducts" | "billsAndPayments" | "licenses" | "billingNotifications";

export interface BillingPageAccess {
  readonly page: BillingPageId;
  readonly title: string;
  readonly available: boolean;
  readonly reason: string;
}

export interface AoboCapabilities {
  readonly billingPages: readonly BillingPageAccess[];
  readonly domainSubscriptions: {
    /** Never the partner: a customer account must hold every one of these roles. */
    readonly requiredCustomerRoles: readonly RoleReference[];
    readonly reason: string;
  };
}

const partnerToolsReason =
  "A partner acting on your behalf buys and manages subscriptions in its own partner tools, not here.";
const stillVisibleReason = "A partner acting on your behalf can still view this page.";

const capabilities: AoboCapabilities = {
  billingPages: [
    { page: "purchaseServices", title: "Purchase services", available: false, reason: partnerToolsReason },
    { page: "yourProducts", title: "Your products", available: false, reason: partnerToolsReason },
    { page: "billsAndPayments", title: "Bills & payments", available: false, reason: partnerToolsReason },
    { page: "licenses", title: "Licenses", available: true, reason: stillVisibleReason },
    { page: "billingNotifications", title: "Billing notifications", available: true, reason: stillVisibleReason }
  ],
  domainSubscriptions: {
    requiredCustomerRoles: [roleReference(domainNameAdministrator), roleReference(billingAdministrator)],
    reason:
      "Domain subscriptions are managed by someone in the customer organisation who holds both Domain Name Administrator and Billing Administrator."
  }
};

/** The answer for any partner user acting on behalf of any customer: it depends on neither. */
export function aoboCapabilities(): AoboCapabilities {
  return capabilities;
}

export function billingPageAccess(page: BillingPageId): BillingPageAccess | undefined {
  return capabilities.billingPages.find((entry) => entry.page === page);
}

/** For a customer user (their `wids`): both roles must be held by the same account. */
export function canManageDomainSubscriptions(directoryRoles: readonly string[]): Decision {
  const held = new Set(directoryRoles.map(normalizeGuid));
  const missing = capabilities.domainSubscriptions.requiredCustomerRoles.filter((role) => !held.has(role.id));
  if (missing.length === 0) return allowed;
  return refused(
    `Managing domain subscriptions also needs ${missing.map((role) => role.displayName).join(" and ")} on this account.`
  );
}
