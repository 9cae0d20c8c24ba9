import { describe, expect, it } from "vitest";
import { nextDueDateTime, withDueDate } from "../../../shared/relationships/due-date";

const invitation = { nonce: "n", tokenHash: "h", expiresDateTime: "2027-01-01T00:00:00.000Z", sendCount: 1 };
const end = "2027-06-30T00:00:00.000Z";

describe("nextDueDateTime", () => {
  it("is the invitation's expiry while the invitation is pending", () => {
    expect(nextDueDateTime({ status: "approvalPending", invitation })).toBe("2027-01-01T00:00:00.000Z");
  });

  it("is the 30-day notice (and expiring window) for a fresh active relationship", () => {
    expect(nextDueDateTime({ status: "active", invitation, endDateTime: end })).toBe("2027-05-31T00:00:00.000Z");
  });

  it("moves to the next notice not yet sent, then to the end itself", () => {
    expect(nextDueDateTime({ status: "expiring", invitation, endDateTime: end, expiryNoticesSent: [30] })).toBe(
      "2027-06-23T00:00:00.000Z"
    );
    expect(nextDueDateTime({ status: "expiring", invitation, endDateTime: end, expiryNoticesSent: [30, 7] })).toBe(
      "2027-06-29T00:00:00.000Z"
    );
    expect(nextDueDateTime({ status: "expiring", invitation, endDateTime: end, expiryNoticesSent: [30, 7, 1] })).toBe(
      end
    );
  });

  it("is nothing for statuses the queues carry forward or that are final", () => {
    for (const status of [
      "approved",
      "activating",
      "terminationRequested",
      "terminating",
      "terminated",
      "expired",
      "declined",
      "cancelled"
    ] as const) {
      expect(nextDueDateTime({ status, invitation, endDateTime: end })).toBeUndefined();
    }
  });

  it("withDueDate sets or clears the field", () => {
    expect(
      withDueDate({ status: "active" as const, invitation, endDateTime: end, dueDateTime: "old" }).dueDateTime
    ).toBe("2027-05-31T00:00:00.000Z");
    expect("dueDateTime" in withDueDate({ status: "terminated" as const, invitation, dueDateTime: "old" })).toBe(false);
  });
});
