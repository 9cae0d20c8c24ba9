/**
 * The ISO-8601 durations relationships use (Graph's `Duration`): `PnYnMnWnDTnHnMnS` with whole numbers, such as
 * `P2Y`, `P730D`, `P1Y6M`, `PT24H` or `PT0S`. Dates are computed in whole days, so a duration counts only when it
 * adds up to whole days: a month counts as 30 days and a year as 365, so `P2Y` is exactly the 730-day maximum, and
 * `PT36H` (a day and a half) is refused. Any spelling of zero (`PT0S`, `P0D`, `PT0M`) is zero days.
 */
const dayMs = 86_400_000;
const secondsPerDay = 86_400;
const pattern = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const secondsPer = [365 * secondsPerDay, 30 * secondsPerDay, 7 * secondsPerDay, secondsPerDay, 3600, 60, 1] as const;

/** Whole seconds in `text`, or undefined when it is no duration we read (fractions, negatives, `P`, `PT`). */
export function parseDurationSeconds(text: string): number | undefined {
  const match = pattern.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return undefined;
  const total = secondsPer.reduce((sum, unit, n) => sum + Number(match[n + 1] ?? 0) * unit, 0);
  return Number.isSafeInteger(total) ? total : undefined;
}

/** Whole days in `text`, or undefined when it is not a duration or not a whole number of days (`PT36H`). */
export function parseDurationDays(text: string): number | undefined {
  const seconds = parseDurationSeconds(text);
  return seconds === undefined || seconds % secondsPerDay !== 0 ? undefined : seconds / secondsPerDay;
}

/** The canonical spelling in whole days (`P730D`), and `PT0S` for none, as Graph writes auto-extension off. */
export function formatDurationDays(days: number): string {
  return days === 0 ? "PT0S" : `P${days}D`;
}

/** Instants arrive as `Date` or ISO strings; an unparseable string is a programming error, not user input. */
export function toDate(value: Date | string): Date {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date-time: ${String(value)}`);
  return date;
}

/** Exact 24-hour days in UTC, so an end date-time never shifts with daylight saving. */
export function addDays(date: Date | string, days: number): Date {
  return new Date(toDate(date).getTime() + days * dayMs);
}
