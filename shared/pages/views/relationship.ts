/**
 * One partner relationship: status, roles, dates, auto-extend, the partner's security groups holding the roles,
 * and its history from the audit trail, with Remove roles and Terminate. Each opens a confirmation <dialog> with the script; without it the button submits a
 * GET to a confirmation page holding the same form. The script refreshes status and roles every 2 s.
 */
import { findRole } from "../../domain/roles";
import type { HistoryEntry } from "../../use-cases/customer-views";
import type { CustomerRelationship } from "../../use-cases/customer-relationships";
import { autoExtendText, durationText, historyLabel, isListedInHistory, timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import type { RelationshipSummary } from "../relationship-summary";
import { partnerGroupsView } from "./partner-groups";
import { csrfField, partnerIdentityFacts, roleItems } from "./relationship-parts";
import { relationshipPath } from "./relationships";

export interface RelationshipPage {
  readonly document: CustomerRelationship;
  readonly summary: RelationshipSummary;
  readonly history: readonly HistoryEntry[];
  readonly csrfToken: string;
  readonly confirmation?: "removed" | "terminated";
}

export function relationshipView(page: RelationshipPage): SafeHtml {
  const { document, summary } = page;
  const history = page.history.filter((entry) => isListedInHistory(entry.action));
  return html`<p><a href="/partner-relationships">← Partner relationships</a></p>
<div data-poll-url="${relationshipPath(summary.id, "status")}" data-status="${summary.status}">
<h1>${summary.partnerName}</h1>
<p class="lead">${summary.displayName}</p>
${page.confirmation && confirmation(page.confirmation, summary)}
<p class="visually-hidden" aria-live="polite" data-live-region></p>
<dl class="facts">
<dt>Status</dt><dd><span class="status" data-field="status" data-status="${summary.status}">${summary.statusLabel}</span></dd>
${partnerIdentityFacts(summary.partner)}
<dt>Relationship type</dt><dd>${summary.partnerType}</dd>
<dt>Accepted on</dt><dd>${timeElement(document.acceptance?.acceptedDateTime)}</dd>
<dt>Active since</dt><dd>${timeElement(document.activatedDateTime)}</dd>
<dt>Ends on</dt><dd><span data-field="endDate">${summary.endDate || "—"}</span></dd>
<dt>Duration</dt><dd>${durationText(document.duration)}</dd>
<dt>Auto-extend</dt><dd>${autoExtendText(document.autoExtendDuration)}</dd>
</dl>
<p class="notice" data-field="statusNote" data-hide-when-empty${summary.statusNote ? "" : html` hidden`}>${summary.statusNote}</p>
<h2>Admin roles</h2>
<ul class="role-list" data-field="roles"${summary.roles.length === 0 ? html` hidden` : ""}>
${roleItems(summary.roles)}</ul>
<p data-field="noRoles"${summary.roles.length > 0 ? html` hidden` : ""}>This partner has no admin roles in your organisation.</p>
${removedRoles(document)}
${partnerGroupsView(document)}
<div class="actions">
${actionForm(summary, "remove-roles", "removeRoles", "Remove roles", "button--danger")}
${actionForm(summary, "terminate", "terminate", "Terminate", "button--secondary")}
</div>
</div>
${removeRolesDialog(summary, page.csrfToken)}
${terminateDialog(summary, page.csrfToken)}
<h2>History</h2>
${
  history.length === 0
    ? html`<p>Nothing recorded yet.</p>`
    : html`<ol class="history">
${[...history].reverse().map(
  (
    entry
  ) => html`<li>${timeElement(entry.at, true)}: ${historyLabel(entry.action)}${actorText(entry)}${entry.removedRoles && html` (${entry.removedRoles.map((role) => role.displayName ?? role.roleDefinitionId).join(", ")})`}${entry.role && html`: ${entry.role.displayName ?? entry.role.roleDefinitionId}`}</li>
`
)}</ol>`
}`;
}

function actorText(entry: HistoryEntry): string {
  if (entry.actor.kind === "system") return "";
  const who = entry.actor.displayName ?? (entry.actor.kind === "partner" ? "the partner" : "your organisation");
  return ` by ${who}`;
}

function removedRoles(document: CustomerRelationship): SafeHtml | undefined {
  if (!document.removedRoles || document.removedRoles.length === 0) return undefined;
  return html`<p class="muted">Removed on ${timeElement(document.rolesRemovedDateTime)}: ${document.removedRoles
    .map((role) => roleName(role.roleDefinitionId))
    .join(", ")}.</p>`;
}

function roleName(id: string): string {
  return findRole(id)?.displayName ?? id;
}

/** Without the script, the button GETs the confirmation page; with it, the button opens the dialog instead. */
function actionForm(
  summary: RelationshipSummary,
  path: "remove-roles" | "terminate",
  action: "removeRoles" | "terminate",
  label: string,
  style: string
): SafeHtml {
  const allowed = summary.actions[action];
  return html`<form method="get" action="${relationshipPath(summary.id, path)}" data-action="${action}"${allowed ? "" : html` hidden`}>
<button type="submit" class="${style}" data-opens-dialog="${path}-dialog">${label}</button>
</form>`;
}

function removeRolesDialog(summary: RelationshipSummary, csrfToken: string): SafeHtml {
  return html`<dialog id="remove-roles-dialog" aria-labelledby="remove-roles-title" aria-describedby="remove-roles-text">
<h2 id="remove-roles-title">Remove roles?</h2>
${removeRolesText(summary)}
${confirmForm(summary, "remove-roles", csrfToken, "Yes", "No", "button--danger")}
</dialog>`;
}

function terminateDialog(summary: RelationshipSummary, csrfToken: string): SafeHtml {
  return html`<dialog id="terminate-dialog" aria-labelledby="terminate-title" aria-describedby="terminate-text">
<h2 id="terminate-title">Terminate this relationship?</h2>
${terminateText(summary)}
${confirmForm(summary, "terminate", csrfToken, "Yes, terminate", "No", "button--danger")}
</dialog>`;
}

export function removeRolesText(summary: RelationshipSummary): SafeHtml {
  const groups = summary.groupCount === 1 ? "the 1 security group" : `all ${summary.groupCount} security groups`;
  return html`<p id="remove-roles-text"><strong>${summary.partnerName}</strong> will lose every admin role in your organisation (${summary.roles.map((role) => role.displayName).join(", ")}), and so will every one of its security groups${summary.groupCount > 0 ? html` (${groups} listed on this page)` : ""}. The relationship stays, so the partner can still work with you without admin roles, for example as a reseller.</p>`;
}

export function terminateText(summary: RelationshipSummary): SafeHtml {
  return html`<p id="terminate-text">The relationship with <strong>${summary.partnerName}</strong> ends for good, and every admin role it has is taken away. To work together again, the partner has to send a new invitation.</p>`;
}

/** The form that carries out the action; used in the dialog and on the no-script confirmation page. */
export function confirmForm(
  summary: RelationshipSummary,
  path: "remove-roles" | "terminate",
  csrfToken: string,
  yes: string,
  no: string,
  style: string,
  inDialog = true
): SafeHtml {
  return html`<form method="post" action="${relationshipPath(summary.id, path)}">
${csrfField(csrfToken)}
<div class="actions">
<button type="submit" class="${style}">${yes}</button>
${inDialog ? html`<button type="button" class="button--secondary" data-closes-dialog autofocus>${no}</button>` : html`<a class="button button--secondary" href="${relationshipPath(summary.id)}">${no}</a>`}
</div>
</form>`;
}

function confirmation(kind: "removed" | "terminated", summary: RelationshipSummary): SafeHtml {
  return kind === "removed"
    ? html`<div class="notice notice--success" role="status" data-confirmation="removed"><p>Admin roles removed. <strong>${summary.partnerName}</strong> no longer has admin roles in your organisation; the relationship stays.</p></div>`
    : html`<div class="notice notice--success" role="status" data-confirmation="terminated"><p>Termination requested. <strong>${summary.partnerName}</strong> is losing its roles; the status below updates by itself.</p></div>`;
}

export function confirmPageView(title: string, text: SafeHtml, form: SafeHtml): SafeHtml {
  return html`<h1>${title}</h1>
${text}
${form}`;
}
