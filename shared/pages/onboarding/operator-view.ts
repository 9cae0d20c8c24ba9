/**
 * The operator's page (`/operator/partners`): applications in review (each with who the tenant says it is, its
 * contact and history, and Approve / Reject-with-a-reason), rejected ones, approved partners (Suspend with a
 * reason) and suspended ones (Reinstate). Every form carries the CSRF token; decisions on an application also
 * carry its ETag, so an application the tenant changed after the page was shown is not decided unseen.
 */
import type { PartnerApplication, Versioned } from "../../tenants/partner-onboarding";
import type { PartnerRecord } from "../../tenants/tenant-records";
import { timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { csrfInput, hiddenFields } from "./form-parts";

export const operatorPath = "/operator/partners";
export const operatorTitle = "Partner applications";

export type OperatorTab = "inReview" | "rejected" | "approved" | "suspended";
const operatorTabs: readonly { readonly id: OperatorTab; readonly label: string }[] = [
  { id: "inReview", label: "In review" },
  { id: "rejected", label: "Rejected" },
  { id: "approved", label: "Partners" },
  { id: "suspended", label: "Suspended" }
];

export interface OperatorPage {
  readonly tab: OperatorTab;
  readonly applications: readonly Versioned<PartnerApplication>[];
  readonly partners: readonly PartnerRecord[];
  readonly csrfToken: string;
  readonly nextPageUrl?: string;
  readonly notice?: { readonly kind: "success" | "error"; readonly text: string };
}

export function operatorView(page: OperatorPage): SafeHtml {
  const items =
    page.tab === "inReview" || page.tab === "rejected"
      ? page.applications.map((item) => applicationCard(item, page.csrfToken))
      : page.partners.map((partner) => partnerCard(partner, page.csrfToken));
  return html`<h1>${operatorTitle}</h1>
<p class="lead">Check each applicant before approving: that the domain is verified in the applying tenant, that the Partner ID belongs to the legal name, and that the display name is the organisation's own.</p>
<nav aria-label="Applications and partners"><p class="tabs">${operatorTabs.map(
    (tab, index) =>
      html`${index > 0 ? " · " : ""}<a href="${operatorPath}?view=${tab.id}"${tab.id === page.tab ? html` aria-current="page"` : ""}>${tab.label}</a>`
  )}</p></nav>
${page.notice && html`<div class="notice notice--${page.notice.kind}" role="${page.notice.kind === "error" ? "alert" : "status"}" data-notice="${page.notice.kind}"><p>${page.notice.text}</p></div>`}
${
  items.length === 0
    ? html`<p>Nothing here.</p>`
    : html`<ul class="partner-cards">
${items}</ul>`
}
${page.nextPageUrl && html`<p><a href="${page.nextPageUrl}">Next page</a></p>`}`;
}

function applicationCard({ document: application, etag }: Versioned<PartnerApplication>, csrfToken: string): SafeHtml {
  return html`<li class="partner-card" data-tenant-id="${application.tenantId}" data-status="${application.status}">
<h2>${application.displayName}</h2>
<dl class="facts">
<dt>Legal name</dt><dd data-field="legalName">${application.legalName}</dd>
<dt>Partner ID</dt><dd data-field="partnerId">${application.partnerId}</dd>
<dt>Verified domain</dt><dd data-field="verifiedDomain">${application.verifiedDomain}</dd>
<dt>Tenant id</dt><dd><code>${application.tenantId}</code></dd>
<dt>Contact</dt><dd>${application.contact.name}, ${application.contact.email}${application.contact.phone && html`, ${application.contact.phone}`}</dd>
<dt>Submitted</dt><dd>${timeElement(application.submittedDateTime, true)}</dd>
${application.decision && html`<dt>Decision</dt><dd>${application.decision.status} by ${application.decision.operator.displayName ?? application.decision.operator.userId} on ${timeElement(application.decision.decidedDateTime, true)}${application.decision.reason && html`: ${application.decision.reason}`}</dd>`}
</dl>
${history(application.history.map((event) => ({ ...event, who: event.actor.displayName ?? event.actor.userId })))}
${
  application.status === "inReview" &&
  html`<form method="post" action="${actionPath(application.tenantId, "approve")}">
${csrfInput(csrfToken)}${hiddenFields({ etag })}
<div class="actions"><button type="submit">Approve</button></div>
</form>
${reasonForm(application.tenantId, "reject", "Reject", "Reason (the applicant sees it)", csrfToken, etag)}`
}
</li>
`;
}

function partnerCard(partner: PartnerRecord, csrfToken: string): SafeHtml {
  return html`<li class="partner-card" data-tenant-id="${partner.tenantId}" data-status="${partner.status ?? ""}">
<h2>${partner.displayName}</h2>
<dl class="facts">
<dt>Legal name</dt><dd>${partner.identity?.legalName ?? "—"}</dd>
<dt>Partner ID</dt><dd>${partner.identity?.partnerId ?? "—"}</dd>
<dt>Verified domain</dt><dd>${partner.identity?.verifiedDomain ?? "—"}</dd>
<dt>Tenant id</dt><dd><code>${partner.tenantId}</code></dd>
<dt>Registered</dt><dd>${timeElement(partner.registeredDateTime, true)}</dd>
</dl>
${history((partner.standing ?? []).map((event) => ({ ...event, who: event.actor.displayName ?? event.actor.userId ?? event.actor.kind })))}
${
  partner.status === "approved"
    ? reasonForm(partner.tenantId, "suspend", "Suspend", "Reason (the partner sees it)", csrfToken)
    : html`<form method="post" action="${actionPath(partner.tenantId, "reinstate")}">
${csrfInput(csrfToken)}
<div class="actions"><button type="submit" class="button--secondary">Reinstate</button></div>
</form>`
}
</li>
`;
}

function reasonForm(
  tenantId: string,
  action: "reject" | "suspend",
  label: string,
  reasonLabel: string,
  csrfToken: string,
  etag?: string
): SafeHtml {
  const id = `${action}-reason-${tenantId}`;
  return html`<form method="post" action="${actionPath(tenantId, action)}" class="form-grid">
${csrfInput(csrfToken)}${hiddenFields({ etag })}
<div class="field"><label for="${id}">${reasonLabel}</label><textarea id="${id}" name="reason" rows="2" maxlength="1000" required></textarea></div>
<div class="actions"><button type="submit" class="button--danger">${label}</button></div>
</form>`;
}

function history(events: readonly { action: string; at: string; who?: string; reason?: string }[]): SafeHtml {
  if (events.length === 0) return html``;
  return html`<ol class="history">
${events.map(
  (
    event
  ) => html`<li>${timeElement(event.at, true)}: ${event.action}${event.who && html` by ${event.who}`}${event.reason && html` (${event.reason})`}</li>
`
)}</ol>`;
}

export function actionPath(tenantId: string, action: "approve" | "reject" | "suspend" | "reinstate"): string {
  return `${operatorPath}/${encodeURIComponent(tenantId)}/${action}`;
}
