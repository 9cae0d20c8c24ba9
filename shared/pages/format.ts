/** How the pages say statuses, dates and durations to a person. Dates are shown in UTC, as the API stores them. */
import { addDays, parseDurationDays } from "../domain/iso-duration";
import { autoExtensionDays, isAutoExtendOn, type RelationshipStatus } from "../domain/relationship";
import { html, type SafeHtml } from "./html";

export const statusLabels: Record<RelationshipStatus, string> = {
  created: "Draft (not sent)",
  approvalPending: "Waiting for acceptance",
  approved: "Accepted",
  activating: "Activating",
  active: "Active",
  expiring: "Expiring soon",
  expired: "Expired",
  terminationRequested: "Termination requested",
  terminating: "Terminating",
  terminated: "Terminated",
  declined: "Declined",
  cancelled: "Cancelled"
};

export function statusLabel(status: string): string {
  return statusLabels[status as RelationshipStatus] ?? status;
}

/** The status as text with `data-status`, which the script and the browser tests read. */
export function statusBadge(status: string): SafeHtml {
  return html`<span class="status" data-field="status" data-status="${status}">${statusLabel(status)}</span>`;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC"
});
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short"
});

export function formatDate(value: string | Date | undefined): string {
  if (value === undefined) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? "" : dateFormat.format(date);
}

export function formatDateTime(value: string | Date | undefined): string {
  if (value === undefined) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? "" : dateTimeFormat.format(date);
}

export function timeElement(value: string | undefined, withTime = false): SafeHtml {
  if (!value) return html`—`;
  return html`<time datetime="${value}">${withTime ? formatDateTime(value) : formatDate(value)}</time>`;
}

/** "365 days", "730 days (2 years)". */
export function durationText(duration: string): string {
  const days = parseDurationDays(duration);
  if (days === undefined) return duration;
  if (days === 1) return "1 day";
  if (days % 365 === 0) return `${days} days (${days / 365} year${days === 365 ? "" : "s"})`;
  return `${days} days`;
}

/** The end date if the relationship were activated at `now`. */
export function endIfAcceptedAt(duration: string, now: Date): Date | undefined {
  const days = parseDurationDays(duration);
  return days === undefined ? undefined : addDays(now, days);
}

export function autoExtendText(autoExtendDuration: string): string {
  return isAutoExtendOn(autoExtendDuration)
    ? `On: ${autoExtensionDays} more days at each end (never with Global Administrator)`
    : "Off";
}

const historyLabels: Record<string, string> = {
  invitationCreated: "Invitation created",
  invitationEmailSent: "Invitation email sent",
  invitationResent: "Invitation sent again",
  invitationAccepted: "Accepted",
  invitationDeclined: "Declined",
  invitationCancelled: "Invitation cancelled",
  invitationExpired: "Invitation expired",
  activationStarted: "Activation started",
  grantApplied: "Role granted",
  activated: "Active",
  rolesRemoved: "Admin roles removed",
  grantRevoked: "Role revoked",
  accessRevoked: "Access ended",
  terminationRequested: "Termination requested",
  terminationStarted: "Termination started",
  terminated: "Terminated",
  enteredExpiringWindow: "Entered its last 30 days",
  autoExtended: "Extended automatically",
  autoExtendChanged: "Auto-extend changed",
  expired: "Expired",
  expiryNoticeSent: "Expiry notice sent",
  failureRecorded: "A step failed and will be retried",
  relationshipCreated: "Draft created",
  lockedForApproval: "Invitation created",
  relationshipUpdated: "Terms changed",
  accessAssignmentCreated: "Security group assigned",
  accessAssignmentUpdated: "Security group's roles changed",
  accessAssignmentRelabelled: "Security group's label changed",
  accessAssignmentDeleted: "Security group removed",
  accessAssignmentApplied: "Security group's roles applied",
  accessAssignmentRemoved: "Security group's access removed",
  accessAssignmentFailed: "Applying a security group's roles failed",
  rolesRemovedApplied: "Removal of the roles finished"
};

/** Bookkeeping of the queue work that tells a person nothing the entries around it do not. */
const unlistedActions = new Set(["operationRunning", "accessAssignmentOperationsClosed"]);

export function historyLabel(action: string): string {
  return historyLabels[action] ?? action;
}

export function isListedInHistory(action: string): boolean {
  return !unlistedActions.has(action);
}
