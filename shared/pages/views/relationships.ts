/**
 * Settings > Partner relationships: the tenant's partners with type, status, number of roles and end date. Each
 * row links to its details; the script refreshes status, roles and end date every 2 s from
 * /partner-relationships/status, so "Activating" turns into "Active" without a reload.
 */
import { html, type SafeHtml } from "../html";
import type { RelationshipSummary } from "../relationship-summary";
import { partnerIdentityLine } from "./relationship-parts";

export const relationshipsHeading = "Partner relationships";
const relationshipsStatusPath = "/partner-relationships/status";

export function relationshipPath(id: string, action?: "status" | "remove-roles" | "terminate"): string {
  return `/partner-relationships/${encodeURIComponent(id)}${action ? `/${action}` : ""}`;
}

export interface RelationshipsPage {
  readonly relationships: readonly RelationshipSummary[];
  /** The confirmation to show after accepting or declining an invitation (only for a relationship in the list). */
  readonly confirmation?: { readonly kind: "accepted" | "declined"; readonly relationship: RelationshipSummary };
}

export function relationshipsView(page: RelationshipsPage): SafeHtml {
  return html`<h1>${relationshipsHeading}</h1>
${page.confirmation && confirmationNotice(page.confirmation)}
<p class="lead">The partners you work with. Select a partner to see its roles, dates and history, or to remove its admin roles.</p>
${
  page.relationships.length === 0
    ? html`<p>You don't work with any partners yet. <a href="/partners">Find a partner</a>, and it will send you an invitation.</p>`
    : html`<div data-poll-url="${relationshipsStatusPath}">
<table class="stack">
<caption class="visually-hidden">Your partner relationships</caption>
<thead><tr><th scope="col">Partner</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Roles</th><th scope="col">Ends on</th></tr></thead>
<tbody>
${page.relationships.map(row)}</tbody>
</table>
</div>`
}
<p><a href="/customer-agreement">Customer agreement</a> · <a href="/partners">Find a partner</a></p>`;
}

function row(summary: RelationshipSummary): SafeHtml {
  return html`<tr data-row-id="${summary.id}" data-status="${summary.status}">
<th scope="row" data-label="Partner"><a href="${relationshipPath(summary.id)}">${summary.partnerName}</a><br>${partnerIdentityLine(summary.partner)}<br><span class="muted">${summary.displayName}</span></th>
<td data-label="Type">${summary.partnerType}</td>
<td data-label="Status"><span class="status" data-field="status" data-status="${summary.status}">${summary.statusLabel}</span></td>
<td data-label="Roles"><span data-field="roleCount">${summary.roleCount}</span></td>
<td data-label="Ends on"><span data-field="endDate">${summary.endDate || "—"}</span></td>
</tr>
`;
}

function confirmationNotice(confirmation: NonNullable<RelationshipsPage["confirmation"]>): SafeHtml {
  const { relationship } = confirmation;
  if (confirmation.kind === "declined") {
    return html`<div class="notice notice--success" role="status"><p>You declined the invitation from <strong>${relationship.partnerName}</strong>.</p></div>`;
  }
  return html`<div class="notice notice--success" role="status" data-confirmation="accepted">
<p>You accepted the customer agreement and authorized <strong>${relationship.partnerName}</strong>.</p>
<p>${relationship.roleCount > 0 ? "Its roles are granted within moments; the status below shows when they are active." : "It can now work with you without admin roles."}</p>
</div>`;
}
