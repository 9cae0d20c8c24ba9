/**
 * "Accept agreement & authorize partner": what the partner asks for (type, every role with what it allows,
 * duration and the end date if accepted today, auto-extend), the customer agreement to read and acknowledge, and
 * Accept & Authorize / Decline. The acknowledgement box is `required` and the script keeps the button disabled
 * until it is ticked; the server refuses an acceptance without it all the same.
 */
import { createHash } from "node:crypto";
import { currentAgreement } from "../../domain/agreement";
import type { StoredRelationship } from "../../relationships/relationship-document";
import { autoExtendText, durationText, endIfAcceptedAt, formatDate, timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { csrfField, describeRoles, partnerIdentityFacts, partnerTypeOf, roleItems } from "./relationship-parts";

export const invitationHeading = "Accept agreement & authorize partner";

export interface InvitationPage {
  readonly token: string;
  readonly relationship: StoredRelationship;
  /** Fingerprint of the terms shown (see invitationTerms); an acceptance of other terms is refused. */
  readonly terms: string;
  readonly now: Date;
  readonly csrfToken: string;
  readonly error?: string;
}

/**
 * What the customer agrees to, as a short fingerprint. Not the ETag: the invitation email handler writes to the
 * relationship right after it is created, which changes the ETag but not a word of what the page showed.
 */
export function invitationTerms(relationship: StoredRelationship): string {
  const roles = relationship.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId.toLowerCase()).sort();
  const terms = JSON.stringify([
    relationship.partnerTenantId,
    relationship.partnerType,
    relationship.displayName,
    roles,
    relationship.duration,
    relationship.autoExtendDuration
  ]);
  return createHash("sha256").update(terms).digest("base64url").slice(0, 22);
}

export function invitationPath(token: string, action?: "accept" | "decline"): string {
  return `/invitations/${encodeURIComponent(token)}${action ? `/${action}` : ""}`;
}

export function invitationView(page: InvitationPage): SafeHtml {
  const { relationship } = page;
  return html`<h1>${invitationHeading}</h1>
${page.error && html`<div class="notice notice--error" role="alert" id="form-error"><p>${page.error}</p></div>`}
${invitationSummary(relationship, page.now)}
<h2>Customer agreement</h2>
<p>Before the partner can work with you, an administrator of your organisation accepts the
<a href="/customer-agreement/text" target="_blank" rel="noopener">${currentAgreement.title} (opens in a new tab)</a>, version ${currentAgreement.version}.</p>
<form method="post" action="${invitationPath(page.token, "accept")}" class="accept-form">
${csrfField(page.csrfToken)}
<input type="hidden" name="agreementVersion" value="${currentAgreement.version}">
<input type="hidden" name="terms" value="${page.terms}">
<div class="check">
<input type="checkbox" id="acknowledge" name="acknowledged" value="yes" required${page.error ? html` aria-invalid="true" aria-describedby="form-error"` : ""}>
<label for="acknowledge">I have read the customer agreement and accept it for my organisation.</label>
</div>
<div class="actions">
<button type="submit" data-requires-checkbox="acknowledge">Accept &amp; Authorize</button>
</div>
</form>
${declineForm(page.token, page.csrfToken)}`;
}

/** Who asks, for what and for how long; shown on the acceptance page and on the role-needed page. */
export function invitationSummary(relationship: StoredRelationship, now: Date): SafeHtml {
  const type = partnerTypeOf(relationship.partnerType);
  const roles = describeRoles(relationship.accessDetails.unifiedRoles);
  const end = endIfAcceptedAt(relationship.duration, now);
  return html`<p class="lead"><strong>${relationship.partner.displayName}</strong> asks to work with your organisation as <strong>${type.displayName}</strong>.</p>
<p>A partner chooses its display name; its legal name, verified domain and tenant id below were checked when it was approved. Accept only if you expect to work with that organisation.</p>
<dl class="facts">
<dt>Partner</dt><dd data-field="partnerName">${relationship.partner.displayName}</dd>
${partnerIdentityFacts(relationship.partner)}
<dt>Relationship</dt><dd>${relationship.displayName}</dd>
<dt>Relationship type</dt><dd>${type.displayName}${type.description && html`<br><span class="muted">${type.description}</span>`}</dd>
<dt>Duration</dt><dd>${durationText(relationship.duration)}</dd>
<dt>Ends on</dt><dd>${end ? html`${formatDate(end)} <span class="muted">(if you accept today)</span>` : "—"}</dd>
<dt>Auto-extend</dt><dd>${autoExtendText(relationship.autoExtendDuration)}</dd>
<dt>Link valid until</dt><dd>${relationship.invitation ? timeElement(relationship.invitation.expiresDateTime) : "—"}</dd>
</dl>
<h2>Admin roles requested</h2>
${
  roles.length > 0
    ? html`<p>If you authorize the partner, its people get these Microsoft Entra roles in your organisation until the end date. You can remove them at any time.</p>
<ul class="role-list">
${roleItems(roles)}</ul>`
    : html`<p>No admin roles: this partner gets no admin access to your organisation.</p>`
}`;
}

export function declineForm(token: string, csrfToken: string): SafeHtml {
  return html`<form method="post" action="${invitationPath(token, "decline")}">
${csrfField(csrfToken)}
<p>Don't want to work with this partner, or not with these roles? Decline, and ask the partner for a new invitation if you want different roles.</p>
<div class="actions"><button type="submit" class="button--secondary">Decline</button></div>
</form>`;
}

export const invitationNotFoundTitle = "This invitation link doesn't work";

export function invitationNotFoundView(): SafeHtml {
  return html`<h1>${invitationNotFoundTitle}</h1>
<p>The link may have been used already, withdrawn by the partner or expired (invitations last 90 days), or it may be meant for another organisation.</p>
<p>Ask the partner to send you a new invitation. If you already accepted it, your partners are listed under <a href="/partner-relationships">Partner relationships</a>.</p>`;
}
