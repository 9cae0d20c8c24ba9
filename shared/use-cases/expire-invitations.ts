/**
 * Invitations nobody accepted within 90 days become `expired` (timer). The link already stops working at the
 * expiry on its own; this makes the status say so, frees the display name and leaves the invitation final.
 */
import type { BatchLimits, BatchRunSummary } from "../timers/due-batches";
import { invitationExpiryChange } from "../timers/due-changes";
import { runDueChanges, type RunLog, type TimerPorts } from "../timers/due-run";

export function expireInvitations(ports: TimerPorts, log: RunLog, limits?: BatchLimits): Promise<BatchRunSummary> {
  return runDueChanges(ports, ["approvalPending"], invitationExpiryChange, log, limits);
}
