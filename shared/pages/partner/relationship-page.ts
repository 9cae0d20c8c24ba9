/**
 * `/partner/relationships/{id}`: one relationship as its partner sees it, with its security groups and operations,
 * and `/partner/relationships/{id}/status`, the JSON the page's script polls. Only users of the partner that owns
 * it see it: anyone else (another partner, a customer) gets "not found", as the API answers 404.
 */
import type { HttpResponseInit } from "@azure/functions";
import { z } from "zod";
import { accessAssignmentId } from "../../api/assignment-schemas";
import { findAssignment } from "../../assignments/assignment-records";
import { NotFoundError } from "../../errors";
import { partnerAdminAppRole } from "../../http/callers";
import { toHistory } from "../../use-cases/customer-views";
import { getPartnerRelationship } from "../../use-cases/partner-relationships";
import {
  getPartnerRelationshipDetail,
  type PartnerRelationshipDetail
} from "../../use-cases/partner-relationship-detail";
import type { PageContext } from "../page-endpoint";
import { pageJson } from "../page-response";
import { routeId } from "../route-id";
import type { PageSession } from "../session";
import {
  partnerRelationshipView,
  type AssignmentDone,
  type PartnerRelationshipView
} from "./partner-relationship-view";
import { partnerRelationshipJson } from "./relationship-status-json";

export interface RelationshipUser {
  readonly session: PageSession;
  readonly partnerTenantId: string;
  readonly isAdmin: boolean;
}

const doneActions: readonly AssignmentDone[] = ["assigned", "changed", "unchanged", "removed"];
const doneQuery = z.object({
  done: z
    .enum(doneActions as [AssignmentDone, ...AssignmentDone[]])
    .optional()
    .catch(undefined),
  assignment: accessAssignmentId.optional().catch(undefined)
});

export async function partnerRelationshipPage(page: PageContext): Promise<HttpResponseInit> {
  const id = routeId(page.request);
  const user = await relationshipUser(page);
  const query = doneQuery.parse(Object.fromEntries(page.request.query.entries()));
  const detail = await getPartnerRelationshipDetail(page.services, user.partnerTenantId, id);
  const assignment =
    query.done && query.assignment ? findAssignment(detail.relationship.document, query.assignment) : undefined;
  const notice = query.done && assignment ? { kind: "done" as const, action: query.done, assignment } : undefined;
  return renderRelationshipPage(page, user, detail, { notice });
}

export async function partnerRelationshipStatus(page: PageContext): Promise<HttpResponseInit> {
  const id = routeId(page.request);
  const user = await relationshipUser(page);
  const services = page.services;
  const relationship = await getPartnerRelationship(services, user.partnerTenantId, id);
  return pageJson(partnerRelationshipJson(relationship.document, services.clock.now()));
}

export interface RelationshipPageOptions extends Pick<PartnerRelationshipView, "notice" | "form"> {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The page as it is now, with a notice or a refused form kept as it was filled in. */
export function renderRelationshipPage(
  page: PageContext,
  user: RelationshipUser,
  detail: PartnerRelationshipDetail,
  options: RelationshipPageOptions = {}
): Promise<HttpResponseInit> {
  const { document } = detail.relationship;
  const body = partnerRelationshipView({
    document,
    now: page.services.clock.now(),
    history: toHistory(detail.history),
    principal: user.session.principal,
    ...(user.isAdmin ? { csrfToken: user.session.csrfToken } : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    ...(options.form ? { form: options.form } : {})
  });
  return page.render({
    title: document.displayName,
    body,
    nav: "partner",
    status: options.status,
    headers: options.headers
  });
}

/** A user of a registered partner tenant; anyone else is told there is no such page. */
export async function relationshipUser(page: PageContext, known?: PageSession): Promise<RelationshipUser> {
  const session = known ?? (await page.requireSession());
  const partner = await page.services.tenants.getPartner(session.principal.tenantId);
  if (!partner) throw new NotFoundError("There is no such partner relationship.");
  return {
    session,
    partnerTenantId: partner.tenantId,
    isAdmin: session.principal.appRoles.includes(partnerAdminAppRole)
  };
}
