/**
 * A batch's outbox: the next processing message, written in the same write as the results that make it due, then
 * sent (or scheduled, when a limit holds the batch until a window ends) and removed. If sending fails or the process
 * dies first, the entry stays with `outboxSince` set: the outbox timer, or the next delivery of an older message of
 * the batch, sends it. Sending twice is harmless: a message whose step the batch has passed does nothing.
 */
import type { Clock } from "../clock";
import { PreconditionFailedError } from "../errors";
import type { MessagePublisher } from "../relationships/ports";
import type { BatchStore, StoredBatch, VersionedBatch } from "./batch-records";

export interface BatchOutboxPorts {
  readonly batches: BatchStore;
  readonly publisher: MessagePublisher;
  readonly clock: Clock;
}

const maxRemovalAttempts = 5;

/** Sends what the outbox holds and removes it; resolves with the batch as stored afterwards. Throws if a send fails. */
export async function drainBatchOutbox(ports: BatchOutboxPorts, current: VersionedBatch): Promise<VersionedBatch> {
  const { outbox } = current.document;
  if (outbox.length === 0) return current;
  for (const entry of outbox) {
    const waitMs = entry.notBefore === undefined ? 0 : Date.parse(entry.notBefore) - ports.clock.now().getTime();
    // Service Bus schedules by its own clock; the wait is measured on the product's (the two are the same on Azure).
    if (waitMs > 0) await ports.publisher.schedule(entry.message, entry.id, new Date(Date.now() + waitMs), 0);
    else await ports.publisher.publish(entry.message, entry.id);
  }
  return removeEntries(ports.batches, current, new Set(outbox.map((entry) => entry.id)));
}

/** The same, for a caller that has already answered for the write: a failure is left to the outbox timer. */
export async function drainAfterBatchWrite(ports: BatchOutboxPorts, written: VersionedBatch): Promise<VersionedBatch> {
  try {
    return await drainBatchOutbox(ports, written);
  } catch {
    return written;
  }
}

async function removeEntries(
  store: BatchStore,
  start: VersionedBatch,
  done: ReadonlySet<string>
): Promise<VersionedBatch> {
  let current: VersionedBatch | undefined = start;
  for (let attempt = 0; attempt < maxRemovalAttempts && current; attempt += 1) {
    const remaining = current.document.outbox.filter((entry) => !done.has(entry.id));
    if (remaining.length === current.document.outbox.length) return current;
    const { outboxSince, ...rest } = current.document;
    const next: StoredBatch =
      remaining.length > 0
        ? { ...rest, outbox: remaining, ...(outboxSince ? { outboxSince } : {}) }
        : { ...rest, outbox: remaining };
    try {
      return await store.replace(next, current.etag);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      current = await store.get(start.document.partnerTenantId, start.document.id);
    }
  }
  return current ?? start;
}
