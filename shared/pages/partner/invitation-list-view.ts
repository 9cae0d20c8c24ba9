/**
 * The partner's invitations and relationships: status, how old each invitation is (those with fewer than 14 of
 * their 90 days left stand out), whether the email went out, and the actions that still apply. Each action is a
 * small form posting back to this page with the CSRF token. It carries no ETag on purpose: the email and grant
 * handlers touch a relationship moments after each change, which would turn most clicks into "changed meanwhile";
 * each action says what it wants (auto-extend *on*, not "flip it"), and the use case refuses it if the status no
 * longer allows it.
 */
import { autoExtensionDays, isAutoExtendOn, type RelationshipStatus } from "../../domain/relationship";
import { findRole } from "../../domain/roles";
import { oemPartnerType } from "../../domain/oem-registration";
import { invitationEmailOf } from "../../relationships/invitation-email";
import type { VersionedRelationship } from "../../relationships/relationship-document";
import { csrfFieldName } from "../csrf";
import { html, type SafeHtml } from "../html";
import { invitationClock, timeAgo, timeUntil } from "./invitation-timing";
import { statusLabels } from "../format";
import { partnerRelationshipPath } from "./partner-paths";
import { includesGlobalAdministrator } from "../../domain/lifecycle";
import { availableActions } from "./partner-status";
import { givesSightOfPurchases } from "../../domain/mpsa-purchases";
import { partnerPurchasesPath } from "../purchases/partner-purchases-view";

export interface InvitationListView {
  readonly relationships: readonly VersionedRelationship[];
  readonly now: Date;
  /** Undefined for a reader: the list then shows no actions. */
  readonly csrfToken?: string;
  readonly nextPageUrl?: string;
  readonly pollUrl: string;
}

export function invitationListView(view: InvitationListView): SafeHtml {
  if (view.relationships.length === 0) {
    return html`<p class="muted empty-list">No invitations yet. Create one below: the customer gets an email with a link to accept.</p>`;
  }
  return html`<div class="invitation-list" data-poll-url="${view.pollUrl}">
<table class="stack invitations">
<caption class="visually-hidden">Your invitations and relationships, newest first</caption>
<thead><tr><th scope="col">Relationship</th><th scope="col">Status</th><th scope="col">Invitation</th><th scope="col">Roles</th><th scope="col">Auto-extend</th>${view.csrfToken ? html`<th scope="col">Actions</th>` : ""}</tr></thead>
<tbody>
${view.relationships.map((relationship) => row(relationship, view))}</tbody>
</table>
${view.nextPageUrl && html`<p><a href="${view.nextPageUrl}">Older invitations</a></p>`}
</div>`;
}

function row({ document }: VersionedRelationship, view: InvitationListView): SafeHtml {
  // A draft made through /v1.0 has no invitation until it is locked for approval.
  const clock = document.invitation
    ? invitationClock(document.createdDateTime, document.invitation.expiresDateTime, view.now)
    : { sentText: "not sent yet (a draft)", expiresText: "", expiringSoon: false };
  const pending = document.status === "approvalPending";
  const highlight = pending && clock.expiringSoon;
  const note = statusNote(document, view.now);
  return html`<tr id="row-${document.id}" data-row-id="${document.id}" data-status="${document.status}"${highlight ? html` class="expiring-soon"` : ""}>
<th scope="row" data-label="Relationship"><a class="relationship-name" href="${partnerRelationshipPath(document.id)}">${document.displayName}</a>
<span class="muted cell-detail contact">${document.customer.adminEmail}${document.customer.tenantId ? html`<br>Tenant ${document.customer.tenantId}` : ""}</span>${purchasesLink(document)}${devicesLink(document)}</th>
<td data-label="Status"><span class="status" data-field="status" data-status="${document.status}">${statusLabels[document.status]}</span>
${note && html`<span class="muted cell-detail" data-field="statusNote">${note}</span>`}</td>
<td data-label="Invitation"><span class="invitation-age">${clock.sentText}</span>
${pending && html`<span class="cell-detail${highlight ? " expiry-warning" : " muted"}">${highlight ? html`<strong>Expiring soon:</strong> ` : ""}${clock.expiresText}</span>`}
<span class="muted cell-detail" data-field="emailState" data-hide-when-empty>${emailState(document, view.now)}</span></td>
<td data-label="Roles">${roles(document)}</td>
<td data-label="Auto-extend">${isAutoExtendOn(document.autoExtendDuration) ? `On (${autoExtensionDays} days)` : "Off"}${includesGlobalAdministrator(document) ? html`<span class="muted cell-detail">Not with Global Administrator</span>` : ""}</td>
${view.csrfToken && html`<td data-label="Actions">${actions(document, view.csrfToken, view.now)}</td>`}
</tr>
`;
}

/** An accepted, live MPSA relationship opens the customer's purchases (shared/domain/mpsa-purchases.ts). */
function purchasesLink(document: VersionedRelationship["document"]): SafeHtml | undefined {
  const customerTenantId = document.customer.tenantId;
  if (!customerTenantId || !givesSightOfPurchases(document)) return undefined;
  return html`<a class="cell-detail" href="${partnerPurchasesPath(customerTenantId)}" data-field="purchasesLink">MPSA purchases<span class="visually-hidden"> for ${document.displayName}</span></a>`;
}

/** An OEM relationship the customer accepted leads to the devices registered for that customer. */
function devicesLink(document: VersionedRelationship["document"]): SafeHtml | undefined {
  const customer = document.customer.tenantId;
  if (document.partnerType !== oemPartnerType || !customer || !document.acceptance) return undefined;
  return html`<a class="cell-detail" href="/partner/customers/${encodeURIComponent(customer)}/devices" data-action="devices">Devices<span class="visually-hidden"> of ${document.displayName}</span></a>`;
}

