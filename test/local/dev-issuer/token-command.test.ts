import { describe, expect, it } from "vitest";
import { defaultRuntimeUrl, parseTokenArgs, TokenArgsError } from "../../../local/dev-issuer/token-command";

const tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const user = "00000000-0000-0000-0000-0000000000aa";
const globalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
const userAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";

describe("parseTokenArgs", () => {
  it("builds a token request with defaults", () => {
    expect(parseTokenArgs(["--tenant", tenant, "--user", user])).toEqual({
      kind: "request",
      url: defaultRuntimeUrl,
      request: { tenantId: tenant, userId: user }
    });
  });

  it("reads comma lists and repeated flags, numbers and another URL", () => {
    const parsed = parseTokenArgs([
      "--tenant",
      tenant.toUpperCase(),
      "--user",
      user,
      "--wids",
      `${globalAdministrator}, ${userAdministrator}`,
      "--roles",
      "Partner.Admin",
      "--roles",
      "A,B",
      "--name",
      "Ada",
      "--expires",
      "60",
      "--url",
      "http://localhost:7080/"
    ]);
    expect(parsed).toEqual({
      kind: "request",
      url: "http://localhost:7080",
      request: {
        tenantId: tenant,
        userId: user,
        wids: [globalAdministrator, userAdministrator],
        roles: ["Partner.Admin", "A", "B"],
        name: "Ada",
        expiresInSeconds: 60
      }
    });
  });

  it("takes security groups (--groups, lower-cased) and the groups overage switch", () => {
    const group = "AAAAAAAA-0000-4000-8000-000000000001";
    const parsed = parseTokenArgs([
      "--tenant",
      tenant,
      "--user",
      user,
      "--groups",
      `${group},bbbbbbbb-0000-4000-8000-000000000002`
    ]);
    expect(parsed).toMatchObject({
      request: { groups: [group.toLowerCase(), "bbbbbbbb-0000-4000-8000-000000000002"] }
    });
    expect(parseTokenArgs(["--tenant", tenant, "--user", user, "--groups-overage"])).toMatchObject({
      request: { groupsOverage: true }
    });
    expect(() => parseTokenArgs(["--tenant", tenant, "--user", user, "--groups", "helpdesk"])).toThrow(
      /--groups \(item 1\)/
    );
  });

  it("names the options at fault", () => {
    expect(() => parseTokenArgs([])).toThrow("--tenant and --user are required.");
    expect(() =>
      parseTokenArgs(["--tenant", tenant, "--user", user, "--wids", `${globalAdministrator},admin`])
    ).toThrow(/--wids \(item 2\)/);
    expect(() => parseTokenArgs(["--tenant", tenant, "--user", user, "--expires", "1.5"])).toThrow(/--expires/);
    expect(() => parseTokenArgs(["--tenant", tenant, "--user", user, "--url", "ftp://x"])).toThrow(/--url/);
    expect(() => parseTokenArgs(["--tenant", tenant, "--user", user, "extra"])).toThrow(TokenArgsError);
  });

  it("asks for help", () => {
    expect(parseTokenArgs(["--help"])).toEqual({ kind: "help" });
  });
});
