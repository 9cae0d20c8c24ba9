/**
 * How both sides' pages show an access assignment: the group (the label its partner wrote, always as text, over the
 * group's object id), its roles by name, and its status in words with Graph's own status in `data-status` (which
 * the script and the browser tests read). Operations' statuses are said here too.
 */
import type { AccessAssignmentRecord, OperationStatus } from "../../assignments/assignment-records";
import { isLive, type AccessAssignmentStatus } from "../../domain/access-assignments";
import { findRole } from "../../domain/roles";
import { html, type SafeHtml } from "../html";

export const assignmentStatusLabels: Record<AccessAssignmentStatus, string> = {
  pending: "Pending",
  active: "Active",
  deleting: "Deleting",
  deleted: "Deleted",
  error: "Error"
};

export const operationStatusLabels: Record<OperationStatus, string> = {
  notStarted: "Not started",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed"
};

/** The assignment's group: its label (if the partner gave one) over the object id, which is what Entra knows it by. */
export function groupCell(assignment: Pick<AccessAssignmentRecord, "label" | "accessContainer">): SafeHtml {
  const id = assignment.accessContainer.accessContainerId;
  return html`${assignment.label ? html`<span class="group-label" data-field="groupLabel">${assignment.label}</span>` : html`<span class="muted">No label</span>`}
<code class="group-id">${id}</code>`;
}

/** The group as one short phrase, for notices and dialogs: "Helpdesk tier 1 (group 1b2c…)". */
export function groupName(assignment: Pick<AccessAssignmentRecord, "label" | "accessContainer">): string {
  const id = assignment.accessContainer.accessContainerId;
  return assignment.label ? `${assignment.label} (group ${id})` : `group ${id}`;
}

export function roleNames(roleIds: readonly string[]): string[] {
  return roleIds.map((id) => findRole(id)?.displayName ?? id);
}

export function assignmentRoleIds(assignment: Pick<AccessAssignmentRecord, "accessDetails">): string[] {
  return assignment.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId);
}

export function roleNameList(roleIds: readonly string[]): SafeHtml {
  return html`<ul class="compact-list">${roleNames(roleIds).map((name) => html`<li>${name}</li>`)}</ul>`;
}

export function assignmentStatusBadge(status: AccessAssignmentStatus): SafeHtml {
  return html`<span class="status" data-field="status" data-status="${status}">${assignmentStatusLabels[status]}</span>`;
}

/** The partner's groups that hold (or are being given, or are losing) some of the relationship's roles. */
export function liveAssignments(assignments: readonly AccessAssignmentRecord[] | undefined): AccessAssignmentRecord[] {
  return (assignments ?? []).filter(isLive);
}
