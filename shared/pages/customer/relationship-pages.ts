/**
 * The customer's Settings > Partner relationships pages: the list, one relationship with its history, the JSON
 * each page's script polls every 2 s (authorised exactly like the page), and Remove roles / Terminate behind a
 * confirmation. All through the same use cases as /api/customer/relationships.
 */
import type { HttpResponseInit } from "@azure/functions";
import {
  getCustomerRelationship,
  listCustomerRelationships,
  removeRoles,
  terminateForCustomer
} from "../../use-cases/customer-relationships";
import { toHistory } from "../../use-cases/customer-views";
import { confirmedRelationshipAction } from "../confirmed-action";
import type { PageContext } from "../page-endpoint";
import { pageJson } from "../page-response";
import { summarize, toStatusJson } from "../relationship-summary";
import { routeId } from "../route-id";
import { partnerGroupRows } from "../views/partner-groups";
import { relationshipView, removeRolesText, terminateText } from "../views/relationship";
import { relationshipsHeading, relationshipsView, type RelationshipsPage } from "../views/relationships";

export async function relationshipsPage(page: PageContext): Promise<HttpResponseInit> {
  const session = await page.requireSession();
  const relationships = (await listCustomerRelationships(page.services, session.principal)).map((found) =>
    summarize(found.document)
  );
  const query = page.request.query;
  const kind = query.has("accepted") ? "accepted" : query.has("declined") ? "declined" : undefined;
  const shown = kind && relationships.find((summary) => summary.id === query.get(kind));
  const confirmation: RelationshipsPage["confirmation"] = kind && shown ? { kind, relationship: shown } : undefined;
  return page.render({
    title: relationshipsHeading,
    body: relationshipsView({ relationships, ...(confirmation ? { confirmation } : {}) })
  });
}

export async function relationshipsStatus(page: PageContext): Promise<HttpResponseInit> {
  const session = await page.requireSession();
  const relationships = await listCustomerRelationships(page.services, session.principal);
  return pageJson({ relationships: relationships.map((found) => toStatusJson(summarize(found.document))) });
}

export async function relationshipPage(page: PageContext): Promise<HttpResponseInit> {
  const session = await page.requireSession();
  const { relationship, history } = await getCustomerRelationship(
    page.services,
    session.principal,
    routeId(page.request)
  );
  const summary = summarize(relationship.document);
  const query = page.request.query;
  const confirmation = query.has("removed") ? "removed" : query.has("terminated") ? "terminated" : undefined;
  return page.render({
    title: `${summary.partnerName}: ${summary.displayName}`,
    body: relationshipView({
      document: relationship.document,
      summary,
      history: toHistory(history),
      csrfToken: session.csrfToken,
      ...(confirmation ? { confirmation } : {})
    })
  });
}

/** Status, roles, end date, which actions apply, the partner's groups. */
export async function relationshipStatus(page: PageContext): Promise<HttpResponseInit> {
  const session = await page.requireSession();
  const { relationship } = await getCustomerRelationship(page.services, session.principal, routeId(page.request));
  return pageJson({ ...toStatusJson(summarize(relationship.document)), rows: partnerGroupRows(relationship.document) });
}

export const removeRolesPage = confirmedRelationshipAction({
  path: "remove-roles",
  title: "Remove roles?",
  yes: "Yes",
  explain: removeRolesText,
  act: removeRoles,
  doneFlag: "removed"
});

export const terminatePage = confirmedRelationshipAction({
  path: "terminate",
  title: "Terminate this relationship?",
  yes: "Yes, terminate",
  explain: terminateText,
  act: terminateForCustomer,
  doneFlag: "terminated"
});
