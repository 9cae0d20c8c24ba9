/**
 * When the timers must next look at a relationship — the indexed `dueDateTime` they query by, so a run reads only
 * what is due instead of every relationship. Pure: recomputed after every change that moves a date or a status.
 *   approvalPending → the invitation's expiry (90 days); created (a draft) → nothing;
 *   active / expiring → the next expiry notice not yet sent (30, 7, 1 days before the end) or the end itself;
 *   anything else → nothing for a timer to do (the queues carry it forward, or it is final).
 */
import { addDays } from "../domain/iso-duration";
import { autoExtensionDecidedAt, canAutoExtend, expiryNoticeDays } from "../domain/lifecycle";
import { isAutoExtendOn } from "../domain/relationship";
import type { StoredRelationship } from "./relationship-document";

export function nextDueDateTime(
  relationship: Pick<StoredRelationship, "status" | "invitation" | "endDateTime" | "expiryNoticesSent"> &
    Partial<Pick<StoredRelationship, "autoExtendDuration" | "accessDetails">>
): string | undefined {
  if (relationship.status === "approvalPending") return relationship.invitation?.expiresDateTime;
  if ((relationship.status !== "active" && relationship.status !== "expiring") || !relationship.endDateTime)
    return undefined;
  const sent = relationship.expiryNoticesSent ?? [];
  const upcoming = expiryNoticeDays
    .filter((days) => days > 0 && !sent.includes(days))
    .map((days) => addDays(relationship.endDateTime as string, -days).toISOString());
  // The 30-day mark is also where active becomes expiring; the end is where it expires, or shortly before it
  // where an auto-extension is made (so access never lapses).
  return [...upcoming, endDecision(relationship, relationship.endDateTime)].sort()[0];
}

function endDecision(relationship: Parameters<typeof nextDueDateTime>[0], end: string): string {
  const { status, autoExtendDuration, accessDetails } = relationship;
  const extending =
    autoExtendDuration !== undefined &&
    isAutoExtendOn(autoExtendDuration) &&
    accessDetails !== undefined &&
    canAutoExtend({ status, autoExtendDuration, accessDetails }).allowed;
  return extending ? autoExtensionDecidedAt(end).toISOString() : end;
}

/**
 * A relationship with its indexed dates brought up to date: call on every document a change produces. Besides the
 * due date, `endSortKey` is the end Graph shows (the actual end once ended, else the planned one) or "" (none yet):
 * Graph's `$orderby=endDateTime` sorts by it, because
 * Cosmos DB's ORDER BY may leave out documents that lack the property sorted by.
 */
export function withDueDate<
  T extends Pick<StoredRelationship, "status" | "invitation" | "endDateTime" | "expiryNoticesSent"> &
    Partial<Pick<StoredRelationship, "autoExtendDuration" | "accessDetails" | "endedDateTime">> & {
      dueDateTime?: string;
      endSortKey?: string;
    }
>(relationship: T): T {
  const due = nextDueDateTime(relationship);
  const { dueDateTime: _previous, ...rest } = relationship;
  const endSortKey = relationship.endedDateTime ?? relationship.endDateTime ?? "";
  return (due ? { ...rest, dueDateTime: due, endSortKey } : { ...rest, endSortKey }) as T;
}
