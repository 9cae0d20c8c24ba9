/**
 * What the partner's relationship page says about the relationship itself: status, customer, invitation email,
 * type, dates and auto-extend, the roles with what each allows, and the history from the audit trail. The fields
 * the script keeps current carry `data-field` (status, statusNote, emailState, roles).
 */
import type { StoredRelationship } from "../../relationships/relationship-document";
import type { HistoryEntry } from "../../use-cases/customer-views";
import { autoExtendText, durationText, historyLabel, isListedInHistory, statusBadge, timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { describeRoles, partnerTypeOf, roleItems } from "../views/relationship-parts";
import { roleNames } from "../views/assignment-parts";
import { emailState, statusNote } from "./invitation-list-view";

export function customerName(document: StoredRelationship): string {
  return (
    document.customer.displayName ??
    document.customer.adminEmail ??
    (document.customer.tenantId ? `tenant ${document.customer.tenantId}` : "a customer not known yet")
  );
}

export function relationshipFacts(document: StoredRelationship, now: Date): SafeHtml {
  const email = emailState(document, now);
  const note = statusNote(document, now);
  return html`<dl class="facts">
<dt>Status</dt><dd>${statusBadge(document.status)}</dd>
<dt>Customer</dt><dd>${customerFact(document)}</dd>
<dt>Customer admin email</dt><dd>${document.customer.adminEmail ?? html`<span class="muted">None: you share the invitation link yourself</span>`}</dd>
<dt>Invitation email</dt><dd><span data-field="emailState">${email || "—"}</span></dd>
<dt>Relationship type</dt><dd>${partnerTypeOf(document.partnerType).displayName}</dd>
<dt>Created</dt><dd>${timeElement(document.createdDateTime)}</dd>
<dt>Accepted on</dt><dd>${timeElement(document.acceptance?.acceptedDateTime)}</dd>
<dt>Active since</dt><dd>${timeElement(document.activatedDateTime)}</dd>
<dt>${document.endedDateTime ? "Ended on" : "Ends on"}</dt><dd>${timeElement(document.endedDateTime ?? document.endDateTime)}</dd>
<dt>Duration</dt><dd>${durationText(document.duration)}</dd>
<dt>Auto-extend</dt><dd>${autoExtendText(document.autoExtendDuration)}</dd>
</dl>
<p class="notice" data-field="statusNote" data-hide-when-empty${note ? "" : html` hidden`}>${note}</p>`;
}

/** The customer's name (once an admin accepted, if its sign-in carried one) over its tenant id, or who may accept. */
function customerFact(document: StoredRelationship): SafeHtml {
  const { displayName, tenantId } = document.customer;
  const tenant = tenantId
    ? html`<span class="muted">Tenant <code>${tenantId}</code></span>`
    : html`<span class="muted">Any tenant whose admin accepts</span>`;
  if (displayName) return html`${displayName}<br>${tenant}`;
  return document.acceptance ? tenant : html`<span class="muted">Named when an admin accepts</span><br>${tenant}`;
}

export function relationshipRoles(document: StoredRelationship): SafeHtml {
  const roles = describeRoles(document.accessDetails.unifiedRoles);
  return html`<h2>Admin roles</h2>
<ul class="role-list" data-field="roles"${roles.length === 0 ? html` hidden` : ""}>
${roleItems(roles)}</ul>
<p data-field="noRoles"${roles.length > 0 ? html` hidden` : ""}>This relationship gives no admin roles.</p>
${
  document.removedRoles &&
  document.removedRoles.length > 0 &&
  html`<p class="muted">The customer removed ${roleNames(document.removedRoles.map((role) => role.roleDefinitionId)).join(", ")} on ${timeElement(document.rolesRemovedDateTime)}.</p>`
}`;
}

export function historyView(history: readonly HistoryEntry[]): SafeHtml {
  const listed = history.filter((entry) => isListedInHistory(entry.action));
  return html`<h2>History</h2>
${
  listed.length === 0
    ? html`<p>Nothing recorded yet.</p>`
    : html`<ol class="history">
${[...listed].reverse().map(
  (
    entry
  ) => html`<li>${timeElement(entry.at, true)}: ${historyLabel(entry.action)}${actorText(entry)}${entry.removedRoles && html` (${roleNames(entry.removedRoles.map((role) => role.roleDefinitionId)).join(", ")})`}${entry.role && html`: ${entry.role.displayName ?? entry.role.roleDefinitionId}`}</li>
`
)}</ol>`
}`;
}

function actorText(entry: HistoryEntry): string {
  if (entry.actor.kind === "system") return "";
  return ` by ${entry.actor.displayName ?? (entry.actor.kind === "partner" ? "your organisation" : "the customer")}`;
}
