/**
 * The "Assign a security group" and "Change roles" forms: what the partner typed (kept as typed, so a refused form
 * comes back filled in), what the page itself checks before calling the use case (the shape of each value: a GUID,
 * a label the domain accepts), and how the use case's field errors are said next to the page's own fields.
 */
import { z } from "zod";
import { labelError, maxAssignmentLabelLength } from "../../domain/access-assignments";
import { findRole } from "../../domain/roles";
import type { FieldError } from "../../errors";

export interface AssignmentFormValues {
  readonly securityGroupId: string;
  readonly label: string;
  readonly roleIds: readonly string[];
}

/** The form's field names, also the ids of the inputs an error links to (roles link to their fieldset). */
export const assignmentFields = { securityGroupId: "securityGroupId", label: "label", roles: "role" } as const;
export const rolesFieldsetId = "assignment-roles";

export interface AssignmentFormError {
  readonly inputId: string;
  readonly field: "securityGroupId" | "label" | "roles";
  readonly message: string;
}

const guid = z.guid();
const formSchema = z.object({
  securityGroupId: z.string().max(200).catch(""),
  label: z
    .string()
    .max(maxAssignmentLabelLength * 4)
    .catch(""),
  roleIds: z.array(z.string().max(100)).max(100).catch([])
});

export function readAssignmentForm(form: URLSearchParams): AssignmentFormValues {
  return formSchema.parse({
    securityGroupId: (form.get(assignmentFields.securityGroupId) ?? "").trim(),
    label: form.get(assignmentFields.label) ?? "",
    roleIds: form.getAll(assignmentFields.roles)
  });
}

/** Every problem the page can see by itself, in one go; `withGroup` for the new-assignment form. */
export function formErrors(values: AssignmentFormValues, withGroup: boolean): AssignmentFormError[] {
  const errors: AssignmentFormError[] = [];
  if (withGroup && !guid.safeParse(values.securityGroupId).success) {
    errors.push(
      groupError(
        values.securityGroupId === ""
          ? "Enter the security group's object ID."
          : "Security group object ID must be a GUID such as 00000000-0000-0000-0000-000000000000."
      )
    );
  }
  const label = values.label.trim() === "" ? undefined : labelError(values.label);
  if (label) errors.push({ inputId: assignmentFields.label, field: "label", message: `Label ${label}.` });
  if (values.roleIds.length === 0) errors.push(rolesError("Choose at least one role for the group."));
  else if (values.roleIds.some((id) => !guid.safeParse(id).success))
    errors.push(rolesError("Choose the roles from the list."));
  return errors;
}

/** The use case speaks in the API's JSON paths; the page speaks about its own fields and names roles by name. */
export function toAssignmentFormErrors(
  errors: readonly FieldError[],
  roleIds: readonly string[]
): AssignmentFormError[] {
  return errors.map((error): AssignmentFormError => {
    if (error.field === "label")
      return { inputId: assignmentFields.label, field: "label", message: `Label ${error.message}.` };
    // The API's message names the other assignment's id; on the page that group is right there in the list.
    if (error.field === "accessContainer.accessContainerId") return groupError(groupTaken);
    const index = /^accessDetails\.unifiedRoles\.(\d+)\./.exec(error.field)?.[1];
    if (index === undefined)
      return rolesError(
        error.field.startsWith("accessDetails") ? "Choose at least one role for the group." : error.message
      );
    const roleId = roleIds[Number(index)] ?? "";
    return rolesError(`${findRole(roleId)?.displayName ?? "A role"} ${error.message}.`);
  });
}

const groupTaken =
  "This security group already has an access assignment on this relationship: change its roles in the list of security groups, or remove it there first.";

function groupError(message: string): AssignmentFormError {
  return { inputId: assignmentFields.securityGroupId, field: "securityGroupId", message };
}

function rolesError(message: string): AssignmentFormError {
  return { inputId: rolesFieldsetId, field: "roles", message };
}
