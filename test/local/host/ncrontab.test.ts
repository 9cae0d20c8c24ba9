import { describe, expect, it } from "vitest";
import { parseSchedule, ScheduleError } from "../../../local/host/ncrontab";

describe("parseSchedule", () => {
  it("reads six fields, seconds first", () => {
    const schedule = parseSchedule("t", "30 */5 * * * *", {});
    expect(schedule.nextAfter(new Date("2026-01-01T00:00:00Z")).toISOString()).toBe("2026-01-01T00:00:30.000Z");
    expect(schedule.nextAfter(new Date("2026-01-01T00:00:30Z")).toISOString()).toBe("2026-01-01T00:05:30.000Z");
  });

  it("refuses a 5-field cron expression instead of reading it minute-first", () => {
    expect(() => parseSchedule("t", "*/5 * * * *", {})).toThrow(ScheduleError);
    expect(() => parseSchedule("t", "*/5 * * * *", {})).toThrow(/NCRONTAB needs 6 fields/);
  });

  it("takes a %Setting% schedule from the app settings, and says when it is missing", () => {
    expect(parseSchedule("t", "%EXPIRY%", { EXPIRY: "0 0 2 * * *" }).expression).toBe("0 0 2 * * *");
    expect(() => parseSchedule("t", "%EXPIRY%", {})).toThrow(/app setting EXPIRY/);
  });
});
