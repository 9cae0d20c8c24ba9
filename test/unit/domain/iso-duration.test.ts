import { describe, expect, it } from "vitest";
import { addDays, formatDurationDays, parseDurationDays, toDate } from "../../../shared/domain/iso-duration";

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
    ["PT0S", 0]
  ])("reads %s as %i days", (text, days) => {
    expect(parseDurationDays(text)).toBe(days);
  });

  it.each(["P", "", "1D", "P-1D", "-P1D", "P1.5D", "P1,5D", "PT1H", "PT24H", "P1DT0S", "P1DT1H", "PT0M", "p1d", "P1D ", "P6M1Y", "P99999999999999999999D"])(
    "refuses %j",
    (text) => {
      expect(parseDurationDays(text)).toBeUndefined();
    }
  );
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
