import { describe, expect, it } from "vitest";
import type { RoleGrantsDocument } from "../../../shared/grants/role-grants";
import { accessCheckQuery } from "../../../shared/api/access-schemas";
import { ForbiddenError } from "../../../shared/errors";
import { checkAccess, decideAccess, groupsToCheck, requireMayAsk } from "../../../shared/use-cases/check-access";

const partner = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
const otherPartner = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a02";
const customer = "c0ffee00-0000-4000-8000-000000000001";
const role = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const now = new Date("2027-06-01T00:00:00.000Z");

function accessDocument(grants: Record<string, string>): RoleGrantsDocument {
  return {
    id: `${partner}|${role}`,
    customerTenantId: customer,
    partnerTenantId: partner,
    roleDefinitionId: role,
    grants: Object.fromEntries(
      Object.entries(grants).map(([relationshipId, endDateTime]) => [
        relationshipId,
        { relationshipId, grantedDateTime: "2027-01-01T00:00:00.000Z", endDateTime }
      ])
    )
  };
}

describe("decideAccess", () => {
  it("says notGranted when there is no document or no grant in it", () => {
    expect(decideAccess(undefined, role, now)).toEqual({ allowed: false, reason: "notGranted" });
    expect(decideAccess(accessDocument({}), role, now)).toEqual({ allowed: false, reason: "notGranted" });
  });

  it("allows with the grant's relationship and end while the end is ahead", () => {
    expect(decideAccess(accessDocument({ r1: "2027-06-01T00:00:00.001Z" }), role, now)).toEqual({
      allowed: true,
      relationshipId: "r1",
      roleDefinitionId: role,
      expiresAt: "2027-06-01T00:00:00.001Z"
    });
  });

  it("says expired the moment the end is reached, before any timer has run", () => {
    expect(decideAccess(accessDocument({ r1: "2027-06-01T00:00:00.000Z" }), role, now)).toEqual({
      allowed: false,
      reason: "expired"
    });
    expect(
      decideAccess(accessDocument({ r1: "2027-05-01T00:00:00.000Z", r2: "2026-01-01T00:00:00.000Z" }), role, now)
    ).toEqual({ allowed: false, reason: "expired" });
  });

  it("picks the grant that lasts longest among those still running", () => {
    const document = accessDocument({
      r1: "2027-07-01T00:00:00.000Z",
      r2: "2028-01-01T00:00:00.000Z",
      r3: "2027-01-01T00:00:00.000Z"
    });
    expect(decideAccess(document, role, now)).toMatchObject({
      allowed: true,
      relationshipId: "r2",
      expiresAt: "2028-01-01T00:00:00.000Z"
    });
  });

  it("never allows on an end date it cannot read", () => {
    expect(decideAccess(accessDocument({ r1: "not a date" }), role, now)).toEqual({
      allowed: false,
      reason: "expired"
    });
  });
});

describe("requireMayAsk", () => {
  const asked = { partnerTenantId: partner, customerTenantId: customer };

  it("lets a partner ask about itself and a customer about itself, whatever the case of the GUIDs", () => {
    expect(() => requireMayAsk({ tenantId: partner.toUpperCase(), appRoles: [] }, asked)).not.toThrow();
    expect(() =>
      requireMayAsk({ tenantId: customer, appRoles: [] }, { ...asked, customerTenantId: customer.toUpperCase() })
    ).not.toThrow();
  });

  it("lets a consuming platform with the Access.Check app role ask about anyone", () => {
    expect(() =>
      requireMayAsk({ tenantId: "00000000-0000-4000-8000-00000000aaaa", appRoles: ["Access.Check"] }, asked)
    ).not.toThrow();
  });

  it("refuses anyone else, naming the app role that would do", () => {
    let error: unknown;
    try {
      requireMayAsk({ tenantId: otherPartner, appRoles: ["Partner.Admin"] }, asked);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).requiredRole).toEqual({ id: "Access.Check", displayName: "Access.Check" });
  });
});

describe("checkAccess", () => {
  it("reads the one access document, with the asked ids in lower case", async () => {
    const reads: string[][] = [];
    const ports = {
      clock: { now: () => now },
      grantStore: {
        get: async (...ids: string[]) => {
          reads.push(ids);
          return accessDocument({ r1: "2027-12-31T00:00:00.000Z" });
        }
      }
    };
    const answer = await checkAccess(
      ports,
      { tenantId: partner, userId: partner, directoryRoles: [], appRoles: [] },
      {
        partnerTenantId: partner.toUpperCase(),
        customerTenantId: customer.toUpperCase(),
        roleDefinitionId: role.toUpperCase()
      }
    );
    expect(answer).toMatchObject({ allowed: true, roleDefinitionId: role });
    expect(reads).toEqual([[customer, partner, role]]);
  });
});

