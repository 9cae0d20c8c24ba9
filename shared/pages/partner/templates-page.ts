/**
 * `/partner/templates`: a partner's relationship templates. GET lists them (with the new-template form for a
 * Partner.Admin); GET `/{id}` is one template's edit form; POST creates, POST `/{id}` saves (If-Match from the form:
 * a template changed meanwhile is a clear "changed meanwhile", never overwritten) and POST `/{id}/delete` deletes.
 * Each calls the same use case as the API, then redirects (303); a refused form comes back filled in, every problem
 * named next to its field.
 */
import type { HttpResponseInit } from "@azure/functions";
import { templateId as templateIdSchema } from "../../api/template-schemas";
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from "../../errors";
import { actorOf, partnerAdminAppRole } from "../../http/callers";
import { unquote } from "../../http/etag";
import type { PartnerRecord } from "../../tenants/tenant-records";
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  replaceTemplate
} from "../../use-cases/relationship-templates";
import { field } from "../forms";
import type { PageContext } from "../page-endpoint";
import { redirect } from "../page-response";
import { routeId } from "../route-id";
import type { PageSession } from "../session";
import { adminNeededView, notPartnerView } from "./partner-invitations-view";
import {
  defaultTemplateValues,
  readTemplateForm,
  toTemplateFormErrors,
  toTemplateRequest,
  valuesOf,
  type TemplateFormError,
  type TemplateFormValues
} from "./template-form";
import { editTemplateView, templatesPath, templatesTitle, templatesView, type TemplateNotice } from "./templates-view";

interface PartnerUser {
  readonly session: PageSession;
  readonly partner: PartnerRecord;
  readonly isAdmin: boolean;
}

export async function partnerTemplatesPage(page: PageContext): Promise<HttpResponseInit> {
  const { id, action } = page.request.params;
  if (page.request.method !== "POST") {
    if (action) return redirect(templatesPath);
    return id ? edit(page, routeId(page.request, "id", templateIdSchema)) : list(page);
  }
  if (!id) return create(page);
  const templateId = routeId(page.request, "id", templateIdSchema);
  if (action === "delete") return remove(page, templateId);
  if (action) throw new NotFoundError("There is no such page.");
  return save(page, templateId);
}

interface ListOptions {
  readonly values?: TemplateFormValues;
  readonly errors?: readonly TemplateFormError[];
  readonly notice?: TemplateNotice;
  readonly status?: number;
}

async function list(page: PageContext, options: ListOptions = {}, known?: PageSession): Promise<HttpResponseInit> {
  const user = await partnerUser(page, known);
  if ("response" in user) return user.response;
  const templates = await listTemplates(page.services, user.partner.tenantId);
  const saved = page.request.query.get("saved");
  const deleted = page.request.query.get("deleted");
  // Names come from the store, never from the query string: a link cannot make the page say something else.
  const notice =
    options.notice ??
    (saved
      ? savedNotice(templates.find((template) => template.id === saved)?.displayName)
      : deleted
        ? { kind: "deleted" as const }
        : undefined);
  const body = templatesView({
    templates,
    notice,
    form: user.isAdmin
      ? {
          values: options.values ?? defaultTemplateValues,
          errors: options.errors ?? [],
          csrfToken: user.session.csrfToken
        }
      : undefined
  });
  return page.render({ title: templatesTitle, body, nav: "partner", status: options.status });
}

async function edit(
  page: PageContext,
  id: string,
  options: ListOptions = {},
  known?: PageSession
): Promise<HttpResponseInit> {
  const user = await partnerUser(page, known);
  if ("response" in user) return user.response;
  if (!user.isAdmin) return adminNeeded(page, user);
  const { document } = await getTemplate(page.services, user.partner.tenantId, id);
  const notice =
    options.notice ??
    (page.request.query.get("created") ? { kind: "saved" as const, name: document.displayName } : undefined);
  const body = editTemplateView(
    {
      values: options.values ?? valuesOf(document),
      errors: options.errors ?? [],
      csrfToken: user.session.csrfToken,
      editing: document
    },
    notice
  );
  return page.render({ title: `Template: ${document.displayName}`, body, nav: "partner", status: options.status });
}

