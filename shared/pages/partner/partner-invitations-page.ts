/**
 * `/partner/invitations`: a partner's invitations page. GET shows the list (and, for a Partner.Admin, the form);
 * POST creates an invitation; POST `/{id}/{action}` resends, cancels, terminates or switches auto-extend. Each
 * calls the same use case as the API, as the signed-in partner user, then redirects (303) back to the list, so
 * a reload never repeats an action. A refused form comes back filled in, with every problem named.
 */
import { randomUUID } from "node:crypto";
import type { HttpResponseInit } from "@azure/functions";
import { z } from "zod";
import { relationshipId } from "../../api/id-schemas";
import type { Principal } from "../../auth/principal";
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  TooManyRequestsError,
  ValidationError
} from "../../errors";
import { invitingRefusal } from "../../domain/partner-standing";
import { autoExtendDurationOf, isAutoExtendOn } from "../../domain/relationship";
import { actorOf, partnerAdminAppRole } from "../../http/callers";
import { partnerRelationshipsScope, skipTokens } from "../../http/paging";
import type { VersionedRelationship } from "../../relationships/relationship-document";
import type { PartnerRecord } from "../../tenants/tenant-records";
import { invitationLinkFor } from "../../use-cases/create-invitation";
import { createInvitationFromRequest } from "../../use-cases/invite-from-template";
import { listTemplates, resolveTemplate } from "../../use-cases/relationship-templates";
import {
  deleteRelationship,
  getPartnerRelationship,
  listPartnerRelationships,
  requestTermination,
  resendInvitation,
  updateAutoExtend,
  type PartnerRequest
} from "../../use-cases/partner-relationships";
import { field } from "../forms";
import type { PageContext } from "../page-endpoint";
import { pageSecurityHeaders, redirect } from "../page-response";
import type { PageSession } from "../session";
import {
  defaultFormValues,
  readInvitationForm,
  toFormErrors,
  toInvitationRequest,
  valuesFromTemplate,
  type FormError,
  type InvitationFormValues
} from "./invitation-form";
import { firstRoleInputId } from "./invitation-form-view";
import { partnerActions, type PartnerAction } from "./partner-status";
import {
  adminNeededView,
  notPartnerView,
  pageTitle,
  partnerInvitationsView,
  type PageNotice
} from "./partner-invitations-view";
import { partnerStylesheet, partnerStylesheetName } from "./partner-styles";
import { invitationsStatusJson } from "./invitations-status";
import { retryAfterHeader, tryAgainOf } from "../views/try-again";
import type { Services } from "../../services";

const basePath = "/partner/invitations";
const pageSize = 25;

interface PartnerUser {
  readonly session: PageSession;
  readonly partner: PartnerRecord;
  readonly isAdmin: boolean;
}

const listQuery = z.object({
  created: relationshipId.optional().catch(undefined),
  done: z
    .enum(partnerActions as [PartnerAction, ...PartnerAction[]])
    .optional()
    .catch(undefined),
  id: relationshipId.optional().catch(undefined),
  page: z.string().max(4096).optional().catch(undefined),
  format: z.enum(["json"]).optional().catch(undefined)
});

export async function partnerInvitationsPage(page: PageContext): Promise<HttpResponseInit> {
  const id = page.request.params.id;
  const action = page.request.params.action;
  if (page.request.method !== "POST") {
    if (id === partnerStylesheetName && !action) return stylesheet();
    if (id)
      return redirect(
        id && relationshipId.safeParse(id).success ? `${basePath}#row-${encodeURIComponent(id)}` : basePath
      );
    return show(page);
  }
  if (!id) return create(page);
  return act(page, id, action);
}

