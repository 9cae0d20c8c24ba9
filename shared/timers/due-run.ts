/**
 * One timer run over due relationships: the indexed `dueDateTime <= now` query in bounded batches, and for each
 * reference one changeRelationship whose decision is made on the fresh read. When the decision is "nothing to
 * do" (another run or a user got there first) nothing is written; a lost ETag race re-reads and re-decides.
 */
import type { Clock } from "../clock";
import type { RelationshipStatus } from "../domain/relationship";
import { NotFoundError } from "../errors";
import type { OutboxPorts } from "../outbox/drain-outbox";
import { changeRelationship, type RelationshipChange } from "../relationships/change-relationship";
import type { RelationshipReference } from "../relationships/ports";
import type { StoredRelationship } from "../relationships/relationship-document";
import {
  defaultBatchLimits,
  runInBatches,
  type BatchLimits,
  type BatchRunSummary,
  type ItemOutcome
} from "./due-batches";

export type TimerPorts = OutboxPorts & { readonly clock: Clock };

/** Where a run reports what went wrong with one item (InvocationContext fits). */
export interface RunLog {
  warn(message: string): void;
}

export type DueDecision = (document: StoredRelationship, now: Date) => RelationshipChange | undefined;

/** Thrown inside the change callback to leave the document untouched; never escapes this module. */
class NothingDue extends Error {}

export function runDueChanges(
  ports: TimerPorts,
  statuses: readonly RelationshipStatus[],
  decide: DueDecision,
  log: RunLog,
  limits: BatchLimits = defaultBatchLimits
): Promise<BatchRunSummary> {
  const now = ports.clock.now().toISOString();
  return runInBatches(
    {
      list: (limit, continuation) => ports.store.listDue(now, statuses, limit, continuation),
      handle: (item) => applyDueChange(ports, item, decide),
      onFailure: (item, error) =>
        log.warn(`Relationship ${item.id} of partner ${item.partnerTenantId} stays due: ${describeError(error)}`)
    },
    limits
  );
}

async function applyDueChange(
  ports: TimerPorts,
  item: RelationshipReference,
  decide: DueDecision
): Promise<ItemOutcome> {
  try {
    await changeRelationship(
      ports,
      { partnerTenantId: item.partnerTenantId, relationshipId: item.id },
      (current, now) => {
        const change = decide(current, now);
        if (!change) throw new NothingDue();
        return change;
      }
    );
    return "changed";
  } catch (error) {
    if (error instanceof NothingDue || error instanceof NotFoundError) return "unchanged";
    throw error;
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
