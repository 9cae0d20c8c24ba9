import { describe, expect, it } from "vitest";
import { accessTokenClaimsSchema, toPrincipal } from "../../../shared/auth/access-token-claims";

const base = {
  iss: "https://issuer.example",
  tid: "6babcaad-604b-40ac-a9d7-9fd97c0b779f",
  oid: "0b0c5d6e-1111-4222-8333-944455556666",
  wids: [],
  roles: []
};
const principalOf = (claims: Record<string, unknown>) =>
  toPrincipal(accessTokenClaimsSchema.parse({ ...base, ...claims }));

describe("toPrincipal", () => {
  it("takes the sign-in domain from preferred_username, in lower case", () => {
    expect(toPrincipal({ ...base, preferred_username: "Admin@Contoso.OnMicrosoft.com" }).signInDomain).toBe(
      "contoso.onmicrosoft.com"
    );
  });

  it("has no sign-in domain when preferred_username is absent or not an address", () => {
    expect(toPrincipal(base).signInDomain).toBeUndefined();
    expect(toPrincipal({ ...base, preferred_username: "admin" }).signInDomain).toBeUndefined();
    expect(toPrincipal({ ...base, preferred_username: "a@b@c.com" }).signInDomain).toBeUndefined();
  });
});

describe("toPrincipal: security groups", () => {
  it("carries the groups claim, in lower case, and nothing when the token has none", () => {
    expect(principalOf({ groups: ["AAAAAAAA-0000-4000-8000-000000000001"] }).groups).toEqual([
      "aaaaaaaa-0000-4000-8000-000000000001"
    ]);
    expect(principalOf({ groups: [] }).groups).toEqual([]);
    expect(principalOf({})).not.toHaveProperty("groups");
    expect(principalOf({})).not.toHaveProperty("groupsOverage");
  });

  it("marks Entra's groups overage: _claim_names naming groups, or hasgroups", () => {
    expect(
      principalOf({
        _claim_names: { groups: "src1" },
        _claim_sources: { src1: { endpoint: "https://graph.microsoft.com/..." } }
      }).groupsOverage
    ).toBe(true);
    expect(principalOf({ hasgroups: true }).groupsOverage).toBe(true);
    expect(principalOf({ _claim_names: { other: "src1" } })).not.toHaveProperty("groupsOverage");
  });
});