describe("accessCheckQuery", () => {
  it("takes the three GUIDs and nothing else", () => {
    expect(
      accessCheckQuery.safeParse({ partnerTenantId: partner, customerTenantId: customer, roleDefinitionId: role })
        .success
    ).toBe(true);
    const unknown = accessCheckQuery.safeParse({
      partnerTenantId: partner,
      customerTenantId: customer,
      roleDefinitionId: role,
      extra: "1"
    });
    expect(unknown.success).toBe(false);
    const notGuid = accessCheckQuery.safeParse({
      partnerTenantId: "contoso",
      customerTenantId: customer,
      roleDefinitionId: role
    });
    expect(notGuid.error?.issues[0]?.path).toEqual(["partnerTenantId"]);
  });
});

describe("decideAccess with security groups", () => {
  const groupA = "aaaaaaaa-0000-4000-8000-00000000000a";
  const groupB = "aaaaaaaa-0000-4000-8000-00000000000b";
  const withGroups = (
    entries: Record<string, { end: string; groups?: Record<string, string> }>
  ): RoleGrantsDocument => ({
    ...accessDocument({}),
    grants: Object.fromEntries(
      Object.entries(entries).map(([relationshipId, { end, groups }]) => [
        relationshipId,
        { relationshipId, grantedDateTime: "2027-01-01T00:00:00.000Z", endDateTime: end, ...(groups ? { groups } : {}) }
      ])
    )
  });

  it("allows through a grant listing one of the groups, naming the assignment and the group", () => {
    const document = withGroups({ r1: { end: "2027-12-31T00:00:00.000Z", groups: { [groupA]: "assignment-1" } } });
    expect(decideAccess(document, role, now, [groupB, groupA])).toEqual({
      allowed: true,
      relationshipId: "r1",
      roleDefinitionId: role,
      expiresAt: "2027-12-31T00:00:00.000Z",
      accessAssignmentId: "assignment-1",
      securityGroupId: groupA
    });
  });

  it("says notAssigned when the role is granted but none of the groups holds it (no groups at all included)", () => {
    const document = withGroups({
      r1: { end: "2027-12-31T00:00:00.000Z", groups: { [groupA]: "assignment-1" } },
      r2: { end: "2028-12-31T00:00:00.000Z" }
    });
    expect(decideAccess(document, role, now, [groupB])).toEqual({ allowed: false, reason: "notAssigned" });
    expect(decideAccess(document, role, now, [])).toEqual({ allowed: false, reason: "notAssigned" });
    // Without groups the answer is about the tenant, as before.
    expect(decideAccess(document, role, now)).toMatchObject({ allowed: true, relationshipId: "r2" });
  });

  it("says expired when the only grant listing the group has ended, and picks the longest-lasting grant that lists one", () => {
    expect(
      decideAccess(withGroups({ r1: { end: "2027-05-01T00:00:00.000Z", groups: { [groupA]: "a1" } } }), role, now, [
        groupA
      ])
    ).toEqual({ allowed: false, reason: "expired" });
    const document = withGroups({
      r1: { end: "2027-07-01T00:00:00.000Z", groups: { [groupA]: "a1" } },
      r2: { end: "2029-01-01T00:00:00.000Z" },
      r3: { end: "2028-01-01T00:00:00.000Z", groups: { [groupB]: "a3" } }
    });
    expect(decideAccess(document, role, now, [groupA, groupB])).toMatchObject({
      allowed: true,
      relationshipId: "r3",
      accessAssignmentId: "a3",
      securityGroupId: groupB
    });
  });
});

describe("groupsToCheck", () => {
  const asked = { partnerTenantId: partner };
  const user = { tenantId: partner, appRoles: [] as string[] };

  it("takes the groups a platform with Access.Check passes, and refuses them from anyone else (403 naming the role)", () => {
    expect(
      groupsToCheck({ ...user, tenantId: customer, appRoles: ["Access.Check"] }, { ...asked, securityGroupId: ["g1"] })
    ).toEqual(["g1"]);
    expect(() => groupsToCheck({ ...user, groups: ["g1"] }, { ...asked, securityGroupId: ["g1"] })).toThrow(
      ForbiddenError
    );
  });

  it("uses a partner user's own token groups when it asks about its own tenant; a customer asks about the tenant", () => {
    expect(groupsToCheck({ ...user, groups: ["g1", "g2"] }, asked)).toEqual(["g1", "g2"]);
    expect(groupsToCheck({ ...user, tenantId: customer, groups: ["g1"] }, asked)).toBeUndefined();
    expect(groupsToCheck(user, asked)).toBeUndefined(); // a token without a groups claim
  });

  it("says clearly that a token with Entra's groups overage claim needs a platform to pass the groups", () => {
    let error: unknown;
    try {
      groupsToCheck({ ...user, groupsOverage: true }, asked);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).message).toMatch(/groups overage.*securityGroupId/);
    expect((error as ForbiddenError).requiredRole?.id).toBe("Access.Check");
  });
});
