import { describe, expect, it } from "vitest";
import { addDays } from "../../../shared/domain/iso-duration";
import {
  canAutoExtend,
  dueExpiryNotices,
  endDateTime,
  expiringWindowStarts,
  expiryNoticeDays,
  extendedEnd,
  invitationExpiresAt
} from "../../../shared/domain/lifecycle";
import { globalAdministratorRoleId, helpdeskAdministratorRoleId } from "../../../shared/domain/roles";

const end = new Date("2027-06-30T09:00:00Z");
const hour = 3_600_000;

describe("relationship time rules", () => {
  it("expires an unaccepted invitation 90 days after it was created", () => {
    expect(invitationExpiresAt("2026-01-01T00:00:00Z").toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("ends a relationship its duration after activation", () => {
    expect(endDateTime("2026-01-01T08:30:00Z", 730).toISOString()).toBe("2028-01-01T08:30:00.000Z");
    expect(endDateTime(new Date("2026-01-01T08:30:00Z"), 1).toISOString()).toBe("2026-01-02T08:30:00.000Z");
  });

  it("opens the expiring window 30 days before the end", () => {
    expect(expiringWindowStarts(end).toISOString()).toBe("2027-05-31T09:00:00.000Z");
  });

  it("moves the end 180 days on at each extension", () => {
    expect(extendedEnd(end).toISOString()).toBe("2027-12-27T09:00:00.000Z");
  });
});

describe("canAutoExtend", () => {
  const helpdesk = { unifiedRoles: [{ roleDefinitionId: helpdeskAdministratorRoleId }] };
  const withGlobalAdmin = {
    unifiedRoles: [{ roleDefinitionId: helpdeskAdministratorRoleId }, { roleDefinitionId: globalAdministratorRoleId }]
  };

  it("allows it for an active or expiring relationship set to P180D without Global Administrator", () => {
    expect(canAutoExtend({ status: "expiring", autoExtendDuration: "P180D", accessDetails: helpdesk })).toEqual({
      allowed: true
    });
    expect(canAutoExtend({ status: "active", autoExtendDuration: "P180D", accessDetails: helpdesk })).toEqual({
      allowed: true
    });
  });

  it("refuses it when the relationship includes Global Administrator", () => {
    const decision = canAutoExtend({ status: "expiring", autoExtendDuration: "P180D", accessDetails: withGlobalAdmin });
    expect(!decision.allowed && decision.reason).toContain("Global Administrator");
  });

  it("refuses it when auto-extension is off", () => {
    expect(canAutoExtend({ status: "expiring", autoExtendDuration: "PT0S", accessDetails: helpdesk }).allowed).toBe(
      false
    );
  });

  it("refuses it once the relationship has left active use", () => {
    for (const status of ["expired", "terminationRequested", "approved"] as const) {
      expect(canAutoExtend({ status, autoExtendDuration: "P180D", accessDetails: helpdesk }).allowed).toBe(false);
    }
  });
});

describe("dueExpiryNotices", () => {
  it("sends notices at 30, 7 and 1 days before the end and on the day", () => {
    expect(expiryNoticeDays).toEqual([30, 7, 1, 0]);
    expect(dueExpiryNotices(end, addDays(end, -30), [])).toEqual([30]);
    expect(dueExpiryNotices(end, addDays(end, -7), [30])).toEqual([7]);
    expect(dueExpiryNotices(end, addDays(end, -1), [30, 7])).toEqual([1]);
    expect(dueExpiryNotices(end, end, [30, 7, 1])).toEqual([0]);
  });

  it("sends nothing before the 30-day mark", () => {
    expect(dueExpiryNotices(end, new Date(addDays(end, -30).getTime() - 1), [])).toEqual([]);
  });

  it("never sends the same notice twice", () => {
    expect(dueExpiryNotices(end, addDays(end, -29), [30])).toEqual([]);
    expect(dueExpiryNotices(end, addDays(end, 2), [30, 7, 1, 0])).toEqual([]);
  });

  it("skips notices a stopped timer missed and sends only the most urgent", () => {
    expect(dueExpiryNotices(end, addDays(end, -5), [])).toEqual([7]);
  });

  it("sends each notice exactly once when a timer runs every hour for 40 days", () => {
    const sent: number[] = [];
    for (let now = addDays(end, -40).getTime(); now <= addDays(end, 1).getTime(); now += hour) {
      sent.push(...dueExpiryNotices(end, new Date(now), sent));
    }
    expect(sent).toEqual([30, 7, 1, 0]);
  });

  it("accepts ISO strings for the end and the current time", () => {
    expect(dueExpiryNotices("2027-06-30T09:00:00Z", "2027-06-29T10:00:00Z", [30, 7])).toEqual([1]);
  });
});
