/**
 * `/operator/partners`: GET lists applications (in review, rejected) or partners (approved, suspended); POST
 * `/{tenantId}/{action}` approves, rejects, suspends or reinstates through the same use cases as the operator API,
 * as the signed-in operator, then redirects (303) back to the list. Only an operator (the Operator app role in the
 * operator's tenant) gets past the first line; anyone else is told the role that is needed.
 */
import type { HttpResponseInit } from "@azure/functions";
import { z } from "zod";
import { reasonBody } from "../../api/onboarding-schemas";
import type { Principal } from "../../auth/principal";
import type { Services } from "../../services";
import { AppError, ForbiddenError, NotFoundError } from "../../errors";
import { isOperator, operatorActorOf, operatorAppRole } from "../../http/callers";
import { parseWith } from "../../http/json-body";
import { operatorListScope, skipTokens } from "../../http/paging";
import { approveApplication, listApplications, rejectApplication } from "../../use-cases/operator-review";
import { listPartnersByStatus, reinstatePartner, suspendPartner } from "../../use-cases/partner-standing";
import { field } from "../forms";
import type { PageContext } from "../page-endpoint";
import { redirect } from "../page-response";
import type { PageSession } from "../session";
import { operatorPath, operatorTitle, operatorView, type OperatorPage, type OperatorTab } from "./operator-view";

const pageSize = 20;
const actions = ["approve", "reject", "suspend", "reinstate"] as const;
type Action = (typeof actions)[number];
const done: Record<Action, { readonly word: string; readonly tab: OperatorTab }> = {
  approve: { word: "approved", tab: "inReview" },
  reject: { word: "rejected", tab: "inReview" },
  suspend: { word: "suspended", tab: "approved" },
  reinstate: { word: "reinstated", tab: "suspended" }
};

const listQuery = z.object({
  view: z.enum(["inReview", "rejected", "approved", "suspended"]).catch("inReview"),
  page: z.string().max(4096).optional().catch(undefined),
  done: z.enum(actions).optional().catch(undefined),
  tenant: z.guid().optional().catch(undefined)
});

export async function operatorPartnersPage(page: PageContext): Promise<HttpResponseInit> {
  const { tenantId, action } = page.request.params;
  if (page.request.method === "POST") return act(page, tenantId, action);
  if (tenantId) return redirect(operatorPath);
  const session = await page.requireSession();
  requireOperator(page.services, session.principal);
  const query = listQuery.parse(Object.fromEntries(page.request.query.entries()));
  const notice =
    query.done && query.tenant
      ? { kind: "success" as const, text: `Tenant ${query.tenant}: ${done[query.done].word}.` }
      : undefined;
  // A page token that is not ours (changed, or from another list) shows the list from its start.
  const continuation = pagingOf(page.services, query.view).read(query.page)?.continuation;
  return render(page, session, query.view, { continuation, notice });
}

async function render(
  page: PageContext,
  session: PageSession,
  tab: OperatorTab,
  options: { continuation?: string; notice?: OperatorPage["notice"]; status?: number }
): Promise<HttpResponseInit> {
  const services = page.services;
  const applicationTab = tab === "inReview" || tab === "rejected";
  const listed = applicationTab
    ? await listApplications(services, tab, pageSize, options.continuation)
    : await listPartnersByStatus(services, tab, pageSize, options.continuation);
  const body = operatorView({
    tab,
    applications: applicationTab ? (listed.items as OperatorPage["applications"]) : [],
    partners: applicationTab ? [] : (listed.items as OperatorPage["partners"]),
    csrfToken: session.csrfToken,
    nextPageUrl: listed.continuation
      ? `${operatorPath}?view=${tab}&page=${pagingOf(services, tab).tokenFor(listed.continuation)}`
      : undefined,
    notice: options.notice
  });
  return page.render({ title: operatorTitle, body, nav: "operator", status: options.status });
}

function pagingOf(services: Pick<Services, "linkTokenSecret">, tab: OperatorTab) {
  const list = tab === "inReview" || tab === "rejected" ? "partnerApplications" : "partners";
  return skipTokens(services.linkTokenSecret, operatorListScope(list, tab));
}

async function act(
  page: PageContext,
  tenantText: string | undefined,
  actionName: string | undefined
): Promise<HttpResponseInit> {
  const { session, form } = await page.readForm(operatorPath);
  requireOperator(page.services, session.principal);
  const action = actions.find((candidate) => candidate === actionName);
  const tenantId = z.guid().safeParse(tenantText);
  if (!action || !tenantId.success) throw new NotFoundError("There is no such page.");
  const services = page.services;
  const operator = operatorActorOf(session.principal);
  const ifMatch = field(form, "etag");
  try {
    if (action === "approve") await approveApplication(services, { tenantId: tenantId.data, operator, ifMatch });
    else if (action === "reinstate") await reinstatePartner(services, tenantId.data, operator, field(form, "reason"));
    else {
      const { reason } = parseWith(reasonBody, { reason: field(form, "reason") });
      if (action === "reject")
        await rejectApplication(services, { tenantId: tenantId.data, operator, reason, ifMatch });
      else await suspendPartner(services, tenantId.data, operator, reason);
    }
  } catch (error) {
    if (error instanceof AppError && !(error instanceof ForbiddenError)) {
      const details =
        "errors" in error && Array.isArray(error.errors)
          ? error.errors.map((e: { message: string }) => ` ${e.message}`).join("")
          : "";
      return render(page, session, done[action].tab, {
        notice: { kind: "error", text: `Nothing was changed: ${error.message}${details}` },
        status: error.status
      });
    }
    throw error;
  }
  return redirect(`${operatorPath}?view=${done[action].tab}&done=${action}&tenant=${tenantId.data.toLowerCase()}`);
}

function requireOperator(services: Pick<Services, "config">, principal: Principal): void {
  if (!isOperator(principal, services.config.operatorTenantId)) {
    throw new ForbiddenError(
      "This page is for operators: it needs the Operator app role, signed in to the operator's tenant.",
      { id: operatorAppRole, displayName: operatorAppRole }
    );
  }
}
