/**
 * The customer's "MPSA purchases" page: the sharing setting as a switch (`role="switch"`) whose meaning is spelt out
 * before anything changes, in a dialog with the script and on a page of its own without; the recent changes (who,
 * when); and every purchase, grouped by partner with each partner's legal name and tenant id.
 */
import { purchaseSharingLabel } from "../../domain/mpsa-purchases";
import type { PartnerPurchaseGroup } from "../../purchases/purchase-resource";
import type { PurchaseSharingView } from "../../use-cases/purchase-sharing";
import { formatDate, timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { csrfField } from "../views/relationship-parts";

export const purchasesPath = "/purchases";
const sharingPath = "/purchases/sharing";
export const purchasesTitle = "MPSA purchases";

export interface CustomerPurchasesPage {
  readonly sharing: PurchaseSharingView;
  /** Absent when the user may read the setting but not change it. */
  readonly csrfToken?: string;
  /** Absent when the user may not see purchases (no Billing Administrator or Global Administrator). */
  readonly purchases?: { readonly groups: readonly PartnerPurchaseGroup[]; readonly nextPageUrl?: string };
  readonly confirmation?: "on" | "off" | "unchanged";
  /** Said above everything when the request could not be answered as asked (a page of the list that is gone). */
  readonly refusal?: string;
}

export function customerPurchasesView(page: CustomerPurchasesPage): SafeHtml {
  return html`<h1>${purchasesTitle}</h1>
<p class="lead">What your MPSA partners bought for your organisation, and whether they may see each other's purchases.</p>
${page.confirmation && confirmationNotice(page.confirmation)}
${page.refusal && html`<div class="notice notice--error" role="alert"><p>${page.refusal}</p></div>`}
<section id="sharing" aria-labelledby="sharing-title">
<h2 id="sharing-title">Sharing between your MPSA partners</h2>
${sharingSwitch(page)}
${page.csrfToken ? sharingDialog(page.sharing.enabled, page.csrfToken) : html`<p class="notice notice--warning">Changing this needs a <strong>Billing Administrator</strong> or a <strong>Global Administrator</strong>.</p>`}
${changesList(page.sharing)}
</section>
<section aria-labelledby="purchases-title">
<h2 id="purchases-title">Purchases by partner</h2>
${page.purchases ? purchasesByPartner(page.purchases.groups, page.purchases.nextPageUrl) : html`<p class="notice notice--warning">Seeing the purchases needs a <strong>Billing Administrator</strong> or a <strong>Global Administrator</strong>.</p>`}
</section>`;
}

/** What the setting means in each state: the same sentence on the page, in the dialog and on the confirmation page. */
function sharingMeaning(enabled: boolean): string {
  return enabled
    ? "On: each of your MPSA partners sees the purchases every other MPSA partner recorded for you, as well as its own."
    : "Off: each of your MPSA partners sees only the purchases it recorded itself.";
}

export function sharingQuestion(to: boolean): string {
  return to
    ? "Let your MPSA partners see each other's purchases?"
    : "Stop your MPSA partners seeing each other's purchases?";
}

export function sharingConsequence(to: boolean): SafeHtml {
  return to
    ? html`<p id="sharing-dialog-text">Each MPSA partner whose relationship you accepted will see every purchase your other MPSA partners recorded for you: product, quantity, agreement number, purchase date and which partner recorded it. It will not see who at the other partner recorded it. You can turn this off at any time, and they stop seeing each other's purchases at once.</p>`
    : html`<p id="sharing-dialog-text">Each MPSA partner will again see only the purchases it recorded itself, from the next time it looks. Nothing is deleted: you still see every purchase here.</p>`;
}

function sharingSwitch(page: CustomerPurchasesPage): SafeHtml {
  const { enabled } = page.sharing;
  const canChange = page.csrfToken !== undefined;
  // Without the script the switch asks on a page of its own (GET); with it, in the dialog.
  return html`<form method="get" action="${sharingPath}" class="sharing-switch">
<input type="hidden" name="to" value="${enabled ? "off" : "on"}">
<button type="submit" class="switch" role="switch" aria-checked="${enabled ? "true" : "false"}" aria-describedby="sharing-state" data-field="sharingSwitch"${canChange ? html` data-opens-dialog="sharing-dialog"` : html` disabled`}>
<span class="switch__track" aria-hidden="true"><span class="switch__thumb"></span></span>
<span class="switch__label">${purchaseSharingLabel}</span>
<span class="switch__state" aria-hidden="true">${enabled ? "On" : "Off"}</span>
</button>
</form>
<p id="sharing-state" data-field="sharingState" data-enabled="${enabled ? "true" : "false"}">${sharingMeaning(enabled)}</p>`;
}

function sharingDialog(enabled: boolean, csrfToken: string): SafeHtml {
  return html`<dialog id="sharing-dialog" aria-labelledby="sharing-dialog-title" aria-describedby="sharing-dialog-text">
<h2 id="sharing-dialog-title">${sharingQuestion(!enabled)}</h2>
${sharingConsequence(!enabled)}
${sharingForm(!enabled, csrfToken, true)}
</dialog>`;
}

/** The form that changes the setting; in the dialog, and on the confirmation page for browsers without the script. */
export function sharingForm(to: boolean, csrfToken: string, inDialog: boolean): SafeHtml {
  return html`<form method="post" action="${sharingPath}">
${csrfField(csrfToken)}
<input type="hidden" name="enabled" value="${to ? "on" : "off"}">
<div class="actions">
<button type="submit"${to ? "" : html` class="button--danger"`}>${to ? "Yes, let them see" : "Yes, stop sharing"}</button>
${inDialog ? html`<button type="button" class="button--secondary" data-closes-dialog autofocus>Cancel</button>` : html`<a class="button button--secondary" href="${purchasesPath}">Cancel</a>`}
</div>
</form>`;
}

function changesList(sharing: PurchaseSharingView): SafeHtml {
  if (sharing.changes.length === 0)
    return html`<p class="muted" data-field="sharingChanges">Never changed: sharing has been off from the start.</p>`;
  return html`<h3>Recent changes</h3>
<ol class="history" data-field="sharingChanges">
${sharing.changes.map(
  (
    change
  ) => html`<li>${timeElement(change.changedDateTime, true)}: turned ${change.enabled ? "on" : "off"} by ${change.changedBy.displayName ?? "an admin of your organisation"}</li>
`
)}</ol>`;
}

function purchasesByPartner(groups: readonly PartnerPurchaseGroup[], nextPageUrl: string | undefined): SafeHtml {
  if (groups.length === 0) return html`<p>No MPSA partner has recorded a purchase for you yet.</p>`;
  return html`${groups.map(
    (
      group
    ) => html`<section class="purchase-group" data-partner-tenant-id="${group.partner.tenantId}" aria-label="Purchases recorded by ${group.partner.displayName}">
<h3>${group.partner.displayName}</h3>
<p class="partner-identity">Legal name: ${group.partner.legalName ?? "not recorded"} · tenant <code>${group.partner.tenantId}</code></p>
<table class="stack purchases">
<caption class="visually-hidden">Purchases recorded by ${group.partner.displayName}</caption>
<thead><tr><th scope="col">Product</th><th scope="col">Quantity</th><th scope="col">Agreement number</th><th scope="col">Purchase date</th><th scope="col">Recorded</th></tr></thead>
<tbody>
${group.purchases.map(
  (purchase) => html`<tr data-purchase-id="${purchase.id}">
<th scope="row" data-label="Product">${purchase.product}</th>
<td data-label="Quantity">${purchase.quantity.toLocaleString("en-GB")}</td>
<td data-label="Agreement number"><code>${purchase.agreementNumber}</code></td>
<td data-label="Purchase date"><time datetime="${purchase.purchaseDate}">${formatDate(purchase.purchaseDate)}</time></td>
<td data-label="Recorded">${timeElement(purchase.recordedDateTime)}${purchase.recordedBy.displayName && html` by ${purchase.recordedBy.displayName}`}</td>
</tr>
`
)}</tbody>
</table>
</section>
`
  )}${nextPageUrl && html`<p><a href="${nextPageUrl}">More purchases</a></p>`}`;
}

function confirmationNotice(kind: NonNullable<CustomerPurchasesPage["confirmation"]>): SafeHtml {
  const text =
    kind === "on"
      ? "Sharing is on: your MPSA partners now see each other's purchases."
      : kind === "off"
        ? "Sharing is off: each MPSA partner now sees only its own purchases."
        : "Nothing changed: the setting already was as you asked.";
  return html`<div class="notice notice--success" role="status" data-confirmation="${kind}"><p>${text}</p></div>`;
}
