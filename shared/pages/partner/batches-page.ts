/**
 * `/partner/invitation-batches`: a partner's bulk invitations. GET shows the upload form (for a Partner.Admin of a
 * partner that may invite) and the batches; POST takes the form with its CSV file (multipart, at most 1 MB), checks
 * the file (header, separators, encoding, at most 1,000 rows), submits the batch through the same use case as the
 * API and redirects (303) to the batch. `/{id}` shows one batch; `/{id}?format=json` is what its script polls.
 */
import { randomUUID } from "node:crypto";
import type { HttpResponseInit } from "@azure/functions";
import { batchesScope, batchId, maxBatchBodyBytes } from "../../api/batch-schemas";
import { parseCustomerCsv } from "../../batches/csv-rows";
import { invitingRefusal } from "../../domain/partner-standing";
import { ForbiddenError, TooManyRequestsError, ValidationError } from "../../errors";
import { formatDateTime } from "../format";
import { retryAfterHeader } from "../views/try-again";
import { actorOf, partnerAdminAppRole } from "../../http/callers";
import { skipTokens } from "../../http/paging";
import type { PartnerRecord } from "../../tenants/tenant-records";
import { getBatch, listBatches, submitBatch } from "../../use-cases/invitation-batches";
import { listTemplates } from "../../use-cases/relationship-templates";
import { field } from "../forms";
import type { PageContext } from "../page-endpoint";
import { pageJson, redirect } from "../page-response";
import { routeId } from "../route-id";
import type { PageSession } from "../session";
import { batchesPath, batchesTitle, batchesView, batchStatusJson, batchView } from "./batches-view";
import { notPartnerView } from "./partner-invitations-view";

const pageSize = 25;

interface PartnerUser {
  readonly session: PageSession;
  readonly partner: PartnerRecord;
  readonly isAdmin: boolean;
}

export async function partnerBatchesPage(page: PageContext): Promise<HttpResponseInit> {
  const id = page.request.params.id;
  if (page.request.params.action) return redirect(batchesPath);
  if (page.request.method === "POST") return id ? redirect(batchesPath) : upload(page);
  return id ? showBatch(page) : show(page, {});
}

interface ShowOptions {
  readonly problem?: string;
  readonly templateId?: string;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

async function show(page: PageContext, options: ShowOptions, known?: PageSession): Promise<HttpResponseInit> {
  const user = await partnerUser(page, known);
  if ("response" in user) return user.response;
  const services = page.services;
  const paging = skipTokens(services.linkTokenSecret, batchesScope(user.partner.tenantId));
  const token = page.request.query.get("page") ?? undefined;
  const from = paging.read(token && token.length <= 4096 ? token : undefined);
  const refusal = invitingRefusal(user.partner);
  const mayInvite = user.isAdmin && !refusal;
  const [listed, templates] = await Promise.all([
    listBatches(services, user.partner.tenantId, pageSize, from?.continuation),
    mayInvite ? listTemplates(services, user.partner.tenantId) : Promise.resolve([])
  ]);
  const next = paging.tokenFor(listed.continuation);
  const body = batchesView({
    batches: listed.items,
    nextPageUrl: next ? `${batchesPath}?page=${encodeURIComponent(next)}` : undefined,
    refusal: user.isAdmin ? refusal : undefined,
    form: mayInvite
      ? {
          templates,
          templateId: options.templateId ?? "",
          csrfToken: user.session.csrfToken,
          idempotencyKey: randomUUID(),
          problem: options.problem
        }
      : undefined
  });
  return page.render({
    title: batchesTitle,
    body,
    nav: "partner",
    status: options.status ?? (from ? 200 : 400),
    headers: options.headers
  });
}

async function upload(page: PageContext): Promise<HttpResponseInit> {
  const { session, form } = await page.readForm(batchesPath, { maxBytes: maxBatchBodyBytes });
  const user = await partnerUser(page, session);
  if ("response" in user) return user.response;
  if (!user.isAdmin)
    throw new ForbiddenError(`Sending invitations needs the ${partnerAdminAppRole} app role.`, {
      id: partnerAdminAppRole,
      displayName: partnerAdminAppRole
    });
  const templateId = field(form, "templateId") ?? "";
  const parsed = parseCustomerCsv(form.get("csv") ?? "");
  if (!parsed.ok) return show(page, { problem: parsed.message, templateId, status: 400 }, session);
  const key = field(form, "idempotencyKey");
  try {
    const { batch } = await submitBatch(page.services, {
      partner: user.partner,
      actor: actorOf(session.principal, "partner"),
      templateId,
      customers: parsed.rows,
      idempotencyKey: key && /^[\x21-\x7e]{1,255}$/.test(key) ? key : undefined
    });
    return redirect(`${batchesPath}/${encodeURIComponent(batch.document.id)}`);
  } catch (error) {
    if (error instanceof ValidationError)
      return show(page, { problem: "Choose one of your templates from the list.", status: 400 }, session);
    if (error instanceof TooManyRequestsError) {
      const problem = `${error.message} You can try again at ${formatDateTime(error.retryAt)}.`;
      return show(page, { problem, templateId, status: 429, headers: retryAfterHeader(error) }, session);
    }
    if (error instanceof ForbiddenError) return show(page, { status: 403 }, session);
    throw error;
  }
}

async function showBatch(page: PageContext): Promise<HttpResponseInit> {
  const id = routeId(page.request, "id", batchId);
  const json = page.request.query.get("format") === "json";
  const session = await page.session();
  if (json && !session) return pageJson({ error: "Sign in again." }, 401);
  const user = await partnerUser(page, session);
  if ("response" in user) return json ? pageJson({ error: "Not a partner tenant." }, 403) : user.response;
  const services = page.services;
  const { document } = await getBatch(services, user.partner.tenantId, id);
  const now = services.clock.now();
  if (json) return pageJson(batchStatusJson(document, now));
  return page.render({
    title: `Batch: ${document.template.displayName}`,
    body: batchView(document, now),
    nav: "partner"
  });
}

async function partnerUser(
  page: PageContext,
  known?: PageSession
): Promise<PartnerUser | { response: HttpResponseInit }> {
  const session = known ?? (await page.requireSession());
  const partner = await page.services.tenants.getPartner(session.principal.tenantId);
  if (!partner) {
    return {
      response: await page.render({
        title: "This page is for partners",
        body: notPartnerView(session.principal, page.switchUserUrl(batchesPath)),
        status: 403
      })
    };
  }
  return { session, partner, isAdmin: session.principal.appRoles.includes(partnerAdminAppRole) };
}
