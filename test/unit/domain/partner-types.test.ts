import { z } from "zod";
import { describe, expect, it } from "vitest";
import { findPartnerType, isRoleBearing, partnerTypeIds, partnerTypes } from "../../../shared/domain/partner-types";
import { globalAdministratorRoleId, helpdeskAdministratorRoleId } from "../../../shared/domain/roles";

describe("partner types", () => {
  it("offers the nine types of the seed table under stable ids", () => {
    expect([...partnerTypeIds].sort()).toEqual(
      [
        "advisor",
        "independentSoftwareVendor",
        "indirectReseller",
        "lineOfBusiness",
        "mpsaPartner",
        "oem",
        "partner",
        "partnerWithGdap",
        "reseller"
      ].sort()
    );
    expect(partnerTypes.map((type) => type.id)).toEqual([...partnerTypeIds]);
  });

  it("lets zod validate a partner type with the id tuple", () => {
    const schema = z.enum(partnerTypeIds);
    expect(schema.safeParse("reseller").success).toBe(true);
    expect(schema.safeParse("distributor").success).toBe(false);
  });

  it("gives every type a display name and a one-line description", () => {
    for (const type of partnerTypes) {
      expect(type.displayName.length).toBeGreaterThan(0);
      expect(type.description.length).toBeGreaterThan(20);
      expect(type.description).not.toContain("\n");
    }
  });

  it("fixes the advisor roles to Global Administrator and Helpdesk Administrator", () => {
    expect(findPartnerType("advisor")?.rolePolicy).toEqual({
      kind: "fixed",
      roleIds: [globalAdministratorRoleId, helpdeskAdministratorRoleId]
    });
  });

  it("distinguishes types with no roles from line-of-business, where roles are not available", () => {
    for (const id of ["independentSoftwareVendor", "indirectReseller", "mpsaPartner", "oem", "reseller"]) {
      expect(findPartnerType(id)?.rolePolicy.kind).toBe("none");
    }
    expect(findPartnerType("lineOfBusiness")?.rolePolicy.kind).toBe("notAvailable");
    expect(findPartnerType("partner")?.rolePolicy.kind).toBe("anyCatalogueRole");
    expect(findPartnerType("partnerWithGdap")?.rolePolicy.kind).toBe("gdapEligible");
  });

  it("returns undefined for an unknown type id", () => {
    expect(findPartnerType("distributor")).toBeUndefined();
  });
});

describe("isRoleBearing", () => {
  it("is true only for advisor, partner and partnerWithGdap", () => {
    const bearing = partnerTypeIds.filter((id) => isRoleBearing(id));
    expect(bearing).toEqual(["advisor", "partner", "partnerWithGdap"]);
  });

  it("accepts the type object as well as its id", () => {
    const advisor = findPartnerType("advisor");
    const reseller = findPartnerType("reseller");
    expect(advisor && isRoleBearing(advisor)).toBe(true);
    expect(reseller && isRoleBearing(reseller)).toBe(false);
  });
});
