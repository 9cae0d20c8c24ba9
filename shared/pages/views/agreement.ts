/**
 * The customer agreement: its text on a page of its own (linked from the invitation), and "Accept the customer
 * agreement" for a tenant that works with partners but has not accepted the current version yet.
 */
import type { CustomerAgreement } from "../../domain/agreement";
import type { AgreementStatus } from "../../use-cases/customer-agreement";
import { timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { csrfField } from "./relationship-parts";

export const agreementHeading = "Accept the customer agreement";

function agreementText(agreement: CustomerAgreement): SafeHtml {
  return html`<div class="agreement-text">
${agreement.text.split(/\n{2,}/).map(
  (paragraph) => html`<p>${paragraph}</p>
`
)}</div>`;
}

export function agreementTextView(agreement: CustomerAgreement): SafeHtml {
  return html`<h1>${agreement.title}</h1>
<p class="muted">Version ${agreement.version}. SHA-256 of the text: <code>${agreement.sha256}</code></p>
${agreementText(agreement)}`;
}

export interface AgreementPage {
  readonly status: AgreementStatus;
  readonly agreement: CustomerAgreement;
  readonly csrfToken: string;
  readonly justAccepted: boolean;
  readonly error?: string;
}

export function agreementView(page: AgreementPage): SafeHtml {
  const { status, agreement } = page;
  const current = status.acceptances.find((acceptance) => acceptance.version === agreement.version);
  return html`<h1>${agreementHeading}</h1>
${page.error && html`<div class="notice notice--error" role="alert" id="form-error"><p>${page.error}</p></div>`}
${
  current
    ? html`<div class="notice notice--success" role="status" data-agreement="accepted">
<p>${page.justAccepted ? "Thank you. " : ""}Your organisation accepted the customer agreement on ${timeElement(current.acceptedDateTime)} (version ${current.version}).</p>
<p>Your partners may buy and manage services for you. <a href="/partner-relationships">See your partner relationships</a>.</p>
</div>`
    : html`<p class="lead">Partners can buy and manage services for your organisation only once an administrator has accepted the current customer agreement (version ${agreement.version}).</p>`
}
<h2>${agreement.title}</h2>
<div class="scroll-box" tabindex="0" role="region" aria-label="Agreement text">
${agreementText(agreement)}
</div>
<p><a href="/customer-agreement/text">Open the agreement on its own page</a></p>
${
  !current &&
  html`<form method="post" action="/customer-agreement">
${csrfField(page.csrfToken)}
<input type="hidden" name="agreementVersion" value="${agreement.version}">
<div class="check">
<input type="checkbox" id="acknowledge" name="acknowledged" value="yes" required${page.error ? html` aria-invalid="true" aria-describedby="form-error"` : ""}>
<label for="acknowledge">I have read the customer agreement and accept it for my organisation.</label>
</div>
<div class="actions"><button type="submit" data-requires-checkbox="acknowledge">Accept</button></div>
</form>`
}`;
}
