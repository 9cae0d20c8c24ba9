/**
 * Finishes what a change left undone (timer): when publishing, auditing or indexing failed after the Cosmos
 * write, the entries stay in the document's outbox with `outboxSince` set. Entries older than a grace period —
 * long enough for the request that wrote them to have drained them itself — are carried out again. Every entry
 * is idempotent (stable message ids, deterministic audit and index ids), so doing one twice does no harm.
 */
import { drainOutbox } from "../outbox/drain-outbox";
import type { RelationshipReference } from "../relationships/ports";
import {
  defaultBatchLimits,
  runInBatches,
  type BatchLimits,
  type BatchRunSummary,
  type ItemOutcome
} from "../timers/due-batches";
import { describeError, type RunLog, type TimerPorts } from "../timers/due-run";

/** How old a pending entry must be before the timer takes it over from the request that wrote it. */
export const outboxGraceMs = 30_000;

export function republishOutbox(
  ports: TimerPorts,
  log: RunLog,
  limits: BatchLimits = defaultBatchLimits
): Promise<BatchRunSummary> {
  const before = new Date(ports.clock.now().getTime() - outboxGraceMs).toISOString();
  return runInBatches(
    {
      list: (limit, continuation) => ports.store.listWithStaleOutbox(before, limit, continuation),
      handle: (item) => drainOne(ports, item),
      onFailure: (item, error) =>
        log.warn(
          `Outbox of relationship ${item.id} of partner ${item.partnerTenantId} is still pending: ${describeError(error)}`
        )
    },
    limits
  );
}

async function drainOne(ports: TimerPorts, item: RelationshipReference): Promise<ItemOutcome> {
  const current = await ports.store.get(item.partnerTenantId, item.id);
  if (!current || current.document.outbox.length === 0) return "unchanged";
  const result = await drainOutbox(ports, current);
  if (result.failure !== undefined) throw result.failure;
  return "changed";
}
