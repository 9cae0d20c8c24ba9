/**
 * `/purchases` and `/purchases/sharing` for a customer's admins, through the same use cases as the API: any admin
 * sees the setting, a Billing Administrator or Global Administrator also sees the purchases and changes the setting.
 * A change is a POST (CSRF-checked) that says which state it wants, so a double submit cannot flip it back, and
 * answers with a 303 to the page with a confirmation.
 */
import type { HttpResponseInit } from "@azure/functions";
import { z } from "zod";
import { mayChangePurchaseSharing, mayListPurchases } from "../../domain/customer-permissions";
import { ValidationError } from "../../errors";
import { customerPurchaseTokens } from "../../http/purchase-paging";
import { groupByPartner } from "../../purchases/purchase-resource";
import { listCustomerPurchases } from "../../use-cases/mpsa-purchases";
import { requirePermission } from "../../use-cases/customer-checks";
import { changePurchaseSharing, readPurchaseSharing } from "../../use-cases/purchase-sharing";
import { html } from "../html";
import type { PageContext } from "../page-endpoint";
import { redirect } from "../page-response";
import {
  customerPurchasesView,
  purchasesPath,
  purchasesTitle,
  sharingConsequence,
  sharingForm,
  sharingQuestion,
  type CustomerPurchasesPage
} from "./customer-purchases-view";

const pageSize = 100;

const listQuery = z.object({
  sharing: z.enum(["on", "off", "unchanged"]).optional().catch(undefined),
  page: z.string().max(4096).optional().catch(undefined)
});

export async function customerPurchasesPage(page: PageContext): Promise<HttpResponseInit> {
  const session = await page.requireSession();
  const services = page.services;
  const { principal } = session;
  const query = listQuery.parse(Object.fromEntries(page.request.query.entries()));
  const sharing = await readPurchaseSharing(services, principal);
  let purchases: CustomerPurchasesPage["purchases"];
  let stalePage = false;
  if (mayListPurchases(principal.directoryRoles).allowed) {
    const tokens = customerPurchaseTokens(services.linkTokenSecret, principal.tenantId);
    const continuation = tokens.read(query.page);
    // A page token that is not ours: the list from the start, said plainly.
    stalePage = continuation === undefined;
    const listed = await listCustomerPurchases(services, principal, pageSize, () => continuation?.continuation);
    const next = tokens.tokenFor(listed.continuation);
    purchases = {
      groups: groupByPartner(listed.items),
      ...(next ? { nextPageUrl: `${purchasesPath}?page=${encodeURIComponent(next)}` } : {})
    };
  }
  // Only a confirmation the stored state bears out: a made-up link cannot say "on" over a setting that is off.
  const confirmation =
    query.sharing === "unchanged" || query.sharing === (sharing.enabled ? "on" : "off") ? query.sharing : undefined;
  const body = customerPurchasesView({
    sharing,
    ...(mayChangePurchaseSharing(principal.directoryRoles).allowed ? { csrfToken: session.csrfToken } : {}),
    ...(purchases ? { purchases } : {}),
    ...(confirmation ? { confirmation } : {}),
    ...(stalePage ? { refusal: "That page of the list is no longer available; here is the list from the start." } : {})
  });
  const status = stalePage ? 400 : 200;
  return page.render({ title: purchasesTitle, body, status });
}

const toQuery = z.object({ to: z.enum(["on", "off"]) });
const changeForm = z.object({ enabled: z.enum(["on", "off"], { error: "must be on or off" }) });

/** GET: "Let your MPSA partners see each other's purchases?" for browsers without the script. POST: the change. */
export async function purchaseSharingPage(page: PageContext): Promise<HttpResponseInit> {
  if (page.request.method === "POST") {
    const { session, form } = await page.readForm(purchasesPath);
    const parsed = changeForm.safeParse({ enabled: form.get("enabled") });
    if (!parsed.success) throw new ValidationError([{ field: "enabled", message: "must be on or off" }]);
    const result = await changePurchaseSharing(page.services, session.principal, parsed.data.enabled === "on");
    const outcome = result.changed ? parsed.data.enabled : "unchanged";
    return redirect(`${purchasesPath}?sharing=${outcome}#sharing`);
  }
  const session = await page.requireSession();
  const to = toQuery.safeParse(Object.fromEntries(page.request.query.entries()));
  if (!to.success) return redirect(purchasesPath);
  const enabled = to.data.to === "on";
  // The same permission the change needs: a page offering a change the user cannot make helps nobody.
  requirePermission(mayChangePurchaseSharing(session.principal.directoryRoles));
  const title = sharingQuestion(enabled);
  return page.render({
    title,
    body: html`<h1>${title}</h1>
${sharingConsequence(enabled)}
${sharingForm(enabled, session.csrfToken, false)}`
  });
}
