import { describe, expect, it } from "vitest";
import {
  deletionRefusal,
  editableTerms,
  frozenTermErrors,
  frozenTermsRule
} from "../../../shared/domain/relationship-edits";
import { relationshipStatuses } from "../../../shared/domain/relationship";

describe("frozenTermErrors", () => {
  it("lets every term change while the relationship is created", () => {
    expect(frozenTermErrors("created", editableTerms)).toEqual([]);
  });

  it.each(["approvalPending", "approved", "activating", "active", "expiring"] as const)(
    "lets only autoExtendDuration change when %s",
    (status) => {
      expect(frozenTermErrors(status, ["autoExtendDuration"])).toEqual([]);
      const errors = frozenTermErrors(status, ["displayName", "duration", "customer", "accessDetails", "partnerType"]);
      expect(errors.map((error) => error.field)).toEqual([
        "displayName",
        "duration",
        "customer",
        "accessDetails",
        "partnerType"
      ]);
      expect(errors[0]?.message).toContain(`only while the relationship is created`);
      expect(errors[0]?.message).toContain(status);
    }
  );

  it.each(["terminationRequested", "terminating", "terminated", "expired", "declined", "cancelled"] as const)(
    "freezes autoExtendDuration too when %s",
    (status) => {
      expect(frozenTermErrors(status, ["autoExtendDuration"])).toEqual([
        { field: "autoExtendDuration", message: `can no longer change: this relationship is ${status}.` }
      ]);
    }
  );

  it("names the status and the frozen fields in one sentence", () => {
    expect(frozenTermsRule("active", frozenTermErrors("active", ["displayName", "duration"]))).toBe(
      "This relationship is active: displayName, duration cannot change now."
    );
  });
});

describe("deletionRefusal", () => {
  it("allows deleting a draft only", () => {
    expect(deletionRefusal("created")).toBeUndefined();
    for (const status of relationshipStatuses.filter((s) => s !== "created"))
      expect(deletionRefusal(status)).toMatch(/^Only a relationship in created can be deleted/);
  });

  it("points a locked relationship to a terminate request", () => {
    expect(deletionRefusal("approvalPending")).toContain("withdraw it with a terminate request");
  });
});