async function show(page: PageContext): Promise<HttpResponseInit> {
  const query = listQuery.parse(Object.fromEntries(page.request.query.entries()));
  if (query.format === "json") return invitationsStatusJson(page, pageSize);
  const user = await partnerUser(page);
  if ("response" in user) return user.response;
  let notice: PageNotice | undefined;
  const services = page.services;
  // The link is a bearer secret for the customer's consent: only those who may create invitations see it again.
  if (query.created && user.isAdmin) {
    const found = await findRelationship(page.services, user.partner.tenantId, query.created);
    const nonce = found?.document.invitation?.nonce;
    if (found && nonce)
      notice = {
        kind: "created",
        created: {
          relationship: found.document,
          invitationLink: invitationLinkFor(services, nonce),
          now: services.clock.now()
        }
      };
  } else if (query.done && query.id) {
    const found = await findRelationship(page.services, user.partner.tenantId, query.id);
    if (found)
      notice = {
        kind: "done",
        action: query.done,
        displayName: found.document.displayName,
        autoExtendOn: isAutoExtendOn(found.document.autoExtendDuration)
      };
  }
  const listPage = skipTokens(services.linkTokenSecret, partnerRelationshipsScope(user.partner.tenantId)).read(
    query.page
  );
  if (!listPage)
    return render(page, user, {
      notice: {
        kind: "refused",
        message: "That page of the list is no longer available; here is the list from the start."
      },
      status: 400
    });
  return render(page, user, { notice, continuation: listPage.continuation });
}

interface RenderOptions {
  readonly notice?: PageNotice;
  readonly values?: InvitationFormValues;
  readonly errors?: readonly FormError[];
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly continuation?: string;
}

async function render(page: PageContext, user: PartnerUser, options: RenderOptions = {}): Promise<HttpResponseInit> {
  const services = page.services;
  // A partner that may not invite (not approved, or suspended) sees why instead of the form.
  const inviteRefusal = invitingRefusal(user.partner);
  const mayInvite = user.isAdmin && !inviteRefusal;
  const [listed, templates] = await Promise.all([
    listPartnerRelationships(services, user.partner.tenantId, { top: pageSize, continuation: options.continuation }),
    mayInvite ? listTemplates(services, user.partner.tenantId) : Promise.resolve([])
  ]);
  const nextPage = skipTokens(services.linkTokenSecret, partnerRelationshipsScope(user.partner.tenantId)).tokenFor(
    listed.continuation
  );
  const body = partnerInvitationsView({
    partnerName: user.partner.profile?.name ?? user.partner.displayName,
    principal: user.session.principal,
    notice: options.notice ?? (inviteRefusal ? { kind: "refused", message: inviteRefusal } : undefined),
    list: {
      relationships: listed.items,
      now: services.clock.now(),
      csrfToken: user.isAdmin ? user.session.csrfToken : undefined,
      nextPageUrl: nextPage ? `${basePath}?page=${encodeURIComponent(nextPage)}` : undefined,
      pollUrl: `${basePath}?format=json`
    },
    // A fresh key per form shown: submitting the same form twice finds the first invitation instead of a second.
    form: mayInvite
      ? {
          templates,
          values: options.values ?? defaultFormValues,
          errors: options.errors ?? [],
          csrfToken: user.session.csrfToken,
          idempotencyKey: randomUUID()
        }
      : undefined
  });
  return page.render({ title: pageTitle, body, nav: "partner", status: options.status, headers: options.headers });
}

async function create(page: PageContext): Promise<HttpResponseInit> {
  const { session, form } = await page.readForm(basePath);
  const user = await partnerUser(page, session);
  if ("response" in user) return user.response;
  if (!user.isAdmin) return adminNeeded(page, session.principal);
  const notAllowed = invitingRefusal(user.partner);
  if (notAllowed) return render(page, user, { notice: { kind: "refused", message: notAllowed }, status: 403 });
  const values = readInvitationForm(form);
  if (field(form, "intent") === "fill") return fillFromTemplate(page, user, values);
  const request = toInvitationRequest(values);
  try {
    const result = await createInvitationFromRequest(page.services, {
      partner: user.partner,
      actor: actorOf(session.principal, "partner"),
      request,
      idempotencyKey: idempotencyKeyOf(form),
      templateId: values.templateId ? values.templateId : undefined
    });
    return redirect(`${basePath}?created=${encodeURIComponent(result.relationship.document.id)}#created`);
  } catch (error) {
    if (error instanceof ValidationError || (error instanceof ConflictError && error.errors.length > 0)) {
      return render(page, user, { values, errors: toFormErrors(error.errors, firstRoleInputId), status: error.status });
    }
    if (error instanceof ConflictError)
      return render(page, user, { values, notice: { kind: "refused", message: error.message }, status: 409 });
    if (error instanceof TooManyRequestsError) return tryAgain(page, user, error, values);
    throw error;
  }
}