async function create(page: PageContext): Promise<HttpResponseInit> {
  const posted = await adminForm(page, templatesPath);
  if ("response" in posted) return posted.response;
  const { session, form, user } = posted;
  const values = readTemplateForm(form);
  const { request, groupRows } = toTemplateRequest(values);
  try {
    const { document } = await createTemplate(page.services, {
      partnerTenantId: user.partner.tenantId,
      actor: actorOf(session.principal, "partner"),
      request
    });
    return redirect(`${templatesPath}/${encodeURIComponent(document.id)}?created=1`);
  } catch (error) {
    const refused = refusal(error, groupRows);
    if (!refused) throw error;
    return list(page, { values, ...refused }, session);
  }
}

async function save(page: PageContext, id: string): Promise<HttpResponseInit> {
  const posted = await adminForm(page, `${templatesPath}/${id}`);
  if ("response" in posted) return posted.response;
  const { session, form, user } = posted;
  const values = readTemplateForm(form);
  const { request, groupRows } = toTemplateRequest(values);
  try {
    const { document } = await replaceTemplate(page.services, {
      partnerTenantId: user.partner.tenantId,
      id,
      ifMatch: versionOf(form),
      actor: actorOf(session.principal, "partner"),
      request
    });
    return redirect(
      `${templatesPath}?saved=${encodeURIComponent(document.id)}#template-${encodeURIComponent(document.id)}`
    );
  } catch (error) {
    if (error instanceof PreconditionFailedError)
      return edit(
        page,
        id,
        {
          notice: {
            kind: "refused",
            message:
              "Someone changed this template while you were editing it; here it is as it is now. Make your change again."
          },
          status: 412
        },
        session
      );
    const refused = refusal(error, groupRows);
    if (!refused) throw error;
    return edit(page, id, { values, ...refused }, session);
  }
}

async function remove(page: PageContext, id: string): Promise<HttpResponseInit> {
  const posted = await adminForm(page, templatesPath);
  if ("response" in posted) return posted.response;
  const { session, form, user } = posted;
  const services = page.services;
  try {
    await deleteTemplate(services, {
      partnerTenantId: user.partner.tenantId,
      id,
      ifMatch: versionOf(form),
      actor: actorOf(session.principal, "partner")
    });
    return redirect(`${templatesPath}?deleted=1`);
  } catch (error) {
    if (error instanceof PreconditionFailedError)
      return list(
        page,
        {
          notice: {
            kind: "refused",
            message: "Nothing was deleted: the template changed since the page was shown. Check it below and try again."
          },
          status: 412
        },
        session
      );
    if (error instanceof NotFoundError)
      return list(
        page,
        { notice: { kind: "refused", message: "Nothing was deleted: there is no such template." }, status: 404 },
        session
      );
    throw error;
  }
}

/** A form the rules refused: its errors next to the fields (400), or a name already taken (409). */
function refusal(
  error: unknown,
  groupRows: readonly number[]
): Pick<ListOptions, "errors" | "notice" | "status"> | undefined {
  if (error instanceof ValidationError) return { errors: toTemplateFormErrors(error.errors, groupRows), status: 400 };
  if (error instanceof ConflictError && error.errors.length > 0)
    return { errors: toTemplateFormErrors(error.errors, groupRows), status: 409 };
  if (error instanceof ConflictError) return { notice: { kind: "refused", message: error.message }, status: 409 };
  return undefined;
}

/** The version the form was shown with (`v3`); a form without one changes nothing it has not seen. */
function versionOf(form: URLSearchParams): string {
  const version = field(form, "version");
  return version && /^v\d{1,9}$/.test(unquote(version)) ? unquote(version) : "v0";
}

function savedNotice(name: string | undefined): TemplateNotice | undefined {
  return name ? { kind: "saved", name } : undefined;
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
        body: notPartnerView(session.principal, page.switchUserUrl(templatesPath)),
        status: 403
      })
    };
  }
  return { session, partner, isAdmin: session.principal.appRoles.includes(partnerAdminAppRole) };
}

/** A posted form (CSRF-checked) from a partner user with Partner.Admin, or the page that says why not. */
async function adminForm(
  page: PageContext,
  returnTo: string
): Promise<{ session: PageSession; form: URLSearchParams; user: PartnerUser } | { response: HttpResponseInit }> {
  const { session, form } = await page.readForm(returnTo);
  const user = await partnerUser(page, session);
  if ("response" in user) return user;
  if (!user.isAdmin) return { response: await adminNeeded(page, user) };
  return { session, form, user };
}

function adminNeeded(page: PageContext, user: PartnerUser): Promise<HttpResponseInit> {
  return page.render({
    title: "You need the Partner.Admin role",
    body: adminNeededView(user.session.principal, page.switchUserUrl(templatesPath)),
    nav: "partner",
    status: 403
  });
}
