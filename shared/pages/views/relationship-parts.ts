/**
 * Pieces the invitation and relationship pages share: the roles a relationship carries, with plain descriptions,
 * and who the partner is beside its display name.
 */
import { findPartnerType } from "../../domain/partner-types";
import { findRole } from "../../domain/roles";
import { html, type SafeHtml } from "../html";
import { csrfFieldName } from "../csrf";

export interface RoleView {
  readonly roleDefinitionId: string;
  readonly displayName: string;
  readonly description?: string;
  readonly privileged: boolean;
}

export function describeRoles(roles: readonly { readonly roleDefinitionId: string }[]): RoleView[] {
  return roles.map((role) => {
    const known = findRole(role.roleDefinitionId);
    return {
      roleDefinitionId: role.roleDefinitionId,
      displayName: known?.displayName ?? role.roleDefinitionId,
      ...(known ? { description: known.description } : {}),
      privileged: known?.privileged ?? false
    };
  });
}

export function roleItems(roles: readonly RoleView[]): SafeHtml {
  return html`${roles.map(
    (
      role
    ) => html`<li><span class="role-name">${role.displayName}</span>${role.privileged && html`<span class="tag">Privileged</span>`}${role.description && html`: ${role.description}`}</li>
`
  )}`;
}

export function partnerTypeOf(partnerType: string): { displayName: string; description?: string } {
  const known = findPartnerType(partnerType);
  return known ? { displayName: known.displayName, description: known.description } : { displayName: partnerType };
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="${csrfFieldName}" value="${token}">`;
}

/** The partner as snapshotted on the relationship; legal name and domain are absent on older relationships. */
export interface PartnerIdentityView {
  readonly tenantId: string;
  readonly legalName?: string;
  readonly verifiedDomain?: string;
}

const notRecorded = "Not recorded (invited before partners were verified)";

/**
 * Legal name, verified domain and tenant id as definition-list rows: what an operator checked when it approved the
 * partner, which a look-alike display name cannot fake.
 */
export function partnerIdentityFacts(partner: PartnerIdentityView): SafeHtml {
  return html`<dt>Legal name</dt><dd data-field="partnerLegalName">${partner.legalName ?? notRecorded}</dd>
<dt>Verified domain</dt><dd data-field="partnerDomain">${partner.verifiedDomain ?? notRecorded}</dd>
<dt>Partner tenant id</dt><dd data-field="partnerTenantId"><code>${partner.tenantId}</code></dd>`;
}

/** The same on one line, for a table cell: "Contoso Cloud Partners Ltd · contoso.com · tenant 7d5d…". */
export function partnerIdentityLine(partner: PartnerIdentityView): SafeHtml {
  const parts = [partner.legalName, partner.verifiedDomain].filter((part): part is string => Boolean(part));
  return html`<span class="partner-identity" data-field="partnerIdentity">${parts.map((part) => html`${part} · `)}tenant <code>${partner.tenantId}</code></span>`;
}
