/**
 * An access assignment's own pages: "Change roles" (the form, or why it can no longer change) and "Remove this
 * security group?", the confirmation a browser without the script gets instead of the dialog.
 */
import type { AccessAssignmentRecord } from "../../assignments/assignment-records";
import { changeErrors, deleteRefusal } from "../../domain/access-assignments";
import type { StoredRelationship } from "../../relationships/relationship-document";
import { html, type SafeHtml } from "../html";
import { groupCell } from "../views/assignment-parts";
import type { AssignmentFormError, AssignmentFormValues } from "./assignment-form";
import { assignmentFormView } from "./assignment-form-view";
import { removeForm, removeText } from "./assignment-list-view";
import { assignmentPath, partnerRelationshipPath } from "./partner-paths";
import { partnerStylesheetUrl } from "./partner-styles";

export const changeRolesTitle = "Change roles";
export const removeTitle = "Remove this security group?";

export interface ChangeRolesView {
  readonly document: StoredRelationship;
  readonly assignment: AccessAssignmentRecord;
  readonly values: AssignmentFormValues;
  readonly errors: readonly AssignmentFormError[];
  readonly csrfToken: string;
  /** Said above the form: why the last try changed nothing (someone else changed it meanwhile). */
  readonly refusal?: string;
}

export function changeRolesView(view: ChangeRolesView): SafeHtml {
  const { document, assignment } = view;
  const [blocked] = changeErrors(document, assignment, undefined);
  return html`${frame(document, assignment, changeRolesTitle)}
${view.refusal ? html`<div class="notice notice--error" role="alert"><p>${view.refusal}</p></div>` : blocked && html`<div class="notice" role="status"><p>${blocked.message}</p></div>`}
${
  !blocked &&
  assignmentFormView({
    action: assignmentPath(document.id, assignment.id),
    roleIds: document.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
    values: view.values,
    errors: view.errors,
    csrfToken: view.csrfToken,
    withGroup: false,
    version: assignment.version,
    submit: "Save changes",
    errorTitle: "The roles were not changed"
  })
}
<p><a href="${partnerRelationshipPath(document.id)}#assignment-${assignment.id}">Back to ${document.displayName}</a></p>`;
}

export function removeConfirmView(
  document: StoredRelationship,
  assignment: AccessAssignmentRecord,
  csrfToken: string
): SafeHtml {
  const refusal = deleteRefusal(assignment);
  return html`${frame(document, assignment, removeTitle)}
${
  refusal
    ? html`<div class="notice" role="status"><p>${refusal.message}</p></div>
<p><a href="${partnerRelationshipPath(document.id)}#assignment-${assignment.id}">Back to ${document.displayName}</a></p>`
    : html`${removeText(document, assignment, "remove-text")}
${removeForm(document, assignment, csrfToken, false)}`
}`;
}

/** The values the change form starts from: the assignment as it is. */
export function currentValues(assignment: AccessAssignmentRecord): AssignmentFormValues {
  return {
    securityGroupId: assignment.accessContainer.accessContainerId,
    label: assignment.label ?? "",
    roleIds: assignment.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId)
  };
}

function frame(document: StoredRelationship, assignment: AccessAssignmentRecord, title: string): SafeHtml {
  return html`<link rel="stylesheet" href="${partnerStylesheetUrl}">
<p><a href="${partnerRelationshipPath(document.id)}#assignment-${assignment.id}">← ${document.displayName}</a></p>
<h1>${title}</h1>
<dl class="facts">
<dt>Security group</dt><dd class="assignment-group">${groupCell(assignment)}</dd>
<dt>Relationship</dt><dd>${document.displayName}</dd>
</dl>`;
}
