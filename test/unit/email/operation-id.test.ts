import { describe, expect, it } from "vitest";
import { operationIds, uuidFrom } from "../../../shared/email/operation-id";

const uuidV5Layout = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("email operation ids", () => {
  it("derives the same UUID from the same name, every time", () => {
    expect(uuidFrom("invitation-email:r-1:1")).toBe(uuidFrom("invitation-email:r-1:1"));
    expect(operationIds.invitation("r-1", 1)).toBe(uuidFrom("invitation-email:r-1:1"));
  });

  it("has the RFC 4122 layout with the name-based version and the RFC variant", () => {
    for (const name of ["", "a", "invitation-email:r-1:1", "contact:c-9", "ü ✓ 名前", "x".repeat(10_000)]) {
      expect(uuidFrom(name)).toMatch(uuidV5Layout);
    }
  });

  it("gives different ids to different sends, notices, sides and end dates", () => {
    const ids = [
      operationIds.invitation("r-1", 1),
      operationIds.invitation("r-1", 2),
      operationIds.invitation("r-2", 1),
      operationIds.contact("r-1"),
      operationIds.notice("r-1", "expiry7", "2027-01-01T00:00:00.000Z", "partner"),
      operationIds.notice("r-1", "expiry7", "2027-01-01T00:00:00.000Z", "customer"),
      operationIds.notice("r-1", "expiry7", "2027-06-30T00:00:00.000Z", "customer"),
      operationIds.notice("r-1", "expiry1", "2027-01-01T00:00:00.000Z", "customer"),
      operationIds.notice("r-1", "terminated", undefined, "customer")
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is pinned: a change to the derivation would let redeliveries after a deploy send twice", () => {
    expect(uuidFrom("invitation-email:r-1:1")).toBe(PINNED);
  });
});

const PINNED = "558998d9-f5ac-5afa-be4e-e4bbaf64bd51";
