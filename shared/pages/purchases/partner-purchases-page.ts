/**
 * `/partner/customers/{customerTenantId}/purchases` for a partner's users, through the same use cases as the API:
 * GET lists what the partner may see of the customer's MPSA purchases, POST (Partner.Admin) records one and answers
 * with a 303 back to the list, so a reload never records it twice (the form's Idempotency-Key catches a double
 * submit). Without an accepted, live MPSA relationship the page says so and shows nothing.
 */
import { randomUUID } from "node:crypto";
import type { HttpResponseInit } from "@azure/functions";
import { z } from "zod";
import { tenantGuid } from "../../api/id-schemas";
import { idempotencyKey } from "../../api/relationship-schemas";
import { normalizeGuid } from "../../domain/guid";
import { ForbiddenError, TooManyRequestsError, ValidationError, type FieldError } from "../../errors";
import { partnerAdminAppRole } from "../../http/callers";
import { partnerPurchaseTokens } from "../../http/purchase-paging";
import { toPartnerPurchaseResource } from "../../purchases/purchase-resource";
import type { PartnerRecord } from "../../tenants/tenant-records";
import { listPartnerPurchases, recordPurchase } from "../../use-cases/mpsa-purchases";
import type { PageContext } from "../page-endpoint";
import { redirect } from "../page-response";
import { routeId } from "../route-id";
import type { PageSession } from "../session";
import { notPartnerView } from "../partner/partner-invitations-view";
import { retryAfterHeader, tryAgainOf } from "../views/try-again";
import {
  emptyPurchaseForm,
  noRelationshipView,
  partnerPurchasesPath,
  partnerPurchasesTitle,
  partnerPurchasesView,
  type PurchaseFormValues,
  type PurchaseNotice
} from "./partner-purchases-view";

const pageSize = 50;

const listQuery = z.object({
  recorded: z.guid().optional().catch(undefined),
  page: z.string().max(4096).optional().catch(undefined)
});

interface PartnerUser {
  readonly session: PageSession;
  readonly partner: PartnerRecord;
  readonly isAdmin: boolean;
}

interface RenderOptions {
  readonly notice?: PurchaseNotice;
  readonly values?: PurchaseFormValues;
  readonly errors?: readonly FieldError[];
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly pageToken?: string;
  /** The purchase just recorded: the notice names it when it is on this page of the list. */
  readonly recordedId?: string;
}

export async function partnerPurchasesPage(page: PageContext): Promise<HttpResponseInit> {
  const customerTenantId = normalizeGuid(routeId(page.request, "customerTenantId", tenantGuid));
  const posted =
    page.request.method === "POST" ? (await page.readForm(partnerPurchasesPath(customerTenantId))).form : undefined;
  const user = await partnerUser(page);
  if ("response" in user) return user.response;
  try {
    if (!posted) {
      const query = listQuery.parse(Object.fromEntries(page.request.query.entries()));
      return await render(page, user, customerTenantId, {
        ...(query.recorded ? { recordedId: query.recorded } : {}),
        pageToken: query.page
      });
    }
    return await record(page, user, customerTenantId, posted);
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    return page.render({
      title: "No MPSA relationship with this customer",
      body: noRelationshipView(customerTenantId, error.message),
      nav: "partner",
      status: 403
    });
  }
}

