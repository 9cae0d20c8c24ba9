/**
 * The relationship template form: what the partner typed (kept as typed, so a refused form comes back filled in),
 * how it becomes the API's TemplateRequest, and how the rules' field errors are said next to the fields. The terms
 * use the invitation form's own fields (partner type, role picker, days, auto-extend); each security group is a row
 * of its own (`group-<n>-id`, `-label`, `-role`), whose role boxes are the template's saved roles.
 */
import { z } from "zod";
import { findPartnerType } from "../../domain/partner-types";
import { autoExtendDurationOf, isAutoExtendOn } from "../../domain/relationship";
import { maxTemplateAssignments, type TemplateRequest } from "../../domain/relationship-templates";
import { findRole } from "../../domain/roles";
import type { FieldError } from "../../errors";
import type { StoredTemplate } from "../../templates/template-records";
import { formFields, type FormError } from "./invitation-form";
import { firstRoleInputId } from "./invitation-form-view";

export interface GroupRowValues {
  readonly securityGroupId: string;
  readonly label: string;
  readonly roleIds: readonly string[];
}

export interface TemplateFormValues {
  readonly displayName: string;
  readonly partnerType: string;
  readonly roleIds: readonly string[];
  readonly durationDays: string;
  readonly autoExtend: boolean;
  readonly groups: readonly GroupRowValues[];
}

/** Group rows a form shows beyond the ones saved: room to add two at a time. */
export const blankGroupRows = 2;

export const defaultTemplateValues: TemplateFormValues = {
  displayName: "",
  partnerType: "partnerWithGdap",
  roleIds: [],
  durationDays: "365",
  autoExtend: false,
  groups: []
};

export const groupField = (row: number, part: "id" | "label" | "role"): string => `group-${row}-${part}`;

const text = (max: number) => z.string().max(max).catch("");
const ids = z.array(z.string().max(100)).max(100).catch([]);
const formSchema = z.object({
  displayName: text(500),
  partnerType: text(100),
  durationDays: text(20),
  roleIds: ids,
  autoExtend: z.boolean(),
  groups: z.array(z.object({ securityGroupId: text(100), label: text(500), roleIds: ids }))
});

export function readTemplateForm(form: URLSearchParams): TemplateFormValues {
  const groups = Array.from({ length: maxTemplateAssignments + blankGroupRows }, (_, row) => ({
    securityGroupId: (form.get(groupField(row, "id")) ?? "").trim(),
    label: form.get(groupField(row, "label")) ?? "",
    roleIds: form.getAll(groupField(row, "role"))
  }));
  return formSchema.parse({
    displayName: form.get(formFields.displayName) ?? "",
    partnerType: form.get(formFields.partnerType) ?? "",
    durationDays: (form.get(formFields.durationDays) ?? "").trim(),
    roleIds: form.getAll(formFields.roles),
    autoExtend: form.get(formFields.autoExtend) === "on",
    // A row left empty is no group; its position stays, so errors point at the row the partner filled in.
    groups
  });
}

export function valuesOf(template: StoredTemplate): TemplateFormValues {
  return {
    displayName: template.displayName,
    partnerType: template.partnerType,
    roleIds: template.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
    durationDays: String(template.durationDays),
    autoExtend: isAutoExtendOn(template.autoExtendDuration),
    groups: template.accessAssignments.map((assignment) => ({
      securityGroupId: assignment.securityGroupId,
      label: assignment.label ?? "",
      roleIds: assignment.roleDefinitionIds
    }))
  };
}

/** The request the API would get, and which form row each of its group assignments came from. */
export function toTemplateRequest(values: TemplateFormValues): { request: TemplateRequest; groupRows: number[] } {
  const policy = findPartnerType(values.partnerType)?.rolePolicy.kind;
  const choosesRoles = policy === "anyCatalogueRole" || policy === "gdapEligible";
  const duration = /^\d{1,4}$/.test(values.durationDays)
    ? `P${Number(values.durationDays)}D`
    : values.durationDays === ""
      ? undefined
      : "not-a-number-of-days";
  const groupRows = values.groups.flatMap((group, row) => (group.securityGroupId ? [row] : []));
  return {
    groupRows,
    request: {
      displayName: values.displayName,
      partnerType: values.partnerType,
      ...(choosesRoles
        ? { accessDetails: { unifiedRoles: values.roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) } }
        : {}),
      ...(duration ? { duration } : {}),
      autoExtendDuration: autoExtendDurationOf(values.autoExtend),
      accessAssignments: groupRows.map((row) => {
        const group = values.groups[row] as GroupRowValues;
        return {
          accessContainer: { accessContainerId: group.securityGroupId },
          accessDetails: { unifiedRoles: group.roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
          ...(group.label.trim() ? { label: group.label } : {})
        };
      })
    }
  };
}

/** A field error of the template form: the invitation form's fields, or a group row's (`field` is then `group-<n>`). */
export type TemplateFormError =
  FormError | { readonly inputId: string; readonly field: `group-${number}`; readonly message: string };

const termLabels: Record<string, [FormError["field"], string, string]> = {
  displayName: ["displayName", formFields.displayName, "Template name"],
  partnerType: ["partnerType", formFields.partnerType, "Partner type"],
  duration: ["durationDays", formFields.durationDays, "Duration"],
  autoExtendDuration: ["autoExtend", formFields.autoExtend, "Auto-extend"]
};

export function toTemplateFormErrors(errors: readonly FieldError[], groupRows: readonly number[]): TemplateFormError[] {
  return errors.map((error): TemplateFormError => {
    const group = /^accessAssignments\.(\d+)\.(.+)$/.exec(error.field);
    if (group) {
      const row = groupRows[Number(group[1])] ?? 0;
      const part = group[2] as string;
      const inputId = part.startsWith("accessDetails")
        ? `${groupField(row, "role")}-first`
        : part === "label"
          ? groupField(row, "label")
          : groupField(row, "id");
      const what = part.startsWith("accessDetails") ? "roles" : part === "label" ? "label" : "group object id";
      return {
        inputId,
        field: `group-${row}`,
        message: `Security group ${row + 1}, ${what}: ${roleNamed(error.message)}`
      };
    }
    if (error.field === "accessAssignments")
      return { inputId: groupField(0, "id"), field: "group-0", message: `Security groups ${error.message}` };
    if (error.field.startsWith("accessDetails"))
      return { inputId: firstRoleInputId, field: "roles", message: roleNamed(error.message) };
    const [field, inputId, label] = termLabels[error.field] ?? ["form", formFields.displayName, "The template"];
    if (field === "durationDays")
      return { inputId, field, message: "Enter the number of days, a whole number from 1 to 730." };
    return { inputId, field, message: `${label} ${error.message}` };
  });
}

/** Role ids in a message, said as the role's name. */
function roleNamed(message: string): string {
  return message.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
    (id) => findRole(id)?.displayName ?? id
  );
}
