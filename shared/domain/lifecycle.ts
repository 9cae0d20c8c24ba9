/**
 * The relationship lifecycle as a table (Graph's status names), the time rules around it, and when roles may be
 * removed. Callers pass the current time in; nothing here reads a clock.
 */
import { allowed, refused, type Decision } from "./decision";
import { addDays, toDate } from "./iso-duration";
import { autoExtensionDays, isAutoExtendOn, type Relationship, type RelationshipStatus } from "./relationship";
import { globalAdministratorRoleId } from "./roles";
import { normalizeGuid } from "./guid";

export const relationshipActions = [
  "lockForApproval",
  "accept",
  "decline",
  "cancel",
  "expireInvitation",
  "startActivation",
  "activate",
  "enterExpiringWindow",
  "extend",
  "expire",
  "requestTermination",
  "startTermination",
  "completeTermination"
] as const;

export type RelationshipAction = (typeof relationshipActions)[number];

type Transitions = Readonly<
  Record<RelationshipAction, Readonly<Partial<Record<RelationshipStatus, RelationshipStatus>>>>
>;

/** Every allowed move; any (status, action) pair missing here is refused. */
export const transitions: Transitions = {
  lockForApproval: { created: "approvalPending" },
  accept: { approvalPending: "approved" },
  decline: { approvalPending: "declined" },
  cancel: { approvalPending: "cancelled" },
  expireInvitation: { approvalPending: "expired" },
  startActivation: { approved: "activating" },
  activate: { activating: "active" },
  enterExpiringWindow: { active: "expiring" },
  extend: { active: "active", expiring: "active" },
  expire: { active: "expired", expiring: "expired" },
  requestTermination: {
    approved: "terminationRequested",
    activating: "terminationRequested",
    active: "terminationRequested",
    expiring: "terminationRequested"
  },
  startTermination: { terminationRequested: "terminating" },
  completeTermination: { terminating: "terminated" }
};

export type TransitionResult =
  | { readonly refused: false; readonly status: RelationshipStatus }
  | { readonly refused: true; readonly reason: string };

export function applyTransition(status: RelationshipStatus, action: RelationshipAction): TransitionResult {
  const next = transitions[action][status];
  return next ? { refused: false, status: next } : { refused: true, reason: refusalReason(status, action) };
}

const finalStatusReasons: Partial<Record<RelationshipStatus, string>> = {
  expired: "An expired relationship cannot be restored; send a new invitation.",
  terminated: "A terminated relationship cannot be reopened; send a new invitation to work together again.",
  declined: "The customer declined this invitation; send a new invitation.",
  cancelled: "This invitation was cancelled; send a new invitation."
};

const actionRules: Record<RelationshipAction, string> = {
  lockForApproval: "Only a relationship in created can be locked for approval, once.",
  accept: "Only a pending invitation can be accepted.",
  decline: "Only a pending invitation can be declined.",
  cancel: "Only a pending invitation can be cancelled; an accepted relationship is terminated instead.",
  expireInvitation: "Only a pending invitation lapses unaccepted.",
  startActivation: "Roles are applied only after the customer accepts.",
  activate: "Only a relationship whose roles are being applied can become active.",
  enterExpiringWindow: "Only an active relationship enters its last 30 days.",
  extend: "Only an active or expiring relationship can be extended.",
  expire: "Only an active or expiring relationship reaches its end date.",
  requestTermination: "Only an accepted relationship that is not already ending can be terminated.",
  startTermination: "Termination starts only once it has been requested.",
  completeTermination: "Only a relationship being terminated can finish terminating."
};

const statusPhrases: Partial<Record<RelationshipStatus, string>> = {
  created: "is still being drafted (created) and has not been locked for approval",
  approvalPending: "is still waiting for the customer to accept",
  approved: "has been accepted and waits for its roles to be applied",
  activating: "is having its roles applied",
  active: "is active",
  expiring: "is active and inside its last 30 days",
  terminationRequested: "already has a termination request",
  terminating: "is already being terminated"
};

