/**
 * Finishes what a batch write left undone (the outbox timer): a batch whose next processing message was written but
 * not sent (Service Bus refused, the process died) has `outboxSince` set; once it is older than the grace period the
 * timer sends it. Sending it twice does no harm: the batch ignores a step it has passed.
 */
import { drainBatchOutbox, type BatchOutboxPorts } from "../batches/batch-outbox";
import {
  defaultBatchLimits,
  runInBatches,
  type BatchLimits,
  type BatchRunSummary,
  type ItemOutcome
} from "../timers/due-batches";
import { describeError, type RunLog } from "../timers/due-run";
import { outboxGraceMs } from "./republish-outbox";

export function republishBatchOutboxes(
  ports: BatchOutboxPorts,
  log: RunLog,
  limits: BatchLimits = defaultBatchLimits
): Promise<BatchRunSummary> {
  const before = new Date(ports.clock.now().getTime() - outboxGraceMs).toISOString();
  return runInBatches(
    {
      list: (limit, continuation) => ports.batches.listWithStaleOutbox(before, limit, continuation),
      handle: async (item): Promise<ItemOutcome> => {
        const current = await ports.batches.get(item.partnerTenantId, item.id);
        if (!current || current.document.outbox.length === 0) return "unchanged";
        await drainBatchOutbox(ports, current);
        return "changed";
      },
      onFailure: (item, error) =>
        log.warn(
          `Outbox of invitation batch ${item.id} of partner ${item.partnerTenantId} is still pending: ${describeError(error)}`
        )
    },
    limits
  );
}
