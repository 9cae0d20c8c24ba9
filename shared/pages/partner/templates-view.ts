/**
 * The "Relationship templates" pages as HTML: the partner's templates (terms, groups, edit and delete), a form for a
 * new one (its terms: groups are added once its roles are saved, as each group gets some of them), and the edit form
 * of one template with its security-group rows. Deleting asks first, with no script needed (a `<details>` box).
 */
import { maxTemplateAssignments } from "../../domain/relationship-templates";
import { findRole } from "../../domain/roles";
import { findPartnerType } from "../../domain/partner-types";
import { isAutoExtendOn } from "../../domain/relationship";
import type { StoredTemplate } from "../../templates/template-records";
import { templateEtag } from "../../templates/template-records";
import { csrfFieldName } from "../csrf";
import { durationText } from "../format";
import { html, type SafeHtml } from "../html";
import { textField } from "../text-field";
import type { FormError } from "./invitation-form";
import { formFields } from "./invitation-form";
import { autoExtendField, partnerTypeField, rolePicker } from "./invitation-form-view";
import { partnerStylesheetUrl } from "./partner-styles";
import { blankGroupRows, groupField, type TemplateFormError, type TemplateFormValues } from "./template-form";

export const templatesPath = "/partner/templates";
export const templatesTitle = "Relationship templates";

export type TemplateNotice =
  | { readonly kind: "saved"; readonly name: string }
  | { readonly kind: "deleted" }
  | { readonly kind: "refused"; readonly message: string };

export interface TemplateFormView {
  readonly values: TemplateFormValues;
  readonly errors: readonly TemplateFormError[];
  readonly csrfToken: string;
  /** Editing this template (its saved roles are the group rows' choices); absent for a new one. */
  readonly editing?: StoredTemplate;
}

export interface TemplatesView {
  readonly templates: readonly StoredTemplate[];
  readonly notice?: TemplateNotice;
  /** Present for a Partner.Admin. */
  readonly form?: Omit<TemplateFormView, "editing">;
}

export function templatesView(view: TemplatesView): SafeHtml {
  const csrfToken = view.form?.csrfToken;
  return html`<link rel="stylesheet" href="${partnerStylesheetUrl}">
<h1>${templatesTitle}</h1>
<p class="lead">Save the terms you invite customers on (roles, duration, auto-extend) and the security groups that get roles once a customer approves, then invite from a template on the <a href="/partner/invitations">Invitations</a> page or in <a href="/partner/invitation-batches">bulk</a>. Changing a template later does not change relationships already made from it.</p>
${view.notice && noticeView(view.notice)}
<section aria-labelledby="list-title">
<h2 id="list-title">Your templates</h2>
${view.templates.length === 0 ? html`<p class="muted">No templates yet.</p>` : templateList(view.templates, csrfToken)}
</section>
${
  view.form
    ? html`<section aria-labelledby="new-title" id="new-template"><h2 id="new-title">New template</h2>${templateForm(view.form)}</section>`
    : html`<div class="notice notice--warning"><p>Creating and changing templates needs the <strong>Partner.Admin</strong> app role.</p></div>`
}`;
}

export function editTemplateView(
  form: TemplateFormView & { readonly editing: StoredTemplate },
  notice?: TemplateNotice
): SafeHtml {
  return html`<link rel="stylesheet" href="${partnerStylesheetUrl}">
<p><a href="${templatesPath}">All templates</a></p>
<h1>Template: ${form.editing.displayName}</h1>
${notice && noticeView(notice)}
${templateForm(form)}`;
}

function noticeView(notice: TemplateNotice): SafeHtml {
  if (notice.kind === "refused")
    return html`<div class="notice notice--error" role="alert"><p>${notice.message}</p></div>`;
  if (notice.kind === "deleted")
    return html`<div class="notice notice--success" role="status"><p>The template was deleted. Relationships made from it keep their terms.</p></div>`;
  return html`<div class="notice notice--success" role="status"><p>The template <strong>${notice.name}</strong> was saved.</p></div>`;
}

function templateList(templates: readonly StoredTemplate[], csrfToken: string | undefined): SafeHtml {
  return html`<table class="stack templates">
<caption class="visually-hidden">Your relationship templates by name</caption>
<thead><tr><th scope="col">Template</th><th scope="col">Terms</th><th scope="col">Roles</th><th scope="col">Security groups</th>${csrfToken ? html`<th scope="col">Actions</th>` : ""}</tr></thead>
<tbody>
${templates.map(
  (template) => html`<tr id="template-${template.id}">
<th scope="row" data-label="Template"><span class="relationship-name">${template.displayName}</span></th>
<td data-label="Terms">${findPartnerType(template.partnerType)?.displayName ?? template.partnerType}<span class="muted cell-detail">${durationText(template.duration)}; auto-extend ${isAutoExtendOn(template.autoExtendDuration) ? "on" : "off"}</span></td>
<td data-label="Roles">${roleNames(template.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId))}</td>
<td data-label="Security groups">${template.accessAssignments.length === 0 ? "None" : html`<ul class="compact-list">${template.accessAssignments.map((group) => html`<li>${group.label ?? group.securityGroupId}<span class="muted cell-detail">${roleNames(group.roleDefinitionIds, true)}</span></li>`)}</ul>`}</td>
${
  csrfToken &&
  html`<td data-label="Actions"><div class="row-actions"><a class="button button--secondary row-action" href="${templatesPath}/${template.id}">Edit</a>
<details class="confirm-action"><summary>Delete</summary>
<form method="post" action="${templatesPath}/${template.id}/delete"><input type="hidden" name="${csrfFieldName}" value="${csrfToken}"><input type="hidden" name="version" value="${templateEtag(template)}">
<p>Delete <strong>${template.displayName}</strong>? Relationships already made from it keep their terms.</p>
<button type="submit" class="button--danger">Yes, delete it</button></form></details></div></td>`
}
</tr>
`
)}</tbody>
</table>`;
}