function refusalReason(status: RelationshipStatus, action: RelationshipAction): string {
  const finalReason = finalStatusReasons[status];
  if (finalReason) return finalReason;
  if (status === "approvalPending" && action === "requestTermination") {
    return "A pending invitation is not terminated: the partner cancels it or the customer declines it.";
  }
  if (status === "created" && action === "requestTermination") {
    return "A relationship in created was never sent to the customer: delete it instead of terminating it.";
  }
  return `${actionRules[action]} This relationship ${statusPhrases[status] ?? `is ${status}`}.`;
}

export const invitationLifetimeDays = 90;
export const expiringWindowDays = 30;
/**
 * An auto-extension is made this long before the end, not at it: the grants then carry the new end before the old
 * one passes, so a partner's access never lapses between the end and the timer's next run.
 */
export const autoExtensionLeadMinutes = 60;

export function autoExtensionDecidedAt(end: Date | string): Date {
  return new Date(toDate(end).getTime() - autoExtensionLeadMinutes * 60_000);
}
/** Days before the end at which partner and customer are emailed; 0 is the day itself. */
export const expiryNoticeDays = [30, 7, 1, 0] as const;
export type ExpiryNoticeDay = (typeof expiryNoticeDays)[number];

export function invitationExpiresAt(created: Date | string): Date {
  return addDays(created, invitationLifetimeDays);
}

export function endDateTime(activated: Date | string, durationDays: number): Date {
  return addDays(activated, durationDays);
}

export function expiringWindowStarts(end: Date | string): Date {
  return addDays(end, -expiringWindowDays);
}

export function extendedEnd(end: Date | string): Date {
  return addDays(end, autoExtensionDays);
}

type RoleHolder = Pick<Relationship, "accessDetails">;
/** Global Administrator is never extended automatically (the one place that asks whether a relationship holds it). */
export const includesGlobalAdministrator = (relationship: RoleHolder): boolean =>
  relationship.accessDetails.unifiedRoles.some(
    (role) => normalizeGuid(role.roleDefinitionId) === globalAdministratorRoleId
  );

export function canAutoExtend(
  relationship: Pick<Relationship, "status" | "autoExtendDuration" | "accessDetails">
): Decision {
  if (!isAutoExtendOn(relationship.autoExtendDuration))
    return refused("Automatic extension is off for this relationship.");
  if (includesGlobalAdministrator(relationship)) {
    return refused("A relationship that includes Global Administrator is never extended automatically.");
  }
  if (relationship.status !== "active" && relationship.status !== "expiring") {
    return refused(`Only an active relationship is extended; this one is ${relationship.status}.`);
  }
  return allowed;
}

/**
 * The one notice to send now, if any: the most urgent threshold already reached and not yet sent. Thresholds a
 * stopped timer missed are skipped, so nobody reads "30 days left" with 5 to go. `alreadySent` holds the
 * thresholds sent for this end date; callers start afresh when the end moves (an extension).
 */
export function dueExpiryNotices(
  end: Date | string,
  now: Date | string,
  alreadySent: readonly number[]
): ExpiryNoticeDay[] {
  const nowMs = toDate(now).getTime();
  const reached = expiryNoticeDays.filter((days) => addDays(end, -days).getTime() <= nowMs);
  const mostUrgent = reached[reached.length - 1];
  return mostUrgent === undefined || alreadySent.includes(mostUrgent) ? [] : [mostUrgent];
}

const rolesRemovableIn: readonly RelationshipStatus[] = ["approved", "activating", "active", "expiring"];

/** Removing roles revokes every grant but keeps the relationship (the partner may still work as a reseller). */
export function canRemoveRoles(relationship: Pick<Relationship, "status" | "accessDetails">): Decision {
  if (relationship.accessDetails.unifiedRoles.length === 0)
    return refused("This relationship has no admin roles to remove.");
  if (relationship.status === "approvalPending") {
    return refused("The invitation has not been accepted; decline it instead of accepting roles you do not want.");
  }
  if (!rolesRemovableIn.includes(relationship.status)) {
    return refused(
      `Roles can be removed only from an accepted relationship that has not ended; this one is ${relationship.status}.`
    );
  }
  return allowed;
}
