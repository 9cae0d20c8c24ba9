/**
 * `/partner/customers/{customerTenantId}/devices`: an OEM's devices for one customer. GET shows what it registered
 * there and, to a Partner.Admin while an accepted OEM relationship runs, the CSV upload form. POST takes the form
 * (multipart, with the file) through the same checks and use case as `POST /api/partner/customers/{id}/devices`,
 * and answers with the page showing each line's outcome, or every problem that stopped the upload. The answer is
 * the page itself, not a redirect: sending the form again only finds the same devices as duplicates.
 */
import type { HttpResponseInit } from "@azure/functions";
import { z } from "zod";
import { tenantGuid } from "../../api/id-schemas";
import { checkCsvUpload } from "../../devices/device-upload";
import { normalizeGuid } from "../../domain/guid";
import { ForbiddenError, TooManyRequestsError, ValidationError, type FieldError } from "../../errors";
import { partnerAdminAppRole } from "../../http/callers";
import { decodeUtf8, maxUploadBytes } from "../../http/device-upload-body";
import { oemDevicesScope, skipTokens } from "../../http/paging";
import type { PartnerRecord } from "../../tenants/tenant-records";
import { oemDeviceOverview, registerDevices, type UploadResult } from "../../use-cases/oem-devices";
import type { PageContext } from "../page-endpoint";
import { routeId } from "../route-id";
import type { PageSession } from "../session";
import { readUploadForm } from "../upload-form";
import { notPartnerView } from "../partner/partner-invitations-view";
import { retryAfterHeader, tryAgainOf, type TryAgain } from "../views/try-again";
import { oemDevicesTitle, oemDevicesView } from "./oem-devices-view";

const pageSize = 50;
const listQuery = z.object({ page: z.string().max(4096).optional().catch(undefined) });

const oemDevicesPath = (customerTenantId: string) =>
  `/partner/customers/${encodeURIComponent(customerTenantId)}/devices`;

interface Outcome {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly result?: UploadResult;
  readonly problems?: readonly FieldError[];
  readonly tryAgain?: TryAgain;
  readonly refusal?: string;
  readonly manufacturer?: string;
  readonly model?: string;
}

export async function oemDevicesPage(page: PageContext): Promise<HttpResponseInit> {
  const customerTenantId = normalizeGuid(routeId(page.request, "customerTenantId", tenantGuid));
  if (page.request.method !== "POST") {
    const session = await page.requireSession();
    const partner = await page.services.tenants.getPartner(session.principal.tenantId);
    if (!partner) return notPartner(page, session);
    return render(
      page,
      { session, partner },
      customerTenantId,
      {},
      listQuery.parse(Object.fromEntries(page.request.query.entries())).page
    );
  }
  const form = await readUploadForm(page, oemDevicesPath(customerTenantId), maxUploadBytes);
  const defaults = { manufacturer: form.text("manufacturer") ?? "", model: form.text("model") ?? "" };
  const partner = await page.services.tenants.getPartner(form.session.principal.tenantId);
  if (!partner) return notPartner(page, form.session);
  const user = { session: form.session, partner };
  if (!form.session.principal.appRoles.includes(partnerAdminAppRole))
    return render(page, user, customerTenantId, { ...defaults, status: 403 });
  try {
    const file = await form.file("file");
    if (!file) throw new ValidationError([{ field: "file", message: "Choose the CSV file to upload." }]);
    const rows = checkCsvUpload(decodeUtf8(file.bytes), defaults);
    const result = await registerDevices(
      page.services,
      { partner, principal: form.session.principal },
      customerTenantId,
      rows
    );
    return render(page, user, customerTenantId, { ...defaults, result });
  } catch (error) {
    if (error instanceof ValidationError)
      return render(page, user, customerTenantId, { ...defaults, problems: error.errors, status: 400 });
    if (error instanceof TooManyRequestsError)
      return render(page, user, customerTenantId, {
        ...defaults,
        tryAgain: tryAgainOf(error),
        status: 429,
        headers: retryAfterHeader(error)
      });
    if (error instanceof ForbiddenError)
      return render(page, user, customerTenantId, { ...defaults, refusal: error.message, status: 403 });
    throw error;
  }
}

interface OemUser {
  readonly session: PageSession;
  readonly partner: PartnerRecord;
}

async function render(
  page: PageContext,
  { session, partner }: OemUser,
  customerTenantId: string,
  outcome: Outcome,
  pageToken?: string
): Promise<HttpResponseInit> {
  const services = page.services;
  const paging = skipTokens(services.linkTokenSecret, oemDevicesScope(partner.tenantId, customerTenantId));
  const continuation = paging.read(pageToken)?.continuation;
  const overview = await oemDeviceOverview(services, partner.tenantId, customerTenantId, pageSize, continuation);
  const isAdmin = session.principal.appRoles.includes(partnerAdminAppRole);
  const registration = overview.registration;
  const uploadRefusal =
    outcome.refusal ??
    (!registration.allowed
      ? registration.reason
      : !isAdmin
        ? `Uploading devices needs the ${partnerAdminAppRole} app role, which you do not have. You can still see what your organisation registered.`
        : undefined);
  const nextPage = paging.tokenFor(overview.devices?.continuation);
  const body = oemDevicesView({
    customerTenantId,
    ...(overview.customerDisplayName ? { customerName: overview.customerDisplayName } : {}),
    path: oemDevicesPath(customerTenantId),
    ...(uploadRefusal
      ? { uploadRefusal }
      : {
          form: { csrfToken: session.csrfToken, manufacturer: outcome.manufacturer ?? "", model: outcome.model ?? "" }
        }),
    ...(outcome.result ? { result: outcome.result } : {}),
    ...(outcome.problems ? { problems: outcome.problems } : {}),
    ...(outcome.tryAgain ? { tryAgain: outcome.tryAgain } : {}),
    ...(overview.devices ? { devices: overview.devices.items } : {}),
    ...(nextPage ? { nextPageUrl: `${oemDevicesPath(customerTenantId)}?page=${encodeURIComponent(nextPage)}` } : {})
  });
  // Someone with no OEM relationship with this customer sees the page's refusal, with the status that says so.
  const status = outcome.status ?? (overview.devices ? 200 : 403);
  return page.render({
    title: oemDevicesTitle(overview.customerDisplayName),
    body,
    nav: "partner",
    status,
    ...(outcome.headers ? { headers: outcome.headers } : {})
  });
}

function notPartner(page: PageContext, session: PageSession): Promise<HttpResponseInit> {
  return page.render({
    title: "This page is for partners",
    body: notPartnerView(session.principal, page.switchUserUrl("/partner/invitations")),
    status: 403
  });
}
