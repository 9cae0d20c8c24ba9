import { HttpRequest } from "@azure/functions";
import { describe, expect, it } from "vitest";
import { checkCsrfToken, checkSameOrigin, csrfTokenFor, FormRefusedError } from "../../../shared/pages/csrf";

const secret = Buffer.alloc(32, 7);
const subject = {
  tenantId: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01",
  userId: "11111111-1111-4111-8111-111111111111",
  issuedAt: 1_767_225_600
};
const site = ["https://partners.example"];

const request = (headers: Record<string, string>) =>
  new HttpRequest({ method: "POST", url: "https://partners.example/customer-agreement", headers });

describe("CSRF tokens", () => {
  it("are the same for one sign-in and differ for another user, tenant, sign-in time or secret", () => {
    const token = csrfTokenFor(secret, subject);
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(csrfTokenFor(secret, { ...subject, tenantId: subject.tenantId.toUpperCase() })).toBe(token);
    for (const other of [
      csrfTokenFor(secret, { ...subject, userId: "22222222-2222-4222-8222-222222222222" }),
      csrfTokenFor(secret, { ...subject, tenantId: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e02" }),
      csrfTokenFor(secret, { ...subject, issuedAt: subject.issuedAt + 1 }),
      csrfTokenFor(Buffer.alloc(32, 8), subject)
    ]) {
      expect(other).not.toBe(token);
    }
  });

  it("are not the invitation link tokens of the same secret (a label of their own)", () => {
    expect(csrfTokenFor(secret, subject)).not.toContain(secret.toString("base64url"));
  });

  it("must come back in the form, exactly", () => {
    const token = csrfTokenFor(secret, subject);
    expect(() => checkCsrfToken(token, new URLSearchParams({ csrf: token }))).not.toThrow();
    for (const form of [
      new URLSearchParams(),
      new URLSearchParams({ csrf: "" }),
      new URLSearchParams({ csrf: `${token}x` }),
      new URLSearchParams({ csrf: token.toLowerCase() })
    ]) {
      expect(() => checkCsrfToken(token, form)).toThrow(FormRefusedError);
    }
  });
});

describe("checkSameOrigin", () => {
  it("lets through this site's own posts, a browser that sends no Origin, and Origin null (no-referrer pages)", () => {
    const cases: Record<string, string>[] = [
      { origin: "https://partners.example" },
      {},
      { origin: "null" },
      { "sec-fetch-site": "same-origin", origin: "https://partners.example" },
      { "sec-fetch-site": "none" }
    ];
    for (const headers of cases) {
      expect(() => checkSameOrigin(request(headers), site)).not.toThrow();
    }
  });

  it("refuses posts another site's page made", () => {
    const cases: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "https://partners.example.evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site", origin: "null" }
    ];
    for (const headers of cases) {
      expect(() => checkSameOrigin(request(headers), site)).toThrow(FormRefusedError);
    }
  });
});
