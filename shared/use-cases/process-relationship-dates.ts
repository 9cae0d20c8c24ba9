/**
 * The dates of active relationships (timer): expiry notices at 30, 7 and 1 days before the end, the move into
 * the expiring window, and at the end either the automatic 180-day extension or expiry with the grants revoked.
 * Each notice goes out once: it is recorded in the same ETag-guarded write that queues it.
 */
import type { BatchLimits, BatchRunSummary } from "../timers/due-batches";
import { relationshipDateChange } from "../timers/due-changes";
import { runDueChanges, type RunLog, type TimerPorts } from "../timers/due-run";

export function processRelationshipDates(ports: TimerPorts, log: RunLog, limits?: BatchLimits): Promise<BatchRunSummary> {
  return runDueChanges(ports, ["active", "expiring"], relationshipDateChange, log, limits);
}
