/**
 * "Find a partner": the public directory with filters (a GET form, so results can be bookmarked and work without
 * the script), and "Contact me", which sends the partner the customer's details and business needs.
 */
import { organisationSizes, type PublicPartner } from "../../api/public-schemas";
import type { FieldError } from "../../errors";
import { tryAgainNotice, type TryAgain } from "./try-again";
import { partnerTypes } from "../../domain/partner-types";
import { html, safeExternalUrl, type SafeHtml } from "../html";
import { csrfField, partnerTypeOf } from "./relationship-parts";

export const directoryHeading = "Find a partner";

export interface DirectoryFilters {
  readonly name?: string;
  readonly industry?: string;
  readonly location?: string;
  readonly partnerType?: string;
}

export interface DirectoryPage {
  readonly filters: DirectoryFilters;
  readonly partners: readonly PublicPartner[];
  readonly nextPage?: string;
  readonly errors: readonly FieldError[];
}

export function contactPath(partnerId: string): string {
  return `/partners/${encodeURIComponent(partnerId)}/contact`;
}

export function directoryView(page: DirectoryPage): SafeHtml {
  const { filters } = page;
  return html`<h1>${directoryHeading}</h1>
<p class="lead">Partners can buy and manage products and services for your organisation. Narrow the list, then select <strong>Contact me</strong>: the partner contacts you, and if you decide to work together it sends you an invitation.</p>
${errorSummary(page.errors)}
<form method="get" action="/partners" class="filters" role="search" aria-label="Filter partners">
${textField("name", "Name", filters.name, page.errors, "search")}
${textField("industry", "Industry", filters.industry, page.errors, "search")}
${textField("location", "Location", filters.location, page.errors, "search")}
<div class="field">
<label for="partnerType">Partner type</label>
<select id="partnerType" name="partnerType">
<option value="">Any type</option>
${partnerTypes.map(
  (
    type
  ) => html`<option value="${type.id}"${filters.partnerType === type.id ? html` selected` : ""}>${type.displayName}</option>
`
)}</select>
</div>
<div class="actions"><button type="submit">Search</button> <a href="/partners">Clear filters</a></div>
</form>
<h2 id="results-heading">${page.partners.length === 0 ? "No partners match" : `Partners (${page.partners.length}${page.nextPage ? "+" : ""})`}</h2>
${
  page.partners.length === 0
    ? html`<p>Try fewer or different filters.</p>`
    : html`<ul class="partner-cards" aria-labelledby="results-heading">
${page.partners.map(card)}</ul>`
}
${page.nextPage && html`<p><a href="${page.nextPage}">Next page</a></p>`}`;
}

function card(partner: PublicPartner): SafeHtml {
  const website = safeExternalUrl(partner.website);
  return html`<li class="partner-card">
<h3>${partner.name}</h3>
${partner.description && html`<p>${partner.description}</p>`}
<dl class="facts">
<dt>Partner types</dt><dd>${partner.partnerTypes.map((id) => partnerTypeOf(id).displayName).join(", ") || "—"}</dd>
<dt>Industries</dt><dd>${partner.industries.join(", ") || "—"}</dd>
<dt>Locations</dt><dd>${partner.locations.join(", ") || "—"}</dd>
${website && html`<dt>Website</dt><dd><a href="${website}" rel="noopener noreferrer">${website}</a></dd>`}
</dl>
<p><a class="button" href="${contactPath(partner.id)}" aria-label="Contact me: ${partner.name}">Contact me</a></p>
</li>
`;
}

export interface ContactValues {
  readonly location?: string;
  readonly contactName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly organisationName?: string;
  readonly organisationSize?: string;
  readonly industry?: string;
  readonly businessNeeds?: string;
}

export interface ContactPage {
  readonly partner: PublicPartner;
  readonly values: ContactValues;
  readonly errors: readonly FieldError[];
  readonly csrfToken: string;
  /** A limit refused the request: say when to try again. */
  readonly tryAgain?: TryAgain;
}