/** Without the page script, "Fill in from template" posts the form: it comes back with the template's terms filled in. */
async function fillFromTemplate(
  page: PageContext,
  user: PartnerUser,
  values: InvitationFormValues
): Promise<HttpResponseInit> {
  if (!values.templateId) return render(page, user, { values: { ...values, templateId: "" } });
  let template;
  try {
    template = await resolveTemplate(page.services, user.partner.tenantId, values.templateId);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return render(page, user, { values, errors: toFormErrors(error.errors, firstRoleInputId), status: 400 });
  }
  return render(page, user, { values: valuesFromTemplate(values, template) });
}

async function act(page: PageContext, id: string, actionName: string | undefined): Promise<HttpResponseInit> {
  const { session, form } = await page.readForm(basePath);
  const user = await partnerUser(page, session);
  if ("response" in user) return user.response;
  if (!user.isAdmin) return adminNeeded(page, session.principal);
  const action = partnerActions.find((candidate) => candidate === actionName);
  if (!action || !relationshipId.safeParse(id).success) throw new NotFoundError("There is no such page.");
  const notAllowed = action === "resend" ? invitingRefusal(user.partner) : undefined;
  if (notAllowed) return render(page, user, { notice: { kind: "refused", message: notAllowed }, status: 403 });
  const request: PartnerRequest = {
    partnerTenantId: user.partner.tenantId,
    relationshipId: id,
    actor: actorOf(session.principal, "partner")
  };
  const services = page.services;
  try {
    if (action === "resend") await resendInvitation(services, request);
    else if (action === "cancel") await deleteRelationship(services, request, "api");
    else if (action === "terminate") await requestTermination(services, request, "partner");
    else await updateAutoExtend(services, request, autoExtendDurationOf(form.get("autoExtend") === "on"));
  } catch (error) {
    if (error instanceof TooManyRequestsError) return tryAgain(page, user, error);
    if (error instanceof AppError && !(error instanceof ForbiddenError)) {
      return render(page, user, { notice: { kind: "refused", message: refusal(error) }, status: error.status });
    }
    throw error;
  }
  return redirect(`${basePath}?done=${action}&id=${encodeURIComponent(id)}#row-${encodeURIComponent(id)}`);
}

/** A limit was reached: the page says when to try again, and keeps a filled-in form for that moment. */
function tryAgain(
  page: PageContext,
  user: PartnerUser,
  error: TooManyRequestsError,
  values?: InvitationFormValues
): Promise<HttpResponseInit> {
  return render(page, user, {
    values,
    notice: { kind: "tryAgain", ...tryAgainOf(error) },
    status: error.status,
    headers: retryAfterHeader(error)
  });
}

function refusal(error: AppError): string {
  if (error instanceof PreconditionFailedError)
    return "Nothing was changed: this invitation kept changing while we tried. Check its status below and try again.";
  if (error instanceof NotFoundError) return "Nothing was changed: there is no such invitation.";
  return `Nothing was changed: ${error.message}`;
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
        body: notPartnerView(session.principal, page.switchUserUrl(basePath)),
        status: 403
      })
    };
  }
  return { session, partner, isAdmin: session.principal.appRoles.includes(partnerAdminAppRole) };
}

function adminNeeded(page: PageContext, principal: Principal): Promise<HttpResponseInit> {
  return page.render({
    title: "You need the Partner.Admin role",
    body: adminNeededView(principal, page.switchUserUrl(basePath)),
    nav: "partner",
    status: 403
  });
}

async function findRelationship(
  services: Services,
  partnerTenantId: string,
  id: string
): Promise<VersionedRelationship | undefined> {
  try {
    return await getPartnerRelationship(services, partnerTenantId, id);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

function idempotencyKeyOf(form: URLSearchParams): string | undefined {
  const key = field(form, "idempotencyKey");
  return key && /^[\x21-\x7e]{1,255}$/.test(key) ? key : undefined;
}

/** Named by its hash in the page, so it may be cached for a year. */
function stylesheet(): HttpResponseInit {
  return {
    status: 200,
    headers: {
      ...pageSecurityHeaders,
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=31536000, immutable"
    },
    body: partnerStylesheet
  };
}
