/**
 * The relationship's security groups on the partner's page: group, roles, status (kept current by the script) and
 * when it last changed, with Change roles and Remove for a Partner.Admin. Remove asks first, in a <dialog> with the
 * script and on a confirmation page without it (the button GETs it), as the customer's Remove roles does.
 */
import type { AccessAssignmentRecord } from "../../assignments/assignment-records";
import type { StoredRelationship } from "../../relationships/relationship-document";
import { html, type SafeHtml } from "../html";
import { csrfField } from "../views/relationship-parts";
import {
  assignmentRoleIds,
  assignmentStatusBadge,
  groupCell,
  groupName,
  roleNameList,
  roleNames
} from "../views/assignment-parts";
import { assignmentActions, assignmentNote } from "./assignment-status";
import { timeAgo } from "./invitation-timing";
import { assignmentPath, partnerRelationshipPath } from "./partner-paths";

export interface AssignmentListView {
  readonly document: StoredRelationship;
  readonly now: Date;
  /** Undefined for a reader: no actions. */
  readonly csrfToken?: string;
}

export function assignmentListView(view: AssignmentListView): SafeHtml {
  const assignments = view.document.accessAssignments ?? [];
  if (assignments.length === 0)
    return html`<p class="muted" data-empty="assignments">No security group has been given any of this relationship's roles yet.</p>`;
  return html`<table class="stack assignments">
<caption class="visually-hidden">Security groups and the roles each holds</caption>
<thead><tr><th scope="col">Security group</th><th scope="col">Roles</th><th scope="col">Status</th><th scope="col">Updated</th>${view.csrfToken ? html`<th scope="col">Actions</th>` : ""}</tr></thead>
<tbody>
${assignments.map((assignment) => row(assignment, view))}</tbody>
</table>`;
}

function row(assignment: AccessAssignmentRecord, view: AssignmentListView): SafeHtml {
  const actions = assignmentActions(view.document, assignment);
  return html`<tr id="assignment-${assignment.id}" data-row-id="${assignment.id}" data-status="${assignment.status}">
<th scope="row" data-label="Security group">${groupCell(assignment)}</th>
<td data-label="Roles">${roleNameList(assignmentRoleIds(assignment))}</td>
<td data-label="Status">${assignmentStatusBadge(assignment.status)}
<span class="muted cell-detail" data-field="statusNote" data-hide-when-empty${assignmentNote(assignment) ? "" : html` hidden`}>${assignmentNote(assignment)}</span></td>
<td data-label="Updated"><span data-field="updated">${timeAgo(new Date(assignment.lastModifiedDateTime), view.now)}</span></td>
${
  view.csrfToken &&
  html`<td data-label="Actions"><div class="row-actions">
<a class="button button--secondary row-button" href="${assignmentPath(view.document.id, assignment.id)}" data-action="change"${actions.change ? "" : html` hidden`}>Change roles<span class="visually-hidden"> of ${groupName(assignment)}</span></a>
<form method="get" action="${assignmentPath(view.document.id, assignment.id, "remove")}" data-action="remove"${actions.remove ? "" : html` hidden`}>
<button type="submit" class="button--danger row-button" data-opens-dialog="remove-${assignment.id}-dialog">Remove<span class="visually-hidden"> ${groupName(assignment)}</span></button>
</form>
</div></td>`
}
</tr>
`;
}

/** One confirmation dialog per assignment that can be removed now (a Partner.Admin's page only). */
export function removeDialogs(document: StoredRelationship, csrfToken: string): SafeHtml {
  const removable = (document.accessAssignments ?? []).filter(
    (assignment) => assignmentActions(document, assignment).remove
  );
  return html`${removable.map(
    (
      assignment
    ) => html`<dialog id="remove-${assignment.id}-dialog" aria-labelledby="remove-${assignment.id}-title" aria-describedby="remove-${assignment.id}-text">
<h2 id="remove-${assignment.id}-title">Remove this security group?</h2>
${removeText(document, assignment, `remove-${assignment.id}-text`)}
${removeForm(document, assignment, csrfToken, true)}
</dialog>
`
  )}`;
}

export function removeText(document: StoredRelationship, assignment: AccessAssignmentRecord, id: string): SafeHtml {
  const customer = document.customer.displayName ?? "the customer";
  return html`<p id="${id}">Members of <strong>${groupName(assignment)}</strong> lose ${roleNames(assignmentRoleIds(assignment)).join(", ")} in ${customer}'s organisation at once. The group shows Deleting until the change is applied, then Deleted. You can assign the group again later.</p>`;
}

/** The form that removes it: in the dialog, and on the no-script confirmation page. */
export function removeForm(
  document: StoredRelationship,
  assignment: AccessAssignmentRecord,
  csrfToken: string,
  inDialog: boolean
): SafeHtml {
  return html`<form method="post" action="${assignmentPath(document.id, assignment.id, "remove")}">
${csrfField(csrfToken)}
<div class="actions">
<button type="submit" class="button--danger">Yes, remove</button>
${inDialog ? html`<button type="button" class="button--secondary" data-closes-dialog autofocus>No</button>` : html`<a class="button button--secondary" href="${partnerRelationshipPath(document.id)}#assignment-${assignment.id}">No</a>`}
</div>
</form>`;
}
