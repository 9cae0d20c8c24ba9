import { describe, expect, it } from "vitest";
import { readEasyAuthPrincipal } from "../../../shared/pages/easy-auth";

const tenantId = "C0FFEE00-1B2C-4D3E-8F40-5A6B7C8D9E01";
const userId = "11111111-1111-4111-8111-111111111111";
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

describe("readEasyAuthPrincipal", () => {
  it("takes the sign-in domain from the UPN claim", () => {
    const header = encode({
      claims: [
        { typ: "tid", val: tenantId },
        { typ: "oid", val: userId },
        { typ: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn", val: "ada@Tailspin.example" }
      ]
    });
    expect(readEasyAuthPrincipal(header)?.principal.signInDomain).toBe("tailspin.example");
  });

  it("reads tenant, user, name, every wids claim, app roles and iat from X-MS-CLIENT-PRINCIPAL", () => {
    const header = encode({
      auth_typ: "aad",
      name_typ: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
      role_typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
      claims: [
        { typ: "http://schemas.microsoft.com/identity/claims/tenantid", val: tenantId },
        { typ: "http://schemas.microsoft.com/identity/claims/objectidentifier", val: userId },
        { typ: "name", val: "Ada Admin" },
        { typ: "wids", val: "62e90394-69f5-4237-9190-012177145e10" },
        { typ: "wids", val: "b0f54661-2d74-4c50-afa3-1ec803f12efe" },
        { typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val: "Partner.Admin" },
        { typ: "iat", val: "1767225600" }
      ]
    });
    expect(readEasyAuthPrincipal(header)).toEqual({
      principal: {
        tenantId: tenantId.toLowerCase(),
        userId,
        displayName: "Ada Admin",
        directoryRoles: ["62e90394-69f5-4237-9190-012177145e10", "b0f54661-2d74-4c50-afa3-1ec803f12efe"],
        appRoles: ["Partner.Admin"]
      },
      issuedAt: 1_767_225_600
    });
  });

  it("takes the short claim names and the name_typ claim for the name", () => {
    const header = encode({
      name_typ: "preferred_username",
      claims: [
        { typ: "tid", val: tenantId },
        { typ: "oid", val: userId },
        { typ: "preferred_username", val: "ada@tailspin.example" },
        { typ: "roles", val: "Partner.Admin" }
      ]
    });
    expect(readEasyAuthPrincipal(header)?.principal).toMatchObject({
      displayName: "ada@tailspin.example",
      directoryRoles: [],
      appRoles: ["Partner.Admin"]
    });
  });

  it("reads nothing from a missing, malformed or incomplete header", () => {
    for (const header of [
      null,
      "",
      "%%%",
      encode("x"),
      encode({ claims: "x" }),
      encode({ claims: [{ typ: "tid", val: tenantId }] }),
      encode({
        claims: [
          { typ: "tid", val: "nope" },
          { typ: "oid", val: userId }
        ]
      })
    ]) {
      expect(readEasyAuthPrincipal(header)).toBeUndefined();
    }
  });
});