/** A line under the status; the page script keeps it current (app.js sets `data-field="statusNote"`). */
export function statusNote(document: VersionedRelationship["document"], now: Date): string {
  if (document.lastError) return document.lastError.message;
  if (document.rolesRemovedDateTime)
    return `The customer removed the roles ${timeAgo(new Date(document.rolesRemovedDateTime), now)}.`;
  if (document.termination) return `Termination requested by the ${document.termination.requestedBy}.`;
  if (document.endDateTime && (document.status === "active" || document.status === "expiring"))
    return `Ends ${timeUntil(new Date(document.endDateTime), now)}.`;
  return "";
}

/** Where the invitation email stands, in words; the page script keeps it current (`data-field="emailState"`). */
export function emailState(document: VersionedRelationship["document"], now: Date): string {
  const email = invitationEmailOf(document);
  switch (email?.state) {
    case undefined:
      return "";
    case "sending":
      return "Email queued";
    case "retrying":
      return `Email not sent yet: attempt ${email.attempts} failed (${email.lastError}). Trying again ${email.nextAttemptDateTime ? timeUntil(new Date(email.nextAttemptDateTime), now) : "soon"}.`;
    case "failed":
      return `Email could not be sent after ${email.attempts} attempts (${email.lastError}). Resend it when the problem is solved.`;
    case "sent": {
      const sent = `Email sent ${email.sentDateTime ? timeAgo(new Date(email.sentDateTime), now) : ""}`.trimEnd();
      const sends = document.invitation?.sendCount ?? 0;
      return sends > 1 ? `${sent} (${sends} sends)` : sent;
    }
  }
}

/** Whether the partner holds the listed roles now, so a pending or ended relationship never reads as access. */
const roleStates: Partial<Record<RelationshipStatus, string>> = {
  approvalPending: "Asked for",
  declined: "Asked for",
  cancelled: "Asked for",
  approved: "Being granted",
  activating: "Being granted",
  terminationRequested: "Being removed",
  terminating: "Being removed",
  terminated: "No longer held",
  expired: "No longer held"
};

function roles(document: VersionedRelationship["document"]): SafeHtml {
  const list = document.accessDetails.unifiedRoles;
  if (list.length === 0)
    return html`<span class="muted">${document.removedRoles?.length ? "Removed by the customer" : "None"}</span>`;
  // An invitation that lapsed unanswered is "expired" too, but its roles were never held.
  const state =
    document.status === "expired" && !document.activatedDateTime ? "Asked for" : roleStates[document.status];
  return html`${state && html`<span class="muted cell-detail">${state}:</span>`}<ul class="compact-list${state ? " muted" : ""}">${list.map(
    (role) => {
      const definition = findRole(role.roleDefinitionId);
      return html`<li>${definition?.displayName ?? role.roleDefinitionId}${definition?.privileged ? html` <span class="tag tag--warning">Privileged</span>` : ""}</li>`;
    }
  )}</ul>`;
}

function actions(document: VersionedRelationship["document"], csrfToken: string, now: Date): SafeHtml {
  const available = availableActions(document, now);
  const name = document.displayName;
  const hidden = html`<input type="hidden" name="${csrfFieldName}" value="${csrfToken}">`;
  const target = (action: string) => `/partner/invitations/${encodeURIComponent(document.id)}/${action}`;
  const buttons: SafeHtml[] = [];
  if (available.resend) {
    buttons.push(
      html`<form method="post" action="${target("resend")}" class="row-action" data-action="resend">${hidden}<button type="submit" class="button--secondary">Resend<span class="visually-hidden"> the invitation for ${name}</span></button></form>`
    );
  }
  if (available["auto-extend"]) {
    const on = isAutoExtendOn(document.autoExtendDuration);
    buttons.push(
      html`<form method="post" action="${target("auto-extend")}" class="row-action" data-action="auto-extend">${hidden}<input type="hidden" name="autoExtend" value="${on ? "off" : "on"}"><button type="submit" class="button--secondary">Turn auto-extend ${on ? "off" : "on"}<span class="visually-hidden"> for ${name}</span></button></form>`
    );
  }
  if (available.cancel) {
    buttons.push(
      confirmAction({
        action: "cancel",
        url: target("cancel"),
        hidden,
        name,
        summary: "Cancel invitation…",
        warning: "The link stops working at once. You can send a new invitation later.",
        confirm: "Cancel invitation"
      })
    );
  }
  if (available.terminate) {
    buttons.push(
      confirmAction({
        action: "terminate",
        url: target("terminate"),
        hidden,
        name,
        summary: "Terminate…",
        warning:
          "Your admin roles in the customer's organisation are removed and the relationship ends. This cannot be undone.",
        confirm: "Terminate relationship"
      })
    );
  }
  return buttons.length > 0 ? html`<div class="row-actions">${buttons}</div>` : html`<span class="muted">None</span>`;
}

interface ConfirmAction {
  readonly action: string;
  readonly url: string;
  readonly hidden: SafeHtml;
  readonly name: string;
  readonly summary: string;
  readonly warning: string;
  readonly confirm: string;
}

/** An irreversible action sits behind a disclosure, so one stray tap never does it (and no script is needed). */
function confirmAction(options: ConfirmAction): SafeHtml {
  return html`<details class="row-action confirm-action" data-action="${options.action}">
<summary>${options.summary}<span class="visually-hidden"> ${options.name}</span></summary>
<form method="post" action="${options.url}">${options.hidden}
<p>${options.warning}</p>
<button type="submit" class="button--danger">${options.confirm}<span class="visually-hidden"> ${options.name}</span></button>
</form>
</details>`;
}
