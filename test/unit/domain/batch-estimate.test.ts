import { describe, expect, it } from "vitest";
import { estimateCompletion } from "../../../shared/domain/batch-estimate";

const at = (text: string) => new Date(text);
const allowance = (hourMax: number, hourUsed: number, dayMax: number, dayUsed: number) => ({
  hour: { max: hourMax, used: hourUsed },
  day: { max: dayMax, used: dayUsed }
});

describe("a batch's estimated completion", () => {
  it("is the batch's pace alone when the limits have room for everything left", () => {
    expect(estimateCompletion(at("2027-03-04T05:10:00Z"), 100, allowance(200, 50, 1000, 50), 0.1).toISOString()).toBe(
      "2027-03-04T05:10:10.000Z"
    );
  });

  it("waits for the next hour when this hour's allowance runs out", () => {
    // 150 fit in this hour; the other 150 go at 06:00 and take 15 s.
    expect(estimateCompletion(at("2027-03-04T05:10:00Z"), 300, allowance(200, 50, 1000, 50), 0.1).toISOString()).toBe(
      "2027-03-04T06:00:15.000Z"
    );
  });

  it("goes hour by hour through a long batch", () => {
    // 5 an hour, none used yet: 12 rows take this hour, the next and two in the one after.
    expect(estimateCompletion(at("2027-03-04T05:59:50Z"), 12, allowance(5, 0, 1000, 0), 1).toISOString()).toBe(
      "2027-03-04T07:00:02.000Z"
    );
  });

  it("waits for the next UTC day when the day's allowance runs out, and counts both windows afresh there", () => {
    // 20 left today; 100 more tomorrow at 200 an hour: done at midnight plus 10 s.
    expect(estimateCompletion(at("2027-03-04T22:00:00Z"), 120, allowance(200, 0, 1000, 980), 0.1).toISOString()).toBe(
      "2027-03-05T00:00:10.000Z"
    );
  });

  it("says when a batch over several days ends: 2,500 rows at the default limits, from the start of a day", () => {
    // 1,000 a day at most: 1,000 today, 1,000 tomorrow, 500 the day after (200 an hour: two full hours and 100).
    expect(estimateCompletion(at("2027-03-04T00:00:00Z"), 2500, allowance(200, 0, 1000, 0), 0.1).toISOString()).toBe(
      "2027-03-06T02:00:10.000Z"
    );
  });

  it("puts 1,000 rows submitted at 09:00 UTC at the default limits (200 an hour, 1,000 a day) at 13:00", () => {
    expect(estimateCompletion(at("2027-03-04T09:00:00Z"), 1000, allowance(200, 0, 1000, 0), 0.1).toISOString()).toBe(
      "2027-03-04T13:00:20.000Z"
    );
  });

  it("reads a window that is already over its maximum as full", () => {
    expect(estimateCompletion(at("2027-03-04T05:30:00Z"), 1, allowance(5, 9, 1000, 9), 1).toISOString()).toBe(
      "2027-03-04T06:00:01.000Z"
    );
  });
});
