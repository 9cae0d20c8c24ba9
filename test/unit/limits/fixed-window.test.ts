import { describe, expect, it } from "vitest";
import { countIn, countInAll, windowKey, windowStartOf, type WindowLimit } from "../../../shared/limits/fixed-window";

const hourly: WindowLimit = { counter: "invitations", max: 3, seconds: 3_600 };
const daily: WindowLimit = { counter: "invitations", max: 5, seconds: 86_400 };
const at = (iso: string) => new Date(iso);
const epoch = (iso: string) => Date.parse(iso) / 1000;

describe("fixed windows", () => {
  it("aligns windows to the UTC hour and day, so every instance computes the same window", () => {
    expect(windowStartOf(at("2027-03-04T05:59:59.999Z"), 3_600)).toBe(epoch("2027-03-04T05:00:00Z"));
    expect(windowStartOf(at("2027-03-04T06:00:00.000Z"), 3_600)).toBe(epoch("2027-03-04T06:00:00Z"));
    expect(windowStartOf(at("2027-03-04T23:59:59Z"), 86_400)).toBe(epoch("2027-03-04T00:00:00Z"));
  });

  it("names each window by its counter and length (a property name a Cosmos DB filter can use)", () => {
    expect(windowKey(hourly)).toBe("invitations_3600");
    expect(windowKey(daily)).toBe("invitations_86400");
    expect(() => windowKey({ counter: "bad name", max: 1, seconds: 60 })).toThrow();
    expect(() => windowKey({ counter: "camelCase", max: 1, seconds: 60 })).toThrow();
    expect(() => windowKey({ counter: "fine", max: 1, seconds: 0 })).toThrow();
  });

  it("counts up to the limit and then refuses until the window ends", () => {
    const now = at("2027-03-04T05:10:00Z");
    let state = undefined;
    for (let n = 1; n <= 3; n += 1) {
      const decision = countIn(state, hourly, now);
      expect(decision).toEqual({ allowed: true, next: { start: epoch("2027-03-04T05:00:00Z"), used: n } });
      state = decision.allowed ? decision.next : state;
    }
    expect(countIn(state, hourly, now)).toEqual({ allowed: false, retryAt: at("2027-03-04T06:00:00Z") });
  });

  it("starts again from zero in the next window", () => {
    const full = { start: epoch("2027-03-04T05:00:00Z"), used: 3 };
    expect(countIn(full, hourly, at("2027-03-04T06:00:00Z"))).toEqual({
      allowed: true,
      next: { start: epoch("2027-03-04T06:00:00Z"), used: 1 }
    });
  });

  it("keeps counting in a newer window another instance already opened (clocks a little apart never reset a count)", () => {
    const opened = { start: epoch("2027-03-04T06:00:00Z"), used: 3 };
    expect(countIn(opened, hourly, at("2027-03-04T05:59:59Z"))).toEqual({
      allowed: false,
      retryAt: at("2027-03-04T07:00:00Z")
    });
  });

  it("counts in every window only when all have room, and says when the last full one opens again", () => {
    const now = at("2027-03-04T05:10:00Z");
    const states = {
      invitations_3600: { start: epoch("2027-03-04T05:00:00Z"), used: 1 },
      invitations_86400: { start: epoch("2027-03-04T00:00:00Z"), used: 4 }
    };
    expect(countInAll(states, [hourly, daily], now)).toEqual({
      allowed: true,
      next: {
        invitations_3600: { start: epoch("2027-03-04T05:00:00Z"), used: 2 },
        invitations_86400: { start: epoch("2027-03-04T00:00:00Z"), used: 5 }
      }
    });
    const dayFull = { ...states, invitations_86400: { start: epoch("2027-03-04T00:00:00Z"), used: 5 } };
    expect(countInAll(dayFull, [hourly, daily], now)).toEqual({
      allowed: false,
      retryAt: at("2027-03-05T00:00:00Z"),
      limit: daily
    });
    const bothFull = {
      invitations_3600: { start: epoch("2027-03-04T05:00:00Z"), used: 3 },
      invitations_86400: dayFull.invitations_86400
    };
    expect(countInAll(bothFull, [hourly, daily], now)).toEqual({
      allowed: false,
      retryAt: at("2027-03-05T00:00:00Z"),
      limit: daily
    });
    const hourFull = { ...bothFull, invitations_86400: states.invitations_86400 };
    expect(countInAll(hourFull, [hourly, daily], now)).toEqual({
      allowed: false,
      retryAt: at("2027-03-04T06:00:00Z"),
      limit: hourly
    });
  });

  it("treats a window it has never seen as empty", () => {
    expect(countInAll({}, [hourly, daily], at("2027-03-04T05:10:00Z"))).toMatchObject({
      allowed: true,
      next: { invitations_3600: { used: 1 }, invitations_86400: { used: 1 } }
    });
  });
});
