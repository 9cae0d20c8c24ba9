/**
 * The one source of "now" for the product. In production it is the system clock. The local runtime, in the
 * same process, may move it forward (`POST /dev/clock`), so tests can step through 90-day expiries without
 * sleeping. Nothing in Azure ever calls `setClockOffset`.
 */
export interface Clock {
  now(): Date;
}

let offsetMs = 0;

export const systemClock: Clock = {
  now: () => new Date(Date.now() + offsetMs)
};

/** Local runtime and tests only: shifts every `systemClock.now()` by this many milliseconds. */
export function setClockOffset(ms: number): void {
  offsetMs = ms;
}

export function clockOffset(): number {
  return offsetMs;
}
