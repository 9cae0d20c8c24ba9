/**
 * How a timer walks what it has to do: pages of references from an indexed query (oldest first), each item handled
 * on its own (a few at a time), and a cap per run so one run's work is bounded however much is due — the next run
 * picks up the rest. A failing item is reported and skipped; it stays due and is tried again next run.
 */
import type { Page, RelationshipReference } from "../relationships/ports";

export interface BatchLimits {
  /** References per query page. */
  readonly pageSize: number;
  /** References read per run, at most; the rest waits for the next run. */
  readonly maxPerRun: number;
  /** Items handled at the same time. */
  readonly concurrency: number;
}

export const defaultBatchLimits: BatchLimits = { pageSize: 100, maxPerRun: 2_000, concurrency: 8 };

/** What one item came to: a write was made, or there was nothing (left) to do. */
export type ItemOutcome = "changed" | "unchanged";

export interface BatchRunSummary {
  /** Query pages read. */
  readonly pages: number;
  /** References the queries returned (the documents a run reads grow with this, not with what is stored). */
  readonly returned: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly failed: number;
  /** True when the run stopped at `maxPerRun` with more still due. */
  readonly capped: boolean;
}

export interface BatchRun {
  list(limit: number, continuation?: string): Promise<Page<RelationshipReference>>;
  handle(item: RelationshipReference): Promise<ItemOutcome>;
  onFailure(item: RelationshipReference, error: unknown): void;
}

export async function runInBatches(run: BatchRun, limits: BatchLimits = defaultBatchLimits): Promise<BatchRunSummary> {
  const counts = { pages: 0, returned: 0, changed: 0, unchanged: 0, failed: 0 };
  let continuation: string | undefined;
  do {
    const page = await run.list(Math.min(limits.pageSize, limits.maxPerRun - counts.returned), continuation);
    counts.pages += 1;
    counts.returned += page.items.length;
    await forEachLimited(page.items, limits.concurrency, async (item) => {
      try {
        counts[await run.handle(item)] += 1;
      } catch (error) {
        counts.failed += 1;
        run.onFailure(item, error);
      }
    });
    continuation = page.items.length > 0 ? page.continuation : undefined;
  } while (continuation && counts.returned < limits.maxPerRun);
  return { ...counts, capped: continuation !== undefined };
}

async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  each: (item: T) => Promise<void>
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await each(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
