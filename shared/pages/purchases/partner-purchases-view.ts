/**
 * A partner's "MPSA purchases" page for one customer: whether the customer shares its MPSA partners' purchases (and
 * so whose records the list holds), the list with which partner recorded each, and the form to record one. A
 * refused form comes back filled in, each problem named next to its field and in a summary linking to it.
 */
import type { FieldError } from "../../errors";
import {
  agreementNumberMaxLength,
  agreementNumberMinLength,
  productMaxLength,
  type PurchaseView
} from "../../domain/mpsa-purchases";
import type { PartnerPurchaseResource } from "../../purchases/purchase-resource";
import { csrfFieldName } from "../csrf";
import { formatDate, timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { textField } from "../text-field";
import { tryAgainNotice, type TryAgain } from "../views/try-again";

export function partnerPurchasesPath(customerTenantId: string): string {
  return `/partner/customers/${encodeURIComponent(customerTenantId)}/purchases`;
}

export interface PurchaseFormValues {
  readonly product: string;
  readonly quantity: string;
  readonly agreementNumber: string;
  readonly purchaseDate: string;
}

export const emptyPurchaseForm: PurchaseFormValues = {
  product: "",
  quantity: "",
  agreementNumber: "",
  purchaseDate: ""
};

export type PurchaseNotice =
  | { readonly kind: "recorded"; readonly product: string }
  | { readonly kind: "refused"; readonly message: string }
  | ({ readonly kind: "tryAgain" } & TryAgain);

export interface PartnerPurchasesPage {
  readonly customerTenantId: string;
  readonly customerName?: string;
  readonly view: PurchaseView;
  readonly purchases: readonly PartnerPurchaseResource[];
  readonly nextPageUrl?: string;
  readonly notice?: PurchaseNotice;
  /** Present for a Partner.Admin. */
  readonly form?: {
    readonly values: PurchaseFormValues;
    readonly errors: readonly FieldError[];
    readonly csrfToken: string;
    readonly idempotencyKey: string;
  };
}

export function partnerPurchasesTitle(page: Pick<PartnerPurchasesPage, "customerName">): string {
  return `MPSA purchases for ${page.customerName ?? "this customer"}`;
}

export function partnerPurchasesView(page: PartnerPurchasesPage): SafeHtml {
  return html`<p><a href="/partner/invitations">← Invitations</a></p>
<h1>${partnerPurchasesTitle(page)}</h1>
<p class="lead">Customer tenant <code>${page.customerTenantId}</code>.</p>
${page.notice && notice(page.notice)}
<p class="notice" data-field="purchaseView" data-view="${page.view}">${
    page.view === "all"
      ? "This customer lets its MPSA partners see each other's purchases: the list holds every MPSA partner's records, yours marked as yours."
      : "This customer keeps each MPSA partner's purchases to itself: the list holds only the purchases your organisation recorded."
  }</p>
${page.form && recordForm(page.customerTenantId, page.form)}
<section aria-labelledby="purchases-title">
<h2 id="purchases-title">Purchases</h2>
${page.purchases.length === 0 ? html`<p class="muted">No purchases to show yet.</p>` : purchaseTable(page.purchases)}
${page.nextPageUrl && html`<p><a href="${page.nextPageUrl}">Older purchases</a></p>`}
</section>`;
}

function purchaseTable(purchases: readonly PartnerPurchaseResource[]): SafeHtml {
  return html`<table class="stack purchases">
<caption class="visually-hidden">Purchases you can see, latest purchase date first</caption>
<thead><tr><th scope="col">Product</th><th scope="col">Quantity</th><th scope="col">Agreement number</th><th scope="col">Purchase date</th><th scope="col">Recorded by</th></tr></thead>
<tbody>
${purchases.map(
  (purchase) => html`<tr data-purchase-id="${purchase.id}" data-own="${purchase.isOwn ? "true" : "false"}">
<th scope="row" data-label="Product">${purchase.product}</th>
<td data-label="Quantity">${purchase.quantity.toLocaleString("en-GB")}</td>
<td data-label="Agreement number"><code>${purchase.agreementNumber}</code></td>
<td data-label="Purchase date"><time datetime="${purchase.purchaseDate}">${formatDate(purchase.purchaseDate)}</time></td>
<td data-label="Recorded by">${purchase.isOwn ? html`<strong>You</strong>${purchase.recordedBy?.displayName && html` (${purchase.recordedBy.displayName})`}` : html`${purchase.partner.displayName}${purchase.partner.legalName && html` <span class="partner-identity">${purchase.partner.legalName}</span>`}`}, ${timeElement(purchase.recordedDateTime)}</td>
</tr>
`
)}</tbody>
</table>`;
}

function recordForm(customerTenantId: string, form: NonNullable<PartnerPurchasesPage["form"]>): SafeHtml {
  const errorsOf = (field: keyof PurchaseFormValues) => form.errors.filter((error) => error.field === field);
  return html`<section aria-labelledby="record-title">
<h2 id="record-title">Record a purchase</h2>
<form method="post" action="${partnerPurchasesPath(customerTenantId)}" class="form-grid purchase-form" novalidate>
<input type="hidden" name="${csrfFieldName}" value="${form.csrfToken}">
<input type="hidden" name="idempotencyKey" value="${form.idempotencyKey}">
${
  form.errors.length > 0 &&
  html`<div class="notice notice--error error-summary" role="alert" aria-labelledby="purchase-errors-title" tabindex="-1">
<h3 id="purchase-errors-title">The purchase was not recorded</h3>
<ul>
${form.errors.map(
  (error) => html`<li><a href="#${error.field}">${fieldLabels[error.field] ?? error.field} ${error.message}</a></li>
`
)}</ul>
</div>`
}
${textField({ id: "product", label: fieldLabels.product as string, hint: `What the customer bought, as on the order: up to ${productMaxLength} characters.`, value: form.values.product, errors: errorsOf("product"), autocomplete: "off", maxLength: productMaxLength })}
${textField({ id: "quantity", label: fieldLabels.quantity as string, hint: "How many licences or units: a whole number.", value: form.values.quantity, errors: errorsOf("quantity"), inputMode: "numeric", pattern: "[0-9]*", narrow: true })}
${textField({ id: "agreementNumber", label: fieldLabels.agreementNumber as string, hint: `The customer's MPSA agreement number: ${agreementNumberMinLength} to ${agreementNumberMaxLength} letters and digits.`, value: form.values.agreementNumber, errors: errorsOf("agreementNumber"), autocomplete: "off", spellcheck: false })}
${textField({ id: "purchaseDate", label: fieldLabels.purchaseDate as string, hint: "The day of the purchase, not in the future (YYYY-MM-DD).", value: form.values.purchaseDate, errors: errorsOf("purchaseDate"), type: "date" })}
<div class="actions"><button type="submit">Record purchase</button></div>
</form>
</section>`;
}

const fieldLabels: Readonly<Record<string, string>> = {
  product: "Product",
  quantity: "Quantity",
  agreementNumber: "Agreement number",
  purchaseDate: "Purchase date"
};

function notice(value: PurchaseNotice): SafeHtml {
  switch (value.kind) {
    case "recorded":
      return html`<div class="notice notice--success" id="recorded" role="status"><p>Recorded: <strong>${value.product}</strong>.</p></div>`;
    case "refused":
      return html`<div class="notice notice--error" role="alert"><p>${value.message}</p></div>`;
    case "tryAgain":
      return tryAgainNotice(value);
  }
}

/** For a partner user whose tenant has no accepted, live MPSA relationship with this customer. */
export function noRelationshipView(customerTenantId: string, message: string): SafeHtml {
  return html`<h1>No MPSA relationship with this customer</h1>
<div class="notice notice--error" role="alert"><p>${message}</p></div>
<p>Customer tenant <code>${customerTenantId}</code>. Send the customer an MPSA partner invitation from <a href="/partner/invitations">Invitations</a>; once it accepts, its purchases open here.</p>`;
}
