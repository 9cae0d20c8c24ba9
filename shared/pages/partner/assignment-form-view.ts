/**
 * The access assignment forms as HTML: "Assign a security group" on the relationship's page and "Change roles" on an
 * assignment's own page. Roles are offered only from the relationship's current roles, each with what it allows;
 * a refused form comes back filled in with every problem named beside its field and listed above the form.
 */
import { maxAssignmentLabelLength } from "../../domain/access-assignments";
import { findRole } from "../../domain/roles";
import { csrfFieldName } from "../csrf";
import { html, type SafeHtml } from "../html";
import { textField } from "../text-field";
import {
  assignmentFields,
  rolesFieldsetId,
  type AssignmentFormError,
  type AssignmentFormValues
} from "./assignment-form";

export interface AssignmentFormView {
  /** Where the form posts. */
  readonly action: string;
  /** The relationship's current roles: the only ones a group can be given. */
  readonly roleIds: readonly string[];
  readonly values: AssignmentFormValues;
  readonly errors: readonly AssignmentFormError[];
  readonly csrfToken: string;
  /** The new-assignment form asks for the group; the change form shows it instead. */
  readonly withGroup: boolean;
  /** The change form's If-Match: the assignment's version as it was read. */
  readonly version?: number;
  readonly submit: string;
  readonly errorTitle: string;
}

export function assignmentFormView(view: AssignmentFormView): SafeHtml {
  const errorsOf = (field: AssignmentFormError["field"]) => view.errors.filter((error) => error.field === field);
  return html`<form method="post" action="${view.action}" class="form-grid assignment-form" novalidate>
<input type="hidden" name="${csrfFieldName}" value="${view.csrfToken}">
${view.version !== undefined && html`<input type="hidden" name="version" value="${view.version}">`}
${view.errors.length > 0 && errorSummary(view.errorTitle, view.errors)}
${
  view.withGroup &&
  textField({
    id: assignmentFields.securityGroupId,
    label: "Security group object ID",
    hint: "The group's Object ID in your own Microsoft Entra tenant (Microsoft Entra admin center → Groups → the group → Overview). Its members act in the customer's organisation with the roles you give it.",
    value: view.values.securityGroupId,
    errors: errorsOf("securityGroupId"),
    autocomplete: "off",
    spellcheck: false
  })
}
${textField({ id: assignmentFields.label, label: "Label (optional)", hint: `A name for people, such as "Helpdesk tier 1". The customer sees it too. At most ${maxAssignmentLabelLength} characters.`, value: view.values.label, errors: errorsOf("label"), autocomplete: "off", maxLength: maxAssignmentLabelLength })}
${rolePicker(view.roleIds, view.values.roleIds, errorsOf("roles"))}
<div class="actions"><button type="submit">${view.submit}</button></div>
</form>`;
}

function errorSummary(title: string, errors: readonly AssignmentFormError[]): SafeHtml {
  return html`<div class="notice notice--error error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${title}</h2>
<ul>
${errors.map(
  (error) => html`<li><a href="#${error.inputId}">${error.message}</a></li>
`
)}</ul>
</div>`;
}

function rolePicker(
  roleIds: readonly string[],
  chosen: readonly string[],
  errors: readonly AssignmentFormError[]
): SafeHtml {
  const picked = new Set(chosen.map((id) => id.toLowerCase()));
  const invalid = errors.length > 0;
  return html`<fieldset class="field role-picker" id="${rolesFieldsetId}" tabindex="-1" aria-describedby="${rolesFieldsetId}-hint${invalid ? ` ${rolesFieldsetId}-error` : ""}">
<legend>Roles</legend>
<span class="hint" id="${rolesFieldsetId}-hint">Give the group only the roles its members need. These are the roles the customer approved for this relationship.</span>
${invalid && html`<span class="error-text" id="${rolesFieldsetId}-error">${errors.map((error) => error.message).join(" ")}</span>`}
${roleIds.map((id) => roleOption(id, picked.has(id.toLowerCase())))}
</fieldset>`;
}

function roleOption(roleId: string, checked: boolean): SafeHtml {
  const role = findRole(roleId);
  const id = `role-${roleId}`;
  return html`<div class="check role-option">
<input type="checkbox" id="${id}" name="${assignmentFields.roles}" value="${roleId}"${role?.description ? html` aria-describedby="${id}-description"` : ""}${checked ? html` checked` : ""}>
<div class="role-option__text">
<label for="${id}"><span class="role-name">${role?.displayName ?? roleId}</span>${role?.privileged ? html` <span class="tag tag--warning">Privileged role</span>` : ""}</label>
${role?.description && html`<span class="hint" id="${id}-description">${role.description}</span>`}
</div>
</div>
`;
}
