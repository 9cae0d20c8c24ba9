/**
 * What the Invitations page's script polls every 2 s (`?format=json`): each listed relationship's status, the note
 * under it, where its email stands and which actions still apply, for the signed-in partner only.
 */
import type { HttpResponseInit } from "@azure/functions";
import { listPartnerRelationships } from "../../use-cases/partner-relationships";
import { statusLabels } from "../format";
import type { PageContext } from "../page-endpoint";
import { pageJson } from "../page-response";
import { emailState, statusNote } from "./invitation-list-view";
import { availableActions } from "./partner-status";

/** The list's live status, for the page script's polling (app.js `data-poll-url`). */
export async function invitationsStatusJson(page: PageContext, pageSize: number): Promise<HttpResponseInit> {
  const session = await page.session();
  if (!session) return pageJson({ title: "Sign-in required" }, 401);
  const services = page.services;
  const partner = await services.tenants.getPartner(session.principal.tenantId);
  if (!partner) return pageJson({ title: "Not a partner tenant" }, 403);
  const listed = await listPartnerRelationships(services, partner.tenantId, { top: pageSize });
  const now = services.clock.now();
  return pageJson({
    relationships: listed.items.map(({ document }) => ({
      id: document.id,
      status: document.status,
      statusLabel: statusLabels[document.status],
      statusNote: statusNote(document, now),
      emailState: emailState(document, now),
      actions: availableActions(document, now)
    }))
  });
}
