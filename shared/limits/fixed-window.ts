/**
 * The rule behind every abuse limit: fixed windows aligned to UTC (an hour starts on the hour, a day at midnight),
 * so every Function App instance computes the same window from its own clock and one stored count per window is
 * enough. A window counts uses up to its maximum; the next one starts from zero. A fixed window lets at most twice
 * the maximum through across a boundary (the end of one window and the start of the next), which is fine for
 * limits meant to stop floods, and it can say exactly when a refused caller may try again: when the window ends.
 * Pure: no I/O, no clock of its own.
 */

export interface WindowLimit {
  /**
   * What is counted (`invitations`, `contacts`): lower-case letters only, as it names a stored property that a
   * Cosmos DB filter reads (and the local Cosmos DB stand-in lower-cases patch filters).
   */
  readonly counter: string;
  readonly max: number;
  readonly seconds: number;
}

/** One window's count as stored: its start (Unix seconds) and the uses counted in it. */
export interface WindowState {
  readonly start: number;
  readonly used: number;
}

export type WindowStates = Readonly<Record<string, WindowState>>;

export type WindowDecision =
  { readonly allowed: true; readonly next: WindowState } | { readonly allowed: false; readonly retryAt: Date };

export type WindowsDecision<L extends WindowLimit = WindowLimit> =
  | { readonly allowed: true; readonly next: Record<string, WindowState> }
  | { readonly allowed: false; readonly retryAt: Date; readonly limit: L };

export function windowStartOf(now: Date, seconds: number): number {
  const unixSeconds = Math.floor(now.getTime() / 1000);
  return unixSeconds - (unixSeconds % seconds);
}

/** The stored name of a limit's window, `invitations_3600`: a plain identifier, safe in a Cosmos DB filter. */
export function windowKey(limit: WindowLimit): string {
  if (!/^[a-z]+$/.test(limit.counter) || !Number.isInteger(limit.seconds) || limit.seconds <= 0) {
    throw new Error(`Not a window a limit can name: ${limit.counter} / ${limit.seconds}`);
  }
  return `${limit.counter}_${limit.seconds}`;
}

/**
 * Counts one use in the window `now` falls in. A stored window newer than ours (another instance's clock is a
 * little ahead) is the current one: counting goes on in it rather than starting an older window again.
 */
export function countIn(state: WindowState | undefined, limit: WindowLimit, now: Date): WindowDecision {
  const ours = windowStartOf(now, limit.seconds);
  const current = state && state.start >= ours ? state : { start: ours, used: 0 };
  if (current.used >= limit.max) return { allowed: false, retryAt: new Date((current.start + limit.seconds) * 1000) };
  return { allowed: true, next: { start: current.start, used: current.used + 1 } };
}

/** Counts one use in each window only if every one has room; otherwise says when the last full one ends. */
export function countInAll<L extends WindowLimit>(
  states: WindowStates,
  limits: readonly L[],
  now: Date
): WindowsDecision<L> {
  const next: Record<string, WindowState> = {};
  let refusal: { retryAt: Date; limit: L } | undefined;
  for (const limit of limits) {
    const decision = countIn(states[windowKey(limit)], limit, now);
    if (decision.allowed) next[windowKey(limit)] = decision.next;
    else if (!refusal || decision.retryAt > refusal.retryAt) refusal = { retryAt: decision.retryAt, limit };
  }
  return refusal ? { allowed: false, ...refusal } : { allowed: true, next };
}