async function record(
  page: PageContext,
  user: PartnerUser,
  customerTenantId: string,
  form: URLSearchParams
): Promise<HttpResponseInit> {
  const values: PurchaseFormValues = {
    product: form.get("product") ?? "",
    quantity: (form.get("quantity") ?? "").trim(),
    agreementNumber: form.get("agreementNumber") ?? "",
    purchaseDate: (form.get("purchaseDate") ?? "").trim()
  };
  if (!user.isAdmin) {
    return render(page, user, customerTenantId, {
      values,
      status: 403,
      notice: {
        kind: "refused",
        message: `Recording a purchase needs the ${partnerAdminAppRole} app role. Nothing was recorded.`
      }
    });
  }
  const key = idempotencyKey.safeParse(form.get("idempotencyKey") ?? "");
  let recordedId: string;
  try {
    recordedId = (
      await recordPurchase(page.services, {
        partner: user.partner,
        principal: user.session.principal,
        customerTenantId,
        // An empty or non-numeric quantity reaches the rules as NaN, which they name like any other wrong number.
        request: {
          product: values.product.slice(0, 1_000),
          quantity: values.quantity === "" ? Number.NaN : Number(values.quantity),
          agreementNumber: values.agreementNumber.slice(0, 100),
          purchaseDate: values.purchaseDate.slice(0, 40)
        },
        ...(key.success ? { idempotencyKey: key.data } : {})
      })
    ).purchase.id;
  } catch (error) {
    if (error instanceof ValidationError)
      return render(page, user, customerTenantId, { values, errors: error.errors, status: 400 });
    if (error instanceof TooManyRequestsError)
      return render(page, user, customerTenantId, {
        values,
        notice: { kind: "tryAgain", ...tryAgainOf(error) },
        status: 429,
        headers: retryAfterHeader(error)
      });
    throw error;
  }
  return redirect(`${partnerPurchasesPath(customerTenantId)}?recorded=${encodeURIComponent(recordedId)}#recorded`);
}

async function render(
  page: PageContext,
  user: PartnerUser,
  customerTenantId: string,
  options: RenderOptions
): Promise<HttpResponseInit> {
  const services = page.services;
  const partnerTenantId = user.partner.tenantId;
  let staleToken = false;
  const listing = await listPartnerPurchases(services, {
    partnerTenantId,
    customerTenantId,
    top: pageSize,
    continuationFor: (view) => {
      const read = partnerPurchaseTokens(services.linkTokenSecret, partnerTenantId, customerTenantId, view).read(
        options.pageToken
      );
      staleToken = read === undefined;
      return read?.continuation;
    }
  });
  const recorded = options.recordedId
    ? listing.items.find((item) => item.id === options.recordedId && item.partnerTenantId === partnerTenantId)
    : undefined;
  const notice: PurchaseNotice | undefined = staleToken
    ? { kind: "refused", message: "That page of the list is no longer available; here is the list from the start." }
    : (options.notice ?? (recorded ? { kind: "recorded", product: recorded.product } : undefined));
  const next = partnerPurchaseTokens(
    services.linkTokenSecret,
    partnerTenantId,
    customerTenantId,
    listing.view
  ).tokenFor(listing.continuation);
  const view = {
    customerTenantId,
    ...(listing.relationship.customerDisplayName ? { customerName: listing.relationship.customerDisplayName } : {}),
    view: listing.view,
    purchases: listing.items.map((item) => toPartnerPurchaseResource(item, partnerTenantId)),
    ...(next ? { nextPageUrl: `${partnerPurchasesPath(customerTenantId)}?page=${encodeURIComponent(next)}` } : {}),
    ...(notice ? { notice } : {}),
    // A fresh key per form shown: submitting the same form twice records one purchase.
    ...(user.isAdmin
      ? {
          form: {
            values: options.values ?? emptyPurchaseForm,
            errors: options.errors ?? [],
            csrfToken: user.session.csrfToken,
            idempotencyKey: randomUUID()
          }
        }
      : {})
  };
  return page.render({
    title: partnerPurchasesTitle(view),
    body: partnerPurchasesView(view),
    nav: "partner",
    status: options.status ?? (staleToken ? 400 : 200),
    headers: options.headers
  });
}

async function partnerUser(page: PageContext): Promise<PartnerUser | { response: HttpResponseInit }> {
  const session = await page.requireSession();
  const partner = await page.services.tenants.getPartner(session.principal.tenantId);
  if (!partner) {
    return {
      response: await page.render({
        title: "This page is for partners",
        body: notPartnerView(session.principal, page.switchUserUrl(page.path)),
        status: 403
      })
    };
  }
  return { session, partner, isAdmin: session.principal.appRoles.includes(partnerAdminAppRole) };
}
