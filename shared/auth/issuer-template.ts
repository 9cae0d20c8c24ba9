/**
 * Entra ID multi-tenant apps see one issuer per tenant (`https://login.microsoftonline.com/<tid>/v2.0`), so the
 * trusted issuer may be a template with `{tenantid}`, which must equal the token's `iss` once the token's own `tid`
 * is put in. An issuer without the placeholder trusts exactly one issuer.
 */
const placeholder = /\{tenantid\}/gi;

export function isIssuerTemplate(issuer: string): boolean {
  return /\{tenantid\}/i.test(issuer);
}

export function issuerForTenant(issuer: string, tenantId: string): string {
  // A replacer function, so `$` sequences in the value are never read as patterns.
  return issuer.replace(placeholder, () => tenantId);
}

export function isTrustedIssuer(trustedIssuer: string, tokenIssuer: string, tokenTenantId: string): boolean {
  return issuerForTenant(trustedIssuer, tokenTenantId) === tokenIssuer;
}
