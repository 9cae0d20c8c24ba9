import { describe, expect, it } from "vitest";
import { toPrincipal } from "../../../shared/auth/access-token-claims";

const base = { iss: "https://issuer.example", tid: "6babcaad-604b-40ac-a9d7-9fd97c0b779f", oid: "0b0c5d6e-1111-4222-8333-944455556666", wids: [], roles: [] };

describe("toPrincipal", () => {
  it("takes the sign-in domain from preferred_username, in lower case", () => {
    expect(toPrincipal({ ...base, preferred_username: "Admin@Contoso.OnMicrosoft.com" }).signInDomain).toBe("contoso.onmicrosoft.com");
  });

  it("has no sign-in domain when preferred_username is absent or not an address", () => {
    expect(toPrincipal(base).signInDomain).toBeUndefined();
    expect(toPrincipal({ ...base, preferred_username: "admin" }).signInDomain).toBeUndefined();
    expect(toPrincipal({ ...base, preferred_username: "a@b@c.com" }).signInDomain).toBeUndefined();
  });
});