function roleNames(ids: readonly string[], plain = false): SafeHtml | string {
  const names = ids.map((id) => findRole(id)?.displayName ?? id);
  if (plain) return names.join(", ");
  return names.length === 0
    ? "None"
    : html`<ul class="compact-list">${names.map((name) => html`<li>${name}</li>`)}</ul>`;
}

function templateForm(view: TemplateFormView): SafeHtml {
  const { values, errors, editing } = view;
  const termErrors = (field: FormError["field"]) => errors.filter((error): error is FormError => error.field === field);
  return html`<form method="post" action="${editing ? `${templatesPath}/${editing.id}` : templatesPath}" class="form-grid invitation-form template-form" novalidate>
<input type="hidden" name="${csrfFieldName}" value="${view.csrfToken}">
${editing && html`<input type="hidden" name="version" value="${templateEtag(editing)}">`}
${
  errors.length > 0 &&
  html`<div class="notice notice--error error-summary" role="alert" aria-labelledby="template-errors-title" tabindex="-1">
<h2 id="template-errors-title">The template was not saved</h2>
<ul>${errors.map((error) => html`<li><a href="#${error.inputId}">${error.message}</a></li>`)}</ul>
</div>`
}
${textField({ id: formFields.displayName, label: "Template name", hint: "For you: unique among your templates, at most 100 characters.", value: values.displayName, errors: termErrors("displayName"), autocomplete: "off", maxLength: 100 })}
${partnerTypeField(values.partnerType, termErrors("partnerType"))}
${rolePicker(values.roleIds, termErrors("roles"))}
${textField({ id: formFields.durationDays, label: "Duration (days)", hint: "How long the roles last once a customer accepts: 1 to 730 days.", value: values.durationDays, errors: termErrors("durationDays"), inputMode: "numeric", pattern: "[0-9]*", narrow: true })}
${autoExtendField(values.autoExtend, termErrors("autoExtend"))}
${editing ? groupRows(values, errors, editing) : html`<p class="muted">Once the template is saved, you can add the security groups that get some of its roles when a customer approves.</p>`}
<div class="actions"><button type="submit">${editing ? "Save template" : "Create template"}</button>${editing && html`<a href="${templatesPath}">Cancel</a>`}</div>
</form>`;
}

/** The saved groups, then blank rows to add more; each row's role boxes are the template's saved roles. */
function groupRows(
  values: TemplateFormValues,
  errors: readonly TemplateFormError[],
  editing: StoredTemplate
): SafeHtml {
  const lastFilled = values.groups.reduce(
    (last, group, row) => (group.securityGroupId || group.label.trim() || group.roleIds.length > 0 ? row : last),
    -1
  );
  const count = Math.min(maxTemplateAssignments, lastFilled + 1 + blankGroupRows);
  const roles = editing.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId);
  return html`<fieldset class="field group-rows" id="groups">
<legend>Security groups</legend>
<span class="hint">Once a customer approves a relationship made from this template, each group here is given the roles you tick (some of the template's roles, as saved). Leave a row empty to skip it. At most ${maxTemplateAssignments} groups.</span>
${Array.from({ length: count }, (_, row) => {
  const group = values.groups[row] ?? { securityGroupId: "", label: "", roleIds: [] };
  const rowErrors = errors.filter((error) => error.field === `group-${row}`);
  const chosen = new Set(group.roleIds.map((id) => id.toLowerCase()));
  return html`<div class="group-row${rowErrors.length > 0 ? " group-row--invalid" : ""}" role="group" aria-labelledby="${groupField(row, "id")}-title">
<h3 class="role-group" id="${groupField(row, "id")}-title">Security group ${row + 1}</h3>
${rowErrors.length > 0 && html`<span class="error-text">${rowErrors.map((error) => error.message).join(" ")}</span>`}
${textField({ id: groupField(row, "id"), label: "Group object id", hint: "The security group's object id in your tenant (a GUID).", value: group.securityGroupId, errors: [], autocomplete: "off", spellcheck: false })}
${textField({ id: groupField(row, "label"), label: "Label (optional)", hint: "A name for people, such as Tier 1 helpdesk.", value: group.label, errors: [], autocomplete: "off", maxLength: 100 })}
<div class="group-roles"><span class="field-label">Roles</span>
${roles.length === 0 ? html`<p class="muted">This template has no roles to give.</p>` : roles.map((roleId, index) => html`<div class="check"><input type="checkbox" id="${index === 0 ? `${groupField(row, "role")}-first` : `${groupField(row, "role")}-${roleId}`}" name="${groupField(row, "role")}" value="${roleId}"${chosen.has(roleId) ? html` checked` : ""}><label for="${index === 0 ? `${groupField(row, "role")}-first` : `${groupField(row, "role")}-${roleId}`}">${findRole(roleId)?.displayName ?? roleId}</label></div>`)}
</div>
</div>
`;
})}
</fieldset>`;
}
