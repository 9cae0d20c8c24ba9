import { describe, expect, it } from "vitest";
import type { Page, RelationshipReference } from "../../../shared/relationships/ports";
import { runInBatches, type BatchLimits, type ItemOutcome } from "../../../shared/timers/due-batches";

/** A due list as an indexed query returns it: `limit` at a time, resuming after the last one returned. */
function dueList(count: number) {
  const items: RelationshipReference[] = Array.from({ length: count }, (_, n) => ({
    partnerTenantId: `p${n % 7}`,
    id: `r${n}`
  }));
  const calls: { limit: number; continuation?: string }[] = [];
  const list = async (limit: number, continuation?: string): Promise<Page<RelationshipReference>> => {
    calls.push({ limit, continuation });
    const start = continuation ? Number(continuation) : 0;
    const end = Math.min(start + limit, items.length);
    return { items: items.slice(start, end), continuation: end < items.length ? String(end) : undefined };
  };
  return { list, calls };
}

const limits: BatchLimits = { pageSize: 100, maxPerRun: 250, concurrency: 4 };

describe("runInBatches", () => {
  it("reads page after page until nothing is left", async () => {
    const { list, calls } = dueList(230);
    const handled: string[] = [];
    const summary = await runInBatches(
      { list, handle: async (item) => (handled.push(item.id), "changed"), onFailure: () => undefined },
      limits
    );
    expect(summary).toEqual({ pages: 3, returned: 230, changed: 230, unchanged: 0, failed: 0, capped: false });
    expect(new Set(handled).size).toBe(230);
    expect(calls.map((call) => call.limit)).toEqual([100, 100, 50]);
  });

  it("stops at the per-run cap and says more is due", async () => {
    const { list, calls } = dueList(400);
    const summary = await runInBatches({ list, handle: async () => "unchanged", onFailure: () => undefined }, limits);
    expect(summary).toMatchObject({ returned: 250, unchanged: 250, capped: true });
    // The last page asks only for what the cap leaves.
    expect(calls.map((call) => call.limit)).toEqual([100, 100, 50]);
  });

  it("does one query and nothing else when nothing is due", async () => {
    const { list, calls } = dueList(0);
    const summary = await runInBatches({ list, handle: async () => "changed", onFailure: () => undefined }, limits);
    expect(summary).toEqual({ pages: 1, returned: 0, changed: 0, unchanged: 0, failed: 0, capped: false });
    expect(calls).toHaveLength(1);
  });

  it("reports a failing item and carries on with the rest", async () => {
    const { list } = dueList(10);
    const failures: string[] = [];
    const handle = async (item: RelationshipReference): Promise<ItemOutcome> => {
      if (item.id === "r3") throw new Error("Cosmos said no");
      return "changed";
    };
    const summary = await runInBatches(
      { list, handle, onFailure: (item, error) => failures.push(`${item.id}: ${(error as Error).message}`) },
      limits
    );
    expect(summary).toMatchObject({ changed: 9, failed: 1 });
    expect(failures).toEqual(["r3: Cosmos said no"]);
  });

  it("handles no more items at once than its concurrency", async () => {
    const { list } = dueList(40);
    let running = 0;
    let most = 0;
    const handle = async (): Promise<ItemOutcome> => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      return "changed";
    };
    await runInBatches({ list, handle, onFailure: () => undefined }, limits);
    expect(most).toBe(4);
  });
});
