/**
 * "Become a partner" (`/partner/apply`): where the application stands (in review, rejected with the operator's
 * reason, approved, suspended) and the form to apply, update an application in review, or apply again after a
 * rejection. A refused form comes back filled in with every problem named next to its field.
 */
import type { ApplicationResource } from "../../api/onboarding-schemas";
import type { FieldError } from "../../errors";
import { partnerNameMaxLength } from "../../domain/partner-names";
import { timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { textField } from "../text-field";
import { csrfInput, errorSummary, hiddenFields, inputIdOf } from "./form-parts";

export const applyPath = "/partner/apply";
export const applyTitle = "Become a partner";

export interface ApplyFormValues {
  readonly legalName: string;
  readonly partnerId: string;
  readonly verifiedDomain: string;
  readonly contactName: string;
  readonly contactEmail: string;
  readonly contactPhone: string;
  readonly displayName: string;
}

export const emptyApplyForm: ApplyFormValues = {
  legalName: "",
  partnerId: "",
  verifiedDomain: "",
  contactName: "",
  contactEmail: "",
  contactPhone: "",
  displayName: ""
};

const fieldLabels = {
  legalName: "Legal name",
  partnerId: "Microsoft Partner ID",
  verifiedDomain: "Verified domain",
  displayName: "Display name",
  contactName: "Contact name",
  contactEmail: "Contact email",
  contactPhone: "Contact phone"
} as const;

export interface ApplyPage {
  readonly tenantId: string;
  readonly application?: ApplicationResource;
  readonly values: ApplyFormValues;
  readonly errors: readonly FieldError[];
  readonly csrfToken: string;
  /** The application's ETag, sent back so an update cannot overwrite one made meanwhile. */
  readonly etag?: string;
  readonly notice?: string;
}

export function applyView(page: ApplyPage): SafeHtml {
  const { application } = page;
  const showForm = !application || application.status !== "approved";
  return html`<h1>${applyTitle}</h1>
<p class="lead">Partners invite customers into relationships that give them admin roles, so every partner tenant is checked by an operator first. Tell us who you are; we check that the domain is verified in your tenant (<code>${page.tenantId}</code>) and that the Partner ID is yours.</p>
${page.notice && html`<div class="notice notice--success" role="status" data-notice="submitted"><p>${page.notice}</p></div>`}
${application && statusNotice(application)}
${showForm && form(page)}`;
}

function statusNotice(application: ApplicationResource): SafeHtml {
  if (application.partner?.status === "suspended") {
    return html`<div class="notice notice--error" role="status" data-application-status="suspended"><p>Your partner tenant is <strong>suspended</strong> by the operator: it cannot send invitations, and its existing relationships continue.${application.partner.reason && html` Reason: ${application.partner.reason}`}</p></div>`;
  }
  if (application.status === "approved") {
    return html`<div class="notice notice--success" role="status" data-application-status="approved"><p>Your application was <strong>approved</strong> on ${timeElement(application.decision?.decidedDateTime)}. <a href="/partner/invitations">Invite customers</a>.</p></div>`;
  }
  if (application.status === "rejected") {
    return html`<div class="notice notice--error" role="status" data-application-status="rejected"><p>Your application was <strong>rejected</strong> on ${timeElement(application.decision?.decidedDateTime)}. The operator's reason: <span data-field="rejectionReason">${application.decision?.reason ?? "none given"}</span></p><p>Fix what the reason says and apply again below.</p></div>`;
  }
  return html`<div class="notice" role="status" data-application-status="inReview"><p>Your application is <strong>in review</strong> since ${timeElement(application.submittedDateTime)}. You can still change it below.</p></div>`;
}

function form(page: ApplyPage): SafeHtml {
  const { values, errors } = page;
  const errorsOf = (id: string) => errors.filter((error) => inputIdOf(error.field) === id);
  const submit = !page.application
    ? "Apply"
    : page.application.status === "rejected"
      ? "Apply again"
      : "Update application";
  return html`<form method="post" action="${applyPath}" class="form-grid" novalidate>
${csrfInput(page.csrfToken)}
${hiddenFields({ etag: page.etag })}
${errors.length > 0 && errorSummary("The application was not sent", errors, fieldLabels)}
${textField({ id: "legalName", label: fieldLabels.legalName, hint: "Your organisation's registered legal name, as in Partner Center. Customers see it beside your display name.", value: values.legalName, errors: errorsOf("legalName"), autocomplete: "organization", maxLength: 200, required: true })}
${textField({ id: "partnerId", label: fieldLabels.partnerId, hint: "Your Partner ID (formerly MPN ID) from Partner Center: digits only, such as 1234567.", value: values.partnerId, errors: errorsOf("partnerId"), maxLength: 16, required: true })}
${textField({ id: "verifiedDomain", label: fieldLabels.verifiedDomain, hint: "A domain verified in your Microsoft Entra tenant, such as contoso.com. Customers see it beside your name.", value: values.verifiedDomain, errors: errorsOf("verifiedDomain"), maxLength: 253, required: true })}
${textField({ id: "displayName", label: fieldLabels.displayName, hint: `The name customers see first (at most ${partnerNameMaxLength} characters). It must not look like Microsoft's names, a generic name such as "Support", or another partner's name.`, value: values.displayName, errors: errorsOf("displayName"), maxLength: partnerNameMaxLength, required: true })}
${textField({ id: "contactName", label: fieldLabels.contactName, hint: "The person the operator contacts about this application.", value: values.contactName, errors: errorsOf("contactName"), autocomplete: "name", maxLength: 100, required: true })}
${textField({ id: "contactEmail", label: fieldLabels.contactEmail, hint: "", value: values.contactEmail, errors: errorsOf("contactEmail"), type: "email", autocomplete: "email", maxLength: 254, required: true })}
${textField({ id: "contactPhone", label: `${fieldLabels.contactPhone} (optional)`, hint: "With the country code, such as +44 20 7946 0000.", value: values.contactPhone, errors: errorsOf("contactPhone"), type: "tel", autocomplete: "tel", maxLength: 32 })}
<div class="actions"><button type="submit">${submit}</button></div>
</form>`;
}

/** The form filled in from an application, so an update or a new round starts from what was sent. */
export function formValuesOf(application: ApplicationResource): ApplyFormValues {
  return {
    legalName: application.legalName,
    partnerId: application.partnerId,
    verifiedDomain: application.verifiedDomain,
    contactName: application.contact.name,
    contactEmail: application.contact.email,
    contactPhone: application.contact.phone ?? "",
    displayName: application.displayName
  };
}
