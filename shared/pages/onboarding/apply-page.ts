/**
 * `/partner/apply`: GET shows the tenant's application and the form; POST submits it through the same use case as
 * `POST /api/partner-application`, as the signed-in user, then redirects (303) back, so a reload never re-submits.
 * Only a tenant admin (Global Administrator, or the Partner.Admin app role) may apply; others are told which role
 * is needed.
 */
import type { HttpResponseInit } from "@azure/functions";
import { applicationBody, type ApplicationBody, type ApplicationResource } from "../../api/onboarding-schemas";
import type { Principal } from "../../auth/principal";
import type { Services } from "../../services";
import { globalAdministratorRoleId } from "../../domain/roles";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
  type FieldError
} from "../../errors";
import { mayApply } from "../../http/callers";
import { parseWith } from "../../http/json-body";
import { getOwnApplication, submitApplication, toApplicationResource } from "../../use-cases/partner-application";
import type { PageContext } from "../page-endpoint";
import { redirect } from "../page-response";
import { html } from "../html";
import { applyPath, applyTitle, applyView, emptyApplyForm, formValuesOf, type ApplyFormValues } from "./apply-view";

export async function partnerApplyPage(page: PageContext): Promise<HttpResponseInit> {
  if (page.request.method === "POST") return submit(page);
  const session = await page.requireSession();
  requireApplicant(session.principal);
  const current = await readApplication(page.services, session.principal.tenantId);
  if (current?.registeredWithout) return alreadyPartner(page);
  const submitted = page.request.query.get("submitted") === "1";
  return show(page, session.principal, session.csrfToken, current, {
    values: current?.application ? formValuesOf(current.application) : emptyApplyForm,
    notice: submitted
      ? "Thank you: your application is in review. We will check it and decide soon; this page shows the decision."
      : undefined
  });
}

interface ShowOptions {
  readonly values: ApplyFormValues;
  readonly errors?: readonly FieldError[];
  readonly notice?: string;
  readonly status?: number;
}

type CurrentApplication = Awaited<ReturnType<typeof readApplication>>;

function show(
  page: PageContext,
  principal: Principal,
  csrfToken: string,
  current: CurrentApplication,
  options: ShowOptions
): Promise<HttpResponseInit> {
  const body = applyView({
    tenantId: principal.tenantId,
    application: current?.application,
    etag: current?.etag,
    values: options.values,
    errors: options.errors ?? [],
    csrfToken,
    notice: options.notice
  });
  return page.render({ title: applyTitle, body, status: options.status });
}

async function submit(page: PageContext): Promise<HttpResponseInit> {
  const { session, form } = await page.readForm(applyPath);
  requireApplicant(session.principal);
  const values = readApplyForm(form);
  try {
    const body = parseForm({
      legalName: values.legalName,
      partnerId: values.partnerId,
      verifiedDomain: values.verifiedDomain,
      contact: {
        name: values.contactName,
        email: values.contactEmail,
        ...(values.contactPhone ? { phone: values.contactPhone } : {})
      },
      displayName: values.displayName
    });
    const etag = form.get("etag") || undefined;
    await submitApplication(page.services, { applicant: session.principal, body, ifMatch: etag });
  } catch (error) {
    const refused = refusedFields(error);
    if (!refused) throw error;
    const current = await readApplication(page.services, session.principal.tenantId);
    return show(page, session.principal, session.csrfToken, current, {
      values,
      errors: refused.errors,
      status: refused.status
    });
  }
  return redirect(`${applyPath}?submitted=1`);
}

/** The API's schema, with its terse messages said as a person filling in the form would want them. */
function parseForm(input: unknown): ApplicationBody {
  try {
    return parseWith(applicationBody, input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.errors.map((problem) => ({ field: problem.field, message: plainMessage(problem, input) }))
    );
  }
}

function plainMessage(problem: FieldError, input: unknown): string {
  const value = problem.field
    .split(".")
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], input);
  if (typeof value !== "string" || value.trim() === "") return "is required.";
  if (problem.field === "contact.email") return "must be an email address such as ada@contoso.com.";
  return "is too long.";
}

/** What to say next to the form when the use case refused it, or undefined for anything else. */
function refusedFields(error: unknown): { errors: readonly FieldError[]; status: number } | undefined {
  if (error instanceof ValidationError || (error instanceof ConflictError && error.errors.length > 0))
    return { errors: error.errors, status: error.status };
  if (error instanceof ConflictError || error instanceof PreconditionFailedError)
    return { errors: [{ field: "body", message: error.message }], status: error.status };
  return undefined;
}

function readApplyForm(form: URLSearchParams): ApplyFormValues {
  const read = (name: keyof ApplyFormValues) => (form.get(name) ?? "").slice(0, 1000);
  return {
    legalName: read("legalName"),
    partnerId: read("partnerId"),
    verifiedDomain: read("verifiedDomain"),
    contactName: read("contactName"),
    contactEmail: read("contactEmail"),
    contactPhone: read("contactPhone"),
    displayName: read("displayName")
  };
}

function requireApplicant(principal: Principal): void {
  if (!mayApply(principal)) {
    throw new ForbiddenError(
      "Applying to become a partner needs a Global Administrator of your tenant, or the Partner.Admin app role.",
      {
        id: globalAdministratorRoleId,
        displayName: "Global Administrator"
      }
    );
  }
}

/** The application as the applicant sees it; `registeredWithout` for a partner registered without one (demo data). */
async function readApplication(
  services: Services,
  tenantId: string
): Promise<{ application?: ApplicationResource; etag?: string; registeredWithout?: boolean } | undefined> {
  try {
    const { application, partner } = await getOwnApplication(services, tenantId);
    return { application: toApplicationResource(application.document, partner), etag: application.etag };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const partner = await services.tenants.getPartner(tenantId.toLowerCase());
    return partner?.status ? { registeredWithout: true } : undefined;
  }
}

function alreadyPartner(page: PageContext): Promise<HttpResponseInit> {
  return page.render({
    title: applyTitle,
    body: html`<h1>${applyTitle}</h1>
<div class="notice notice--success" role="status" data-application-status="approved"><p>Your tenant is already a registered partner. <a href="/partner/invitations">Invite customers</a>.</p></div>`
  });
}
