import { describe, expect, it } from "vitest";
import {
  billingAdministratorRoleId,
  domainNameAdministratorRoleId,
  findRole,
  globalAdministratorRoleId,
  helpdeskAdministratorRoleId,
  roleCatalogue
} from "../../../shared/domain/roles";

describe("roleCatalogue", () => {
  it("holds the 34 Entra built-in roles with unique lower-case ids", () => {
    expect(roleCatalogue).toHaveLength(34);
    const ids = roleCatalogue.map((role) => role.id);
    expect(new Set(ids).size).toBe(34);
    for (const id of ids) expect(id).toBe(id.toLowerCase());
  });

  it("names the template ids the rules depend on", () => {
    expect(findRole(globalAdministratorRoleId)?.displayName).toBe("Global Administrator");
    expect(findRole(billingAdministratorRoleId)?.displayName).toBe("Billing Administrator");
    expect(findRole(helpdeskAdministratorRoleId)?.displayName).toBe("Helpdesk Administrator");
    expect(findRole(domainNameAdministratorRoleId)?.displayName).toBe("Domain Name Administrator");
  });
});

describe("findRole", () => {
  it("finds a role whatever the case of its id", () => {
    expect(findRole(globalAdministratorRoleId.toUpperCase())?.id).toBe(globalAdministratorRoleId);
  });

  it("returns undefined when the id is not in the catalogue", () => {
    expect(findRole("00000000-0000-0000-0000-000000000000")).toBeUndefined();
    expect(findRole("not-a-guid")).toBeUndefined();
  });
});
