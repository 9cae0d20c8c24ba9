import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { currentAgreement } from "../../../shared/domain/agreement";

describe("currentAgreement", () => {
  it("carries the SHA-256 of exactly its text", () => {
    expect(currentAgreement.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(currentAgreement.sha256).toBe(createHash("sha256").update(currentAgreement.text, "utf8").digest("hex"));
  });

  it("is dated and titled", () => {
    expect(currentAgreement.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(currentAgreement.title.length).toBeGreaterThan(0);
  });

  it("covers acting on the customer's behalf, roles, time limits, removal and data", () => {
    const text = currentAgreement.text;
    for (const topic of ["on your behalf", "admin roles", "two years", "Global Administrator", "remove", "Your data"]) {
      expect(text).toContain(topic);
    }
    expect(text.split("\n\n").length).toBeGreaterThanOrEqual(3);
  });
});
