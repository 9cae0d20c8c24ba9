/**
 * The two timers that walk due relationships, each a status filter and a decision over the shared run
 * (due-run.ts): invitations nobody accepted within 90 days become `expired` (the link already stops working at the
 * expiry; this makes the status say so, frees the display name and leaves the invitation final); and the dates of
 * active relationships — expiry notices at 30, 7 and 1 days before the end, the move into the expiring window, and
 * at the end either the automatic 180-day extension or expiry with the grants revoked. Each notice goes out once:
 * it is recorded in the same ETag-guarded write that queues it.
 */
import type { BatchLimits, BatchRunSummary } from "./due-batches";
import { invitationExpiryChange, relationshipDateChange } from "./due-changes";
import { runDueChanges, type RunLog, type TimerPorts } from "./due-run";

export function expireInvitations(ports: TimerPorts, log: RunLog, limits?: BatchLimits): Promise<BatchRunSummary> {
  return runDueChanges(ports, ["approvalPending"], invitationExpiryChange, log, limits);
}

export function processRelationshipDates(
  ports: TimerPorts,
  log: RunLog,
  limits?: BatchLimits
): Promise<BatchRunSummary> {
  return runDueChanges(ports, ["active", "expiring"], relationshipDateChange, log, limits);
}