export function contactView(page: ContactPage): SafeHtml {
  const { values, errors } = page;
  return html`<p><a href="/partners">← Find a partner</a></p>
<h1>Contact ${page.partner.name}</h1>
<p class="lead">Tell the partner who you are and what you need. It will contact you.</p>
${page.tryAgain && tryAgainNotice(page.tryAgain)}
${errorSummary(errors)}
<form method="post" action="${contactPath(page.partner.id)}" class="form-grid" novalidate>
${csrfField(page.csrfToken)}
${textField("location", "Your location", values.location, errors, "text", "Country or region", "country-name")}
<fieldset class="field">
<legend>Contact details</legend>
${textField("contactName", "Name", values.contactName, errors, "text", undefined, "name")}
${textField("email", "Email", values.email, errors, "email", undefined, "email")}
${textField("phone", "Phone (optional)", values.phone, errors, "tel", undefined, "tel")}
</fieldset>
${textField("organisationName", "Organisation name", values.organisationName, errors, "text", undefined, "organization")}
<div class="field">
<label for="organisationSize">Organisation size</label>
${fieldError("organisationSize", errors)}
<select id="organisationSize" name="organisationSize"${described("organisationSize", errors, false)}>
<option value="">Choose a size</option>
${organisationSizes.map(
  (
    size
  ) => html`<option value="${size}"${values.organisationSize === size ? html` selected` : ""}>${size} people</option>
`
)}</select>
</div>
${textField("industry", "Industry", values.industry, errors, "text")}
<div class="field">
<label for="businessNeeds">Business needs</label>
<span class="hint" id="businessNeeds-hint">What would you like the partner to help with? At most 2,000 characters.</span>
${fieldError("businessNeeds", errors)}
<textarea id="businessNeeds" name="businessNeeds" maxlength="2000"${described("businessNeeds", errors, true)}>${values.businessNeeds}</textarea>
</div>
<div class="actions"><button type="submit">Contact me</button></div>
</form>`;
}

export function contactSentView(partner: PublicPartner): SafeHtml {
  return html`<h1>Request sent</h1>
<div class="notice notice--success" role="status"><p>Thank you. <strong>${partner.name}</strong> has your details: the partner will contact you.</p></div>
<p><a href="/partners">Back to Find a partner</a></p>`;
}

/** Form field names → the paths the API schema reports. */
export const contactFieldPaths: Record<keyof ContactValues, string> = {
  location: "location",
  contactName: "contact.name",
  email: "contact.email",
  phone: "contact.phone",
  organisationName: "organisationName",
  organisationSize: "organisationSize",
  industry: "industry",
  businessNeeds: "businessNeeds"
};

function textField(
  name: string,
  label: string,
  value: string | undefined,
  errors: readonly FieldError[],
  type: string,
  hint?: string,
  autocomplete?: string
): SafeHtml {
  return html`<div class="field">
<label for="${name}">${label}</label>
${hint && html`<span class="hint" id="${name}-hint">${hint}</span>`}
${fieldError(name, errors)}
<input type="${type}" id="${name}" name="${name}" value="${value ?? ""}"${autocomplete ? html` autocomplete="${autocomplete}"` : ""}${described(name, errors, Boolean(hint))}>
</div>`;
}

function fieldError(name: string, errors: readonly FieldError[]): SafeHtml | undefined {
  const error = errors.find((candidate) => candidate.field === name);
  return error && html`<span class="error-text" id="${name}-error">${error.message}</span>`;
}

/** aria-describedby naming the hint and the error (screen readers read both), and aria-invalid when in error. */
function described(name: string, errors: readonly FieldError[], hasHint: boolean): SafeHtml | undefined {
  const inError = errors.some((error) => error.field === name);
  const ids = [hasHint ? `${name}-hint` : "", inError ? `${name}-error` : ""].filter(Boolean).join(" ");
  return html`${ids && html` aria-describedby="${ids}"`}${inError && html` aria-invalid="true"`}`;
}

function errorSummary(errors: readonly FieldError[]): SafeHtml | undefined {
  if (errors.length === 0) return undefined;
  return html`<div class="notice notice--error" role="alert">
<p>Please fix:</p>
<ul>${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}</ul>
</div>`;
}
