/**
 * The port behind every abuse limit: counts kept where every Function App instance sees them (Cosmos DB on Azure
 * and locally; in memory only in unit tests). One key is one scope (a partner tenant, a hashed customer address, a
 * hashed client address) and may hold several windows, so a use counted in an hour and a day window is one write.
 */
import type { WindowLimit, WindowState } from "./fixed-window";

/** The window starts a use was counted in (by window key), so that it can be given back. */
export type CountedStarts = Readonly<Record<string, number>>;

/** A refusal names the full limit: the very object the caller passed in. */
export type TakeResult<L extends WindowLimit = WindowLimit> =
  | { readonly taken: true; readonly starts: CountedStarts }
  | { readonly taken: false; readonly retryAt: Date; readonly limit: L };

export interface LimitStore {
  /**
   * Counts one use in every window of `limits` under `key` if all of them have room, otherwise counts nothing and
   * says which limit is full and until when. Racing calls from any number of instances never count past a limit.
   */
  take<L extends WindowLimit>(key: string, limits: readonly L[], now: Date): Promise<TakeResult<L>>;
  /** Takes back one use counted by `take`, only while those windows are still the ones it was counted in. */
  giveBack(key: string, starts: CountedStarts): Promise<void>;
  /** The windows stored under `key` (by window key), counting nothing: what a batch's estimate reads. */
  peek(key: string): Promise<Readonly<Record<string, WindowState>>>;
}
