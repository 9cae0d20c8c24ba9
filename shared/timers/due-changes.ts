/**
 * What a timer does to one relationship at `now`, decided on a fresh read (pure: the caller writes the result
 * through changeRelationship, ETag-guarded, with the messages in the same write). Undefined means nothing is due,
 * so a second run — or a run that lost a race to a user's change and re-read — writes and sends nothing.
 *   approvalPending past its 90 days → expired (the link stops working);
 *   before the end: the due expiry notice (30, 7, 1 days), recorded as sent in the same write that queues it,
 *   and active → expiring once inside the last 30 days;
 *   at the end: extended by 180 days when auto-extend allows it (never with Global Administrator) — decided an
 *   hour before, so the grants carry the new end before the old one passes — otherwise expired at the end, with
 *   its grants revoked and the day-0 notice.
 */
import { withAssignmentsEnding, withWorkStarted } from "../assignments/relationship-work";
import {
  autoExtensionDecidedAt,
  canAutoExtend,
  dueExpiryNotices,
  expiringWindowStarts,
  expiryNoticeDays,
  extendedEnd,
  type ExpiryNoticeDay
} from "../domain/lifecycle";
import { autoExtendDurationOf, isAutoExtendOn } from "../domain/relationship";
import type { QueueMessage, RelationshipNoticeMessage } from "../messaging/messages";
import type { RelationshipChange } from "../relationships/change-relationship";
import type { StoredRelationship } from "../relationships/relationship-document";
import { transitioned } from "../relationships/transition";

const system = { kind: "system" } as const;

export function invitationExpiryChange(document: StoredRelationship, now: Date): RelationshipChange | undefined {
  if (
    document.status !== "approvalPending" ||
    !document.invitation ||
    now < new Date(document.invitation.expiresDateTime)
  )
    return undefined;
  return { document: transitioned(document, "expireInvitation", now), action: "invitationExpired", actor: system };
}

export function relationshipDateChange(document: StoredRelationship, now: Date): RelationshipChange | undefined {
  if ((document.status !== "active" && document.status !== "expiring") || !document.endDateTime) return undefined;
  const end = document.endDateTime;
  const decided = now >= new Date(end) || (autoExtends(document) && now >= autoExtensionDecidedAt(end));
  return decided ? endChange(document, end, now) : beforeEndChange(document, end, now);
}

/** Auto-extends at its end: decided a little before it (see autoExtensionDecidedAt). */
function autoExtends(document: StoredRelationship): boolean {
  const autoExtendDuration = autoExtendDurationOf(isAutoExtendOn(document.autoExtendDuration));
  return canAutoExtend({ status: document.status, accessDetails: document.accessDetails, autoExtendDuration }).allowed;
}

function endChange(document: StoredRelationship, end: string, now: Date): RelationshipChange {
  const ids = { partnerTenantId: document.partnerTenantId, relationshipId: document.id };
  if (autoExtends(document)) {
    return {
      // Notices start afresh for the new end; the grants are put again so their end date follows.
      document: {
        ...transitioned(document, "extend"),
        endDateTime: extendedEnd(end).toISOString(),
        expiryNoticesSent: []
      },
      action: "autoExtended",
      actor: system,
      publish: [{ kind: "applyGrants", ...ids }, notice(document, "extended")]
    };
  }
  const sent = document.expiryNoticesSent ?? [];
  // No access to take out here: the grants' end date already makes the access check say no.
  const work = withWorkStarted(withAssignmentsEnding(transitioned(document, "expire"), now), "expire", now);
  const publish: QueueMessage[] = [{ kind: "revokeGrants", ...ids, reason: "expired", operationId: work.operationId }];
  if (!sent.includes(0)) publish.push(notice(document, "expiry0"));
  return {
    document: { ...work.document, expiryNoticesSent: withThreshold(sent, 0) },
    action: "expired",
    actor: system,
    publish
  };
}

function beforeEndChange(document: StoredRelationship, end: string, now: Date): RelationshipChange | undefined {
  const sent = document.expiryNoticesSent ?? [];
  const [days] = dueExpiryNotices(end, now, sent);
  const entersWindow = document.status === "active" && now >= expiringWindowStarts(end);
  if (days === undefined && !entersWindow) return undefined;
  const moved = entersWindow ? transitioned(document, "enterExpiringWindow") : document;
  if (days === undefined) return { document: moved, action: "enteredExpiringWindow", actor: system };
  return {
    document: { ...moved, expiryNoticesSent: withThreshold(sent, days) },
    action: entersWindow ? "enteredExpiringWindow" : "expiryNoticeSent",
    actor: system,
    publish: [notice(document, `expiry${days}`)]
  };
}

/**
 * `days` and every earlier threshold count as done: a notice a stopped timer skipped (dueExpiryNotices sends only
 * the most urgent) must not keep the relationship due, or it would be re-read every run until the next threshold.
 */
function withThreshold(sent: readonly number[], days: ExpiryNoticeDay): number[] {
  return expiryNoticeDays.filter((threshold) => threshold >= days || sent.includes(threshold));
}

function notice(document: StoredRelationship, kind: RelationshipNoticeMessage["notice"]): RelationshipNoticeMessage {
  return {
    kind: "relationshipNotice",
    partnerTenantId: document.partnerTenantId,
    relationshipId: document.id,
    notice: kind
  };
}
