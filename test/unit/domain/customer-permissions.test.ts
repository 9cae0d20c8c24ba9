import { describe, expect, it } from "vitest";
import {
  hasAtLeastBillingAdmin,
  mayAcceptAgreement,
  mayAcceptInvitation,
  mayListRelationships,
  mayRemoveRoles,
  mayTerminate,
  requiredRoleToAccept
} from "../../../shared/domain/customer-permissions";
import {
  billingAdministratorRoleId,
  globalAdministratorRoleId,
  helpdeskAdministratorRoleId
} from "../../../shared/domain/roles";

const globalAdmin = [globalAdministratorRoleId];
const billingAdmin = [billingAdministratorRoleId];
const helpdeskOnly = [helpdeskAdministratorRoleId];
const withRoles = { accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdeskAdministratorRoleId }] } };
const withoutRoles = { accessDetails: { unifiedRoles: [] } };

const globalAdministratorRef = { id: globalAdministratorRoleId, displayName: "Global Administrator" };
const billingAdministratorRef = { id: billingAdministratorRoleId, displayName: "Billing Administrator" };

describe("requiredRoleToAccept", () => {
  it("asks for Global Administrator when any admin role is requested", () => {
    expect(requiredRoleToAccept(withRoles)).toEqual(globalAdministratorRef);
    expect(requiredRoleToAccept(withRoles.accessDetails.unifiedRoles)).toEqual(globalAdministratorRef);
  });

  it("asks for Billing Administrator when no role is requested", () => {
    expect(requiredRoleToAccept(withoutRoles)).toEqual(billingAdministratorRef);
    expect(requiredRoleToAccept([])).toEqual(billingAdministratorRef);
  });
});

describe("hasAtLeastBillingAdmin", () => {
  it("is true for Billing Administrator or Global Administrator, in any case", () => {
    expect(hasAtLeastBillingAdmin(billingAdmin)).toBe(true);
    expect(hasAtLeastBillingAdmin(globalAdmin)).toBe(true);
    expect(hasAtLeastBillingAdmin([billingAdministratorRoleId.toUpperCase()])).toBe(true);
  });

  it("is false for other roles or none", () => {
    expect(hasAtLeastBillingAdmin(helpdeskOnly)).toBe(false);
    expect(hasAtLeastBillingAdmin([])).toBe(false);
  });
});

describe("mayAcceptInvitation", () => {
  it("lets a Global Administrator authorise admin roles", () => {
    expect(mayAcceptInvitation(globalAdmin, withRoles)).toEqual({ allowed: true });
  });

  it("tells a Billing Administrator that Global Administrator is needed for admin roles", () => {
    expect(mayAcceptInvitation(billingAdmin, withRoles)).toEqual({
      allowed: false,
      requiredRole: globalAdministratorRef,
      reason: expect.stringContaining("Global Administrator")
    });
  });

  it("lets a Billing Administrator or Global Administrator accept a relationship without roles", () => {
    expect(mayAcceptInvitation(billingAdmin, withoutRoles)).toEqual({ allowed: true });
    expect(mayAcceptInvitation(globalAdmin, withoutRoles)).toEqual({ allowed: true });
  });

  it("refuses someone with neither role, naming Billing Administrator for a relationship without roles", () => {
    const decision = mayAcceptInvitation(helpdeskOnly, withoutRoles);
    expect(!decision.allowed && decision.requiredRole).toEqual(billingAdministratorRef);
  });
});

describe.each([
  ["mayAcceptAgreement", mayAcceptAgreement],
  ["mayRemoveRoles", mayRemoveRoles],
  ["mayTerminate", mayTerminate],
  ["mayListRelationships", mayListRelationships]
] as const)("%s", (_name, decide) => {
  it("allows a Billing Administrator and a Global Administrator", () => {
    expect(decide(billingAdmin)).toEqual({ allowed: true });
    expect(decide(globalAdmin)).toEqual({ allowed: true });
  });

  it("refuses anyone else, naming Billing Administrator as the role needed", () => {
    for (const roles of [helpdeskOnly, []]) {
      const decision = decide(roles);
      expect(decision.allowed).toBe(false);
      if (!decision.allowed) {
        expect(decision.requiredRole).toEqual(billingAdministratorRef);
        expect(decision.reason).toContain("Billing Administrator");
      }
    }
  });
});
