/**
 * The "New invitation" form: what the partner typed (kept as typed, so a refused form comes back filled in), how
 * it becomes the API's InvitationRequest, and how the rules' field errors are said next to the fields.
 */
import { z } from "zod";
import type { FieldError } from "../../errors";
import { findPartnerType } from "../../domain/partner-types";
import { autoExtendDurationOf, isAutoExtendOn, type InvitationRequest } from "../../domain/relationship";
import type { StoredTemplate } from "../../templates/template-records";

export interface InvitationFormValues {
  /** The template picked ("" for none): its terms must be the form's (invite-from-template.ts). */
  readonly templateId: string;
  readonly displayName: string;
  readonly partnerType: string;
  readonly adminEmail: string;
  readonly customerTenantId: string;
  readonly roleIds: readonly string[];
  readonly durationDays: string;
  readonly autoExtend: boolean;
}

export const defaultFormValues: InvitationFormValues = {
  templateId: "",
  displayName: "",
  partnerType: "partnerWithGdap",
  adminEmail: "",
  customerTenantId: "",
  roleIds: [],
  durationDays: "365",
  autoExtend: false
};

/** The form's field names, also the ids of the inputs an error links to. */
export const formFields = {
  templateId: "templateId",
  displayName: "displayName",
  partnerType: "partnerType",
  adminEmail: "adminEmail",
  customerTenantId: "customerTenantId",
  roles: "role",
  durationDays: "durationDays",
  autoExtend: "autoExtend"
} as const;

const text = (max: number) => z.string().max(max).catch("");

const formSchema = z.object({
  templateId: text(100),
  displayName: text(500),
  partnerType: text(100),
  adminEmail: text(500),
  customerTenantId: text(100),
  durationDays: text(20),
  roleIds: z.array(z.string().max(100)).max(100).catch([]),
  autoExtend: z.boolean()
});

export function readInvitationForm(form: URLSearchParams): InvitationFormValues {
  return formSchema.parse({
    templateId: (form.get(formFields.templateId) ?? "").trim(),
    displayName: form.get(formFields.displayName) ?? "",
    partnerType: form.get(formFields.partnerType) ?? "",
    adminEmail: form.get(formFields.adminEmail) ?? "",
    customerTenantId: (form.get(formFields.customerTenantId) ?? "").trim(),
    durationDays: (form.get(formFields.durationDays) ?? "").trim(),
    roleIds: form.getAll(formFields.roles),
    autoExtend: form.get(formFields.autoExtend) === "on"
  });
}

/**
 * The request the API would get. Roles are sent only for the types that let the partner choose them: an advisor
 * always gets its fixed pair, and the other types carry none (the form hides the role picker for them). Days that
 * are not a number go on as a duration the rules refuse, so every problem is reported in one go.
 */
export function toInvitationRequest(values: InvitationFormValues): InvitationRequest {
  const policy = findPartnerType(values.partnerType)?.rolePolicy.kind;
  const choosesRoles = policy === "anyCatalogueRole" || policy === "gdapEligible";
  const duration = /^\d{1,4}$/.test(values.durationDays)
    ? `P${Number(values.durationDays)}D`
    : values.durationDays === ""
      ? undefined
      : "not-a-number-of-days";
  return {
    partnerType: values.partnerType,
    displayName: values.displayName,
    customer: values.customerTenantId
      ? { adminEmail: values.adminEmail, tenantId: values.customerTenantId }
      : { adminEmail: values.adminEmail },
    ...(choosesRoles
      ? { accessDetails: { unifiedRoles: values.roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) } }
      : {}),
    ...(duration ? { duration } : {}),
    autoExtendDuration: autoExtendDurationOf(values.autoExtend)
  };
}

const durationMessage = "Enter the number of days, a whole number from 1 to 730.";

export interface FormError {
  /** The input the error summary links to. */
  readonly inputId: string;
  /** The field whose message it is (`roles` for every role entry). */
  readonly field: keyof typeof formFields | "form";
  readonly message: string;
}

const labels: Record<keyof typeof formFields, string> = {
  templateId: "Template",
  displayName: "Relationship name",
  partnerType: "Partner type",
  adminEmail: "Customer admin email",
  customerTenantId: "Customer tenant ID",
  roles: "Admin roles",
  durationDays: "Duration",
  autoExtend: "Auto-extend"
};

/** The form filled in from a template (the "Fill in from template" button, and what the page script does at once). */
export function valuesFromTemplate(
  values: InvitationFormValues,
  template: Pick<StoredTemplate, "id" | "partnerType" | "accessDetails" | "durationDays" | "autoExtendDuration">
): InvitationFormValues {
  return {
    ...values,
    templateId: template.id,
    partnerType: template.partnerType,
    roleIds: template.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
    durationDays: String(template.durationDays),
    autoExtend: isAutoExtendOn(template.autoExtendDuration)
  };
}

/** The rules speak in the API's JSON paths; the page speaks about its own fields. */
export function toFormErrors(errors: readonly FieldError[], firstRoleInputId: string): FormError[] {
  return errors.map((error): FormError => {
    const field = formFieldOf(error.field);
    if (field === "form") return { inputId: formFields.displayName, field, message: error.message };
    const inputId = field === "roles" ? firstRoleInputId : formFields[field];
    return { inputId, field, message: sentence(field, error.message) };
  });
}

function formFieldOf(path: string): FormError["field"] {
  if (path === "templateId") return "templateId";
  if (path === "displayName") return "displayName";
  if (path === "partnerType") return "partnerType";
  if (path === "customer.adminEmail") return "adminEmail";
  if (path === "customer.tenantId") return "customerTenantId";
  if (path === "duration") return "durationDays";
  if (path === "autoExtendDuration") return "autoExtend";
  if (path.startsWith("accessDetails")) return "roles";
  return "form";
}

function sentence(field: keyof typeof formFields, message: string): string {
  if (message.startsWith("must be the template's"))
    return `${labels[field]} must be as the template says, as "Fill in from template" sets it. To invite on other terms, choose "No template".`;
  if (field === "templateId") return 'Choose a template from the list, or "No template".';
  if (field === "durationDays") return durationMessage;
  if (field === "autoExtend") {
    return message.includes("Global Administrator")
      ? "Turn auto-extend off: a relationship that includes Global Administrator is never extended automatically."
      : "Auto-extend can only add 180 days at a time.";
  }
  if (field === "customerTenantId")
    return "Customer tenant ID must be a GUID such as 00000000-0000-0000-0000-000000000000, or be left empty so any customer tenant can accept.";
  if (field === "partnerType") return "Choose a partner type from the list.";
  // The rules' field messages continue a sentence ("is required."); role messages are whole sentences.
  return /^[a-z]/.test(message) ? `${labels[field]} ${message}` : message;
}
