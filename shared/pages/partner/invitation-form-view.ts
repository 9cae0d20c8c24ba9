/**
 * The "New invitation" form as HTML. Each role says what it allows (the catalogue's description); privileged roles
 * carry a warning of their own, and a summary warning appears once any is ticked. Showing the summary and the
 * notes for the chosen partner type is done by the partner stylesheet (`:has()`), so no script is needed; without
 * the stylesheet everything simply shows.
 */
import { textField } from "../text-field";
import { invitationLifetimeDays } from "../../domain/lifecycle";
import { maxDurationDays, minDurationDays } from "../../domain/invitation-rules";
import { partnerTypes } from "../../domain/partner-types";
import { isAutoExtendOn } from "../../domain/relationship";
import { globalAdministratorRoleId, roleCatalogue, type RoleDefinition } from "../../domain/roles";
import { describeRolePolicy } from "../../use-cases/catalogue";
import { csrfFieldName } from "../csrf";
import { html, type SafeHtml } from "../html";
import type { StoredTemplate } from "../../templates/template-records";
import { formFields, type FormError, type InvitationFormValues } from "./invitation-form";

const roleInputId = (roleId: string): string => `role-${roleId}`;
export const firstRoleInputId = roleInputId((orderedRoles()[0] as RoleDefinition).id);

/** A template as the picker offers it: its name, and the terms the page script fills in. */
export type PickableTemplate = Pick<
  StoredTemplate,
  "id" | "displayName" | "partnerType" | "accessDetails" | "durationDays" | "autoExtendDuration" | "accessAssignments"
>;

export interface InvitationFormView {
  /** The partner's templates; the picker shows when there is one. */
  readonly templates: readonly PickableTemplate[];
  readonly values: InvitationFormValues;
  readonly errors: readonly FormError[];
  readonly csrfToken: string;
  /** New for each form shown: a second submit of the same form finds the first invitation. */
  readonly idempotencyKey: string;
}

export function invitationFormView(view: InvitationFormView): SafeHtml {
  const { values, errors } = view;
  const errorOf = (field: FormError["field"]) => errors.filter((error) => error.field === field);
  return html`<form method="post" action="/partner/invitations" class="form-grid invitation-form" novalidate>
<input type="hidden" name="${csrfFieldName}" value="${view.csrfToken}">
<input type="hidden" name="idempotencyKey" value="${view.idempotencyKey}">
${errors.length > 0 && errorSummary(errors)}
${view.templates.length > 0 && templatePicker(view.templates, values.templateId, errorOf("templateId"))}
${textField({ id: formFields.displayName, label: "Relationship name", hint: "The customer sees this name in the email and when they accept. At most 50 characters; unique among your open relationships.", value: values.displayName, errors: errorOf("displayName"), autocomplete: "off", maxLength: 50 })}
${partnerTypeField(values.partnerType, errorOf("partnerType"))}
${textField({ id: formFields.adminEmail, label: "Customer admin email", hint: "We email the invitation link to this address.", value: values.adminEmail, errors: errorOf("adminEmail"), type: "email", autocomplete: "email" })}
${textField({ id: formFields.customerTenantId, label: "Customer tenant ID (optional)", hint: "Only an admin of this Microsoft Entra tenant can accept. Leave empty to let the admin of any tenant accept.", value: values.customerTenantId, errors: errorOf("customerTenantId"), autocomplete: "off", spellcheck: false })}
${rolePicker(values.roleIds, errorOf("roles"))}
${textField({ id: formFields.durationDays, label: "Duration (days)", hint: `How long the admin roles last once the customer accepts: ${minDurationDays} to ${maxDurationDays} days.`, value: values.durationDays, errors: errorOf("durationDays"), inputMode: "numeric", pattern: "[0-9]*", narrow: true })}
${autoExtendField(values.autoExtend, errorOf("autoExtend"))}
<div class="actions"><button type="submit">Create invitation</button></div>
<p class="muted">The invitation link works for ${invitationLifetimeDays} days, until the customer accepts or declines it, or you cancel it.</p>
</form>`;
}

function errorSummary(errors: readonly FormError[]): SafeHtml {
  return html`<div class="notice notice--error error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">The invitation was not created</h2>
<ul>
${errors.map(
  (error) => html`<li><a href="#${error.inputId}">${error.message}</a></li>
`
)}</ul>
</div>`;
}

/**
 * The partner's templates. Choosing one fills in the partner type, roles, duration and auto-extend at once (the page
 * script reads the option's data attributes); without the script, "Fill in from template" posts the form back filled.
 * A relationship made with a template also gets the template's security groups once it is active.
 */
function templatePicker(
  templates: readonly PickableTemplate[],
  selected: string,
  errors: readonly FormError[]
): SafeHtml {
  const id = formFields.templateId;
  const invalid = errors.length > 0;
  return html`<div class="field template-picker">
<label for="${id}">Template</label>
<span class="hint" id="${id}-hint">Start from one of your <a href="/partner/templates">relationship templates</a>: it fills in the terms below, and its security groups get their roles once the customer approves.</span>
${invalid && html`<span class="error-text" id="${id}-error">${errors.map((error) => error.message).join(" ")}</span>`}
<div class="template-picker__row">
<select id="${id}" name="${id}" data-fills-from-template aria-describedby="${id}-hint${invalid ? ` ${id}-error` : ""}"${invalid ? html` aria-invalid="true"` : ""}>
<option value="">No template</option>
${templates.map(
  (
    template
  ) => html`<option value="${template.id}" data-partner-type="${template.partnerType}" data-roles="${template.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId).join(" ")}" data-duration-days="${template.durationDays}" data-auto-extend="${isAutoExtendOn(template.autoExtendDuration) ? "on" : "off"}"${template.id === selected ? html` selected` : ""}>${template.displayName}${template.accessAssignments.length > 0 ? ` (${template.accessAssignments.length} security group${template.accessAssignments.length === 1 ? "" : "s"})` : ""}</option>
`
)}</select>
<button type="submit" name="intent" value="fill" class="button--secondary" data-template-fill>Fill in from template</button>
</div>
</div>`;
}

