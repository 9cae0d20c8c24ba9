/** Pieces the invitation and relationship pages share: the roles a relationship carries, with plain descriptions. */
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
    (role) => html`<li><span class="role-name">${role.displayName}</span>${role.privileged && html`<span class="tag">Privileged</span>`}${role.description && html`: ${role.description}`}</li>
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
