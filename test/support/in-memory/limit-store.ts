/**
 * LimitStore in memory, for unit tests of the limit policy: the same rule (countInAll) over a Map, so what the
 * policy asks of the store can be checked without a runtime. It also records every key it was asked about.
 */
import { countInAll, type WindowLimit, type WindowState } from "../../../shared/limits/fixed-window";
import type { CountedStarts, LimitStore, TakeResult } from "../../../shared/limits/limit-store";

export class InMemoryLimitStore implements LimitStore {
  readonly documents = new Map<string, Record<string, WindowState>>();

  async take<L extends WindowLimit>(key: string, limits: readonly L[], now: Date): Promise<TakeResult<L>> {
    const windows = this.documents.get(key) ?? {};
    const decision = countInAll(windows, limits, now);
    if (!decision.allowed) return { taken: false, retryAt: decision.retryAt, limit: decision.limit };
    this.documents.set(key, { ...windows, ...decision.next });
    return {
      taken: true,
      starts: Object.fromEntries(Object.entries(decision.next).map(([name, window]) => [name, window.start]))
    };
  }

  async giveBack(key: string, starts: CountedStarts): Promise<void> {
    const windows = this.documents.get(key);
    if (
      !windows ||
      !Object.entries(starts).every(([name, start]) => windows[name]?.start === start && (windows[name]?.used ?? 0) > 0)
    )
      return;
    const next = { ...windows };
    for (const name of Object.keys(starts))
      next[name] = { start: starts[name] as number, used: (windows[name] as WindowState).used - 1 };
    this.documents.set(key, next);
  }

  async peek(key: string): Promise<Readonly<Record<string, WindowState>>> {
    return this.documents.get(key) ?? {};
  }

  used(key: string, window: string): number {
    return this.documents.get(key)?.[window]?.used ?? 0;
  }
}
