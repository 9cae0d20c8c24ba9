/**
 * The whole "Invitations" page body for partners: notices (created, done, refused, try again at), the list and the form, and
 * the pages a partner sees when the page is not for them (not a partner tenant, or no Partner.Admin).
 */
import type { Principal } from "../../auth/principal";
import { findRole } from "../../domain/roles";
import type { StoredRelationship } from "../../relationships/relationship-document";
import { html, type SafeHtml } from "../html";
import { describeUser } from "../layout";
import { invitationFormView, type InvitationFormView } from "./invitation-form-view";
import { invitationListView, type InvitationListView } from "./invitation-list-view";
import { timeAgo } from "./invitation-timing";
import type { PartnerAction } from "./partner-status";
import { partnerStylesheetUrl } from "./partner-styles";
import { tryAgainNotice, type TryAgain } from "../views/try-again";

export const pageTitle = "Invitations";

export interface CreatedInvitationNotice {
  readonly relationship: StoredRelationship;
  readonly invitationLink: string;
  readonly now: Date;
}

export type PageNotice =
  | { readonly kind: "created"; readonly created: CreatedInvitationNotice }
  | {
      readonly kind: "done";
      readonly action: PartnerAction;
      readonly displayName: string;
      readonly autoExtendOn?: boolean;
    }
  | { readonly kind: "refused"; readonly message: string }
  | ({ readonly kind: "tryAgain" } & TryAgain);

export interface PartnerInvitationsView {
  readonly partnerName: string;
  readonly principal: Principal;
  readonly list: InvitationListView;
  readonly notice?: PageNotice;
  /** Present for a Partner.Admin; a reader sees the list only. */
  readonly form?: InvitationFormView;
}

export function partnerInvitationsView(view: PartnerInvitationsView): SafeHtml {
  const formFirst = Boolean(view.form && view.form.errors.length > 0);
  const form = view.form
    ? html`<section class="new-invitation" id="new-invitation" aria-labelledby="new-invitation-title">
<h2 id="new-invitation-title">New invitation</h2>
<p>Invite a customer's admin to accept a partner relationship. The admin opens the emailed link, accepts the customer agreement and authorises you; the roles you ask for then apply for the duration you set.</p>
${invitationFormView(view.form)}
</section>`
    : html`<section class="new-invitation" id="new-invitation" aria-labelledby="new-invitation-title">
<h2 id="new-invitation-title">New invitation</h2>
<div class="notice notice--warning"><p>Creating and changing invitations needs the <strong>Partner.Admin</strong> app role, which ${describeUser(view.principal)} does not have. You can still follow your invitations here.</p></div>
</section>`;
  const list = html`<section aria-labelledby="list-title">
<h2 id="list-title">Your invitations</h2>
${view.list.relationships.length > 0 && html`<p>Select a relationship's name to see it in full and to give your security groups its roles.</p>`}
${invitationListView(view.list)}
</section>`;
  return html`<link rel="stylesheet" href="${partnerStylesheetUrl}">
<h1>${pageTitle}</h1>
<p class="lead">Invite customers into a partner relationship as ${view.partnerName}, and follow each invitation until it is accepted.</p>
${view.notice && notice(view.notice)}
${view.form && !formFirst && view.list.relationships.length > 0 && html`<p class="page-actions"><a class="button" href="#new-invitation">New invitation</a></p>`}
${formFirst ? [form, list] : [list, form]}`;
}

function notice(value: PageNotice): SafeHtml {
  switch (value.kind) {
    case "created":
      return createdNotice(value.created);
    case "done":
      return html`<div class="notice notice--success" role="status"><p>${doneMessage(value)}</p></div>`;
    case "refused":
      return html`<div class="notice notice--error" role="alert"><p>${value.message}</p></div>`;
    case "tryAgain":
      return tryAgainNotice(value);
  }
}

function doneMessage(value: Extract<PageNotice, { kind: "done" }>): SafeHtml {
  const name = html`<strong>${value.displayName}</strong>`;
  switch (value.action) {
    case "resend":
      return html`The invitation for ${name} is being emailed again.`;
    case "cancel":
      return html`The invitation for ${name} was cancelled; its link no longer works.`;
    case "terminate":
      return html`Termination of ${name} was requested; your roles are being removed.`;
    case "auto-extend":
      return html`Auto-extend is now ${value.autoExtendOn ? "on" : "off"} for ${name}.`;
  }
}

function createdNotice({ relationship, invitationLink, now }: CreatedInvitationNotice): SafeHtml {
  const email = relationship.customer.adminEmail;
  const sent = relationship.invitation?.lastSentDateTime;
  const privileged = relationship.accessDetails.unifiedRoles
    .map((role) => findRole(role.roleDefinitionId))
    .filter((role) => role?.privileged);
  return html`<div class="notice notice--success created" id="created" role="status">
<h2>Invitation created: ${relationship.displayName}</h2>
<p class="email-state">${sent ? html`The invitation email was sent to <strong>${email}</strong> (${timeAgo(new Date(sent), now)}).` : html`The invitation email to <strong>${email}</strong> is on its way: it is sent within moments.`}</p>
${
  relationship.status === "approvalPending" &&
  html`<div class="field">
<label for="invitation-link">Invitation link</label>
<span class="hint" id="invitation-link-hint">You can also give this link to the customer's admin yourself. Anyone with it can open the invitation, so share it only with them.</span>
<textarea id="invitation-link" class="invitation-link" readonly rows="2" spellcheck="false" aria-describedby="invitation-link-hint">${invitationLink}</textarea>
</div>`
}
${
  privileged.length > 0 &&
  html`<p class="role-warning">It asks for privileged roles: ${privileged.map((role) => role?.displayName).join(", ")}.</p>`
}
</div>`;
}

/** For someone signed in to a tenant that is not a registered partner. */
export function notPartnerView(principal: Principal, switchUserUrl: string): SafeHtml {
  return html`<h1>This page is for partners</h1>
<div class="notice notice--error" role="alert">
<p>You are signed in as <strong>${describeUser(principal)}</strong> of tenant ${principal.tenantId}, which is not a registered partner tenant.</p>
</div>
<p>Customers manage their partners on the <a href="/partner-relationships">Partner relationships</a> page. If you work for a partner, <a href="${switchUserUrl}">sign in with your partner account</a>. To make your organisation a partner, <a href="/partner/apply">apply</a>.</p>`;
}

/** What a refused change was about, and where its reader can still follow it. */
export interface AdminNeededContext {
  readonly needs: string;
  readonly followHref: string;
  readonly followText: string;
}

const invitationChanges: AdminNeededContext = {
  needs: "Creating, resending, cancelling and terminating invitations and changing auto-extend need",
  followHref: "/partner/invitations",
  followText: "follow your invitations"
};

/** For a partner user without Partner.Admin who tried to change something. */
export function adminNeededView(
  principal: Principal,
  switchUserUrl: string,
  context: AdminNeededContext = invitationChanges
): SafeHtml {
  return html`<h1>You need the Partner.Admin role</h1>
<div class="notice notice--error" role="alert" data-required-role="Partner.Admin">
<p>You are signed in as <strong>${describeUser(principal)}</strong>${principal.appRoles.length > 0 ? html` with the app roles ${principal.appRoles.join(", ")}` : " without any app role"}.</p>
<p>${context.needs} the <strong>Partner.Admin</strong> app role. Nothing was changed.</p>
</div>
<p>Ask an admin of your partner organisation to give you the role, or <a href="${switchUserUrl}">sign in as another user</a>. You can still <a href="${context.followHref}">${context.followText}</a>.</p>`;
}
