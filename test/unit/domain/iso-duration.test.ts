import { describe, expect, it } from "vitest";
import {
  addDays,
  formatDurationDays,
  parseDurationDays,
  parseDurationSeconds,
  toDate
} from "../../../shared/domain/iso-duration";

describe("parseDurationDays", () => {
  it.each([
    ["P1D", 1],
    ["P730D", 730],
    ["P2W", 14],
    ["P1M", 30],
    ["P1Y", 365],
    ["P2Y", 730],
    ["P1Y6M", 545],
    ["P1Y2M3W4D", 365 + 60 + 21 + 4],
    ["P0D", 0],
    ["PT0S", 0],
    ["PT0M", 0],
    ["PT24H", 1],
    ["P1DT24H", 2],
    ["PT1440M", 1],
    ["PT4320H", 180],
    ["P1DT0S", 1]
  ])("reads %s as %i days", (text, days) => {
    expect(parseDurationDays(text)).toBe(days);
  });

  it.each([
    "P",
    "PT",
    "P1DT",
    "",
    "1D",
    "P-1D",
    "-P1D",
    "P1.5D",
    "P1,5D",
    "PT1H",
    "PT36H",
    "P1DT1H",
    "PT1S",
    "p1d",
    "P1D ",
    "P6M1Y",
    "PT1H2H",
    "P99999999999999999999D"
  ])("refuses %j", (text) => {
    expect(parseDurationDays(text)).toBeUndefined();
  });
});

describe("parseDurationSeconds", () => {
  it("reads time parts that are not whole days", () => {
    expect(parseDurationSeconds("PT1H30M")).toBe(5400);
    expect(parseDurationSeconds("PT")).toBeUndefined();
  });
});

describe("formatDurationDays", () => {
  it("writes whole days the way Graph returns them", () => {
    expect(formatDurationDays(545)).toBe("P545D");
    expect(formatDurationDays(0)).toBe("PT0S");
  });
});

describe("addDays", () => {
  it("adds exact 24-hour days in UTC, across a daylight-saving change", () => {
    expect(addDays(new Date("2026-03-28T12:00:00Z"), 2).toISOString()).toBe("2026-03-30T12:00:00.000Z");
  });

  it("accepts an ISO string and negative days", () => {
    expect(addDays("2026-01-31T00:00:00Z", -30).toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("does not change the date it was given", () => {
    const start = new Date("2026-01-01T00:00:00Z");
    addDays(start, 10);
    expect(start.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });
});

describe("toDate", () => {
  it("throws when the string is not a date-time", () => {
    expect(() => toDate("yesterday")).toThrow(RangeError);
  });
});