export function partnerTypeField(selected: string, errors: readonly FormError[]): SafeHtml {
  const invalid = errors.length > 0;
  return html`<div class="field">
<label for="${formFields.partnerType}">Partner type</label>
<span class="hint" id="${formFields.partnerType}-hint">What you will do for the customer; it decides which admin roles the relationship can carry.</span>
${invalid && html`<span class="error-text" id="${formFields.partnerType}-error">${errors.map((error) => error.message).join(" ")}</span>`}
<select id="${formFields.partnerType}" name="${formFields.partnerType}" aria-describedby="${formFields.partnerType}-hint${invalid ? ` ${formFields.partnerType}-error` : ""}"${invalid ? html` aria-invalid="true"` : ""}>
${partnerTypes.map(
  (type) => html`<option value="${type.id}"${type.id === selected ? html` selected` : ""}>${type.displayName}</option>
`
)}</select>
<ul class="type-notes">
${partnerTypes.map(
  (
    type
  ) => html`<li class="type-note" data-type="${type.id}"><strong>${type.displayName}:</strong> ${type.description} <span class="muted">Roles: ${describeRolePolicy(type.rolePolicy).summary}</span></li>
`
)}</ul>
</div>`;
}

/** Least-privileged roles first, so the short path through the list is the safe one. */
function orderedRoles(): RoleDefinition[] {
  return [...roleCatalogue.filter((role) => !role.privileged), ...roleCatalogue.filter((role) => role.privileged)];
}

export function rolePicker(selected: readonly string[], errors: readonly FormError[]): SafeHtml {
  const chosen = new Set(selected.map((id) => id.toLowerCase()));
  const invalid = errors.length > 0;
  const roles = orderedRoles();
  const privileged = roles.filter((role) => role.privileged);
  return html`<fieldset class="field role-picker" id="roles"${invalid ? html` aria-describedby="roles-error"` : ""}>
<legend>Admin roles</legend>
<span class="hint">Ask for the fewest roles that do the job: the customer sees each one before accepting, and you hold them only for the duration below.</span>
${invalid && html`<span class="error-text" id="roles-error">${errors.map((error) => error.message).join(" ")}</span>`}
<h3 class="role-group">Least-privileged roles</h3>
${roles.filter((role) => !role.privileged).map((role) => roleOption(role, chosen.has(role.id)))}
<details class="privileged-roles"${privileged.some((role) => chosen.has(role.id)) ? html` open` : ""}>
<summary>Privileged roles (${privileged.length})</summary>
<p class="hint">These can change security settings, credentials or other admins' access in the customer's organisation.</p>
${privileged.map((role) => roleOption(role, chosen.has(role.id)))}
</details>
</fieldset>
<div class="privileged-summary" aria-live="polite">
<div class="notice notice--warning">
<p><strong>Warning: you picked privileged roles.</strong> With them you could change security settings, credentials or other admins' access in the customer's organisation. Ask only for what the work needs; the customer sees every role before accepting.</p>
<p class="privileged-summary__ga"><strong>Global Administrator</strong> gives full control of the customer's organisation, and a relationship that includes it is never extended automatically.</p>
</div>
</div>`;
}

function roleOption(role: RoleDefinition, checked: boolean): SafeHtml {
  const id = roleInputId(role.id);
  const isGlobalAdministrator = role.id === globalAdministratorRoleId;
  const describedBy = [
    `${id}-description`,
    role.privileged ? `${id}-warning` : "",
    isGlobalAdministrator ? `${id}-ga-warning` : ""
  ]
    .filter(Boolean)
    .join(" ");
  return html`<div class="check role-option${role.privileged ? " role-option--privileged" : ""}">
<input type="checkbox" id="${id}" name="${formFields.roles}" value="${role.id}" aria-describedby="${describedBy}"${checked ? html` checked` : ""}${role.privileged ? html` data-privileged="true"` : ""}${isGlobalAdministrator ? html` data-global-administrator="true"` : ""}>
<div class="role-option__text">
<label for="${id}"><span class="role-name">${role.displayName}</span>${role.privileged ? html` <span class="tag tag--warning" id="${id}-warning">Privileged role</span>` : ""}</label>
<span class="hint" id="${id}-description">${role.description}</span>
${
  isGlobalAdministrator &&
  html`<span class="role-warning" id="${id}-ga-warning">Warning: full control of the customer's organisation. A relationship that includes Global Administrator is never auto-extended.</span>`
}
</div>
</div>
`;
}

export function autoExtendField(checked: boolean, errors: readonly FormError[]): SafeHtml {
  const invalid = errors.length > 0;
  const id = formFields.autoExtend;
  return html`<div class="field">
${invalid && html`<span class="error-text" id="${id}-error">${errors.map((error) => error.message).join(" ")}</span>`}
<div class="check">
<input type="checkbox" id="${id}" name="${id}"${checked ? html` checked` : ""} aria-describedby="${id}-hint${invalid ? ` ${id}-error` : ""}"${invalid ? html` aria-invalid="true"` : ""}>
<div><label for="${id}">Auto-extend by 180 days</label>
<span class="hint" id="${id}-hint">When the duration ends, the relationship continues for another 180 days unless either side ends it. Not available with Global Administrator.</span></div>
</div>
</div>`;
}
