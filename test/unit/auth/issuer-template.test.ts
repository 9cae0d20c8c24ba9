import { describe, expect, it } from "vitest";
import { isIssuerTemplate, issuerForTenant, isTrustedIssuer } from "../../../shared/auth/issuer-template";

const tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const other = "9188040d-6c67-4c5b-b112-36a304b66dad";
const template = "https://login.microsoftonline.com/{tenantid}/v2.0";

describe("issuer templates", () => {
  it("recognises the {tenantid} placeholder", () => {
    expect(isIssuerTemplate(template)).toBe(true);
    expect(isIssuerTemplate("https://login.microsoftonline.com/{TenantId}/v2.0")).toBe(true);
    expect(isIssuerTemplate(`https://login.microsoftonline.com/${tenant}/v2.0`)).toBe(false);
  });

  it("puts the token's own tenant into the template", () => {
    expect(issuerForTenant(template, tenant)).toBe(`https://login.microsoftonline.com/${tenant}/v2.0`);
    expect(issuerForTenant("https://x.example/{tenantid}/", "$&$'")).toBe("https://x.example/$&$'/");
  });

  it("trusts a tenant's own issuer and no other tenant's", () => {
    expect(isTrustedIssuer(template, `https://login.microsoftonline.com/${tenant}/v2.0`, tenant)).toBe(true);
    expect(isTrustedIssuer(template, `https://login.microsoftonline.com/${other}/v2.0`, tenant)).toBe(false);
    expect(isTrustedIssuer(template, `https://sts.windows.net/${tenant}/`, tenant)).toBe(false);
  });

  it("matches a plain issuer exactly", () => {
    const plain = `https://login.microsoftonline.com/${tenant}/v2.0`;
    expect(isTrustedIssuer(plain, plain, tenant)).toBe(true);
    expect(isTrustedIssuer(plain, `${plain}/`, tenant)).toBe(false);
    expect(isTrustedIssuer(plain, `https://login.microsoftonline.com/${other}/v2.0`, other)).toBe(false);
  });
});
