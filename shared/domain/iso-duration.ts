/**
 * The ISO-8601 durations relationships use, counted in whole days: `PnY`, `PnM`, `PnW`, `PnD` and combinations
 * such as `P1Y6M`. A month counts as 30 days and a year as 365, so `P2Y` is exactly the 730-day maximum.
 * Time parts are refused except the literal `PT0S` ("no time"), which Graph uses for auto-extension off.
 */
const dayMs = 86_400_000;
const daysPer = { Y: 365, M: 30, W: 7, D: 1 } as const;
const datePartPattern = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** Whole days in `text`, or undefined when it is not a duration we accept (fractions, negatives, `P`, `PT1H`). */
export function parseDurationDays(text: string): number | undefined {
  if (text === "PT0S") return 0;
  const match = datePartPattern.exec(text);
  if (!match || text === "P") return undefined;
  const [, years, months, weeks, days] = match;
  const total =
    Number(years ?? 0) * daysPer.Y + Number(months ?? 0) * daysPer.M + Number(weeks ?? 0) * daysPer.W + Number(days ?? 0);
  return Number.isSafeInteger(total) ? total : undefined;
}

/** The canonical spelling we store and return: whole days, as Graph returns `duration` (`P730D`). */
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
