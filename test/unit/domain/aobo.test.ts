import { describe, expect, it } from "vitest";
import { aoboCapabilities, billingPageAccess, canManageDomainSubscriptions } from "../../../shared/domain/aobo";
import {
  billingAdministratorRoleId,
  domainNameAdministratorRoleId,
  globalAdministratorRoleId
} from "../../../shared/domain/roles";

describe("aoboCapabilities", () => {
  it("withholds Purchase services, Your products and Bills & payments from a partner acting on behalf", () => {
    const unavailable = aoboCapabilities()
      .billingPages.filter((page) => !page.available)
      .map((page) => page.title);
    expect(unavailable).toEqual(["Purchase services", "Your products", "Bills & payments"]);
  });

  it("keeps Licenses and Billing notifications available", () => {
    const available = aoboCapabilities()
      .billingPages.filter((page) => page.available)
      .map((page) => page.title);
    expect(available).toEqual(["Licenses", "Billing notifications"]);
    expect(billingPageAccess("licenses")?.available).toBe(true);
    expect(billingPageAccess("billsAndPayments")?.available).toBe(false);
  });

  it("gives a reason for every page", () => {
    for (const page of aoboCapabilities().billingPages) expect(page.reason.length).toBeGreaterThan(10);
  });

  it("says domain subscriptions need a customer account with Domain Name Administrator and Billing Administrator", () => {
    expect(aoboCapabilities().domainSubscriptions.requiredCustomerRoles).toEqual([
      { id: domainNameAdministratorRoleId, displayName: "Domain Name Administrator" },
      { id: billingAdministratorRoleId, displayName: "Billing Administrator" }
    ]);
  });
});

describe("canManageDomainSubscriptions", () => {
  it("allows an account holding both roles", () => {
    expect(canManageDomainSubscriptions([billingAdministratorRoleId, domainNameAdministratorRoleId])).toEqual({
      allowed: true
    });
  });

  it("refuses an account holding only one of them, naming the missing one", () => {
    expect(canManageDomainSubscriptions([billingAdministratorRoleId])).toEqual({
      allowed: false,
      reason: "Managing domain subscriptions also needs Domain Name Administrator on this account."
    });
    const decision = canManageDomainSubscriptions([domainNameAdministratorRoleId]);
    expect(!decision.allowed && decision.reason).toContain("Billing Administrator");
  });

  it("refuses a Global Administrator alone, since the rule names the two roles", () => {
    expect(canManageDomainSubscriptions([globalAdministratorRoleId]).allowed).toBe(false);
  });
});
