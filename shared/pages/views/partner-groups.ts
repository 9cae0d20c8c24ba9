/**
 * On the customer's relationship page: which of the partner's security groups hold which of the relationship's
 * roles. The label is the partner's own text, shown as text and said to be the partner's; the group's object id
 * is what the partner's directory knows it by. The script keeps each group's status current.
 */
import {
  assignmentStatusLabels,
  assignmentRoleIds,
  assignmentStatusBadge,
  groupCell,
  liveAssignments,
  roleNameList
} from "./assignment-parts";
import { assignableStatuses } from "../../domain/access-assignments";
import type { CustomerRelationship } from "../../use-cases/customer-relationships";
import { html, type SafeHtml } from "../html";

export function partnerGroupsView(document: CustomerRelationship): SafeHtml | undefined {
  const groups = liveAssignments(document.accessAssignments);
  // Before the roles are active no group can hold them; after Remove roles the section stays while groups are removed.
  const rolesGiven = assignableStatuses.includes(document.status) && document.accessDetails.unifiedRoles.length > 0;
  if (groups.length === 0 && !rolesGiven) return undefined;
  const partner = document.partner.displayName;
  return html`<section id="partner-groups" aria-labelledby="partner-groups-title">
<h2 id="partner-groups-title">The partner's security groups</h2>
${
  groups.length === 0
    ? html`<p class="muted">${partner} has not given any of its security groups these roles yet.</p>`
    : html`<p>People at <strong>${partner}</strong> use these roles through the partner's own security groups: each group holds only the roles listed beside it. Labels are the partner's own names for its groups.</p>
<table class="stack security-groups">
<caption class="visually-hidden">The partner's security groups and the roles each holds</caption>
<thead><tr><th scope="col">Security group (the partner's label)</th><th scope="col">Roles</th><th scope="col">Status</th></tr></thead>
<tbody>
${groups.map(
  (assignment) => html`<tr data-row-id="${assignment.id}" data-status="${assignment.status}">
<th scope="row" data-label="Security group">${groupCell(assignment)}</th>
<td data-label="Roles">${roleNameList(assignmentRoleIds(assignment))}</td>
<td data-label="Status">${assignmentStatusBadge(assignment.status)}</td>
</tr>
`
)}</tbody>
</table>`
}
</section>`;
}

/** Each group's status for the script, so a group being removed reads Deleting, then Deleted, without a reload. */
export function partnerGroupRows(document: CustomerRelationship): Record<string, unknown>[] {
  return (document.accessAssignments ?? []).map((assignment) => ({
    id: assignment.id,
    status: assignment.status,
    statusLabel: assignmentStatusLabels[assignment.status]
  }));
}
