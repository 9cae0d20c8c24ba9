import { describe, expect, it } from "vitest";
import {
  batchStatusOf,
  countRows,
  maxBatchRows,
  nextChunk,
  validateBatchRows,
  type BatchTemplate
} from "../../../shared/domain/invitation-batches";

const template: BatchTemplate = {
  displayName: "Helpdesk standard",
  partnerType: "partnerWithGdap",
  accessDetails: { unifiedRoles: [{ roleDefinitionId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" }] },
  duration: "P1Y",
  durationDays: 365,
  autoExtendDuration: "PT0S"
};
const tenant = (n: number) => `0a1b2c3d-0000-4000-8000-${String(n).padStart(12, "0")}`;
const row = (n: number, extra: Record<string, unknown> = {}) => ({
  tenantId: tenant(n),
  adminEmail: `admin${n}@customer${n}.example`,
  ...extra
});

describe("bulk invitation rows", () => {
  it("keeps good rows pending, normalised, each named after the template and its customer unless the row names it", () => {
    const rows = validateBatchRows(template, [
      row(1, { tenantId: tenant(1).toUpperCase(), adminEmail: " Admin@Customer1.EXAMPLE " }),
      row(2, { displayName: "  Fabrikam helpdesk " })
    ]);
    expect(rows).toEqual([
      {
        row: 1,
        tenantId: tenant(1),
        adminEmail: "Admin@customer1.example",
        displayName: "Helpdesk standard 0a1b2c3d",
        outcome: "pending"
      },
      {
        row: 2,
        tenantId: tenant(2),
        adminEmail: "admin2@customer2.example",
        displayName: "Fabrikam helpdesk",
        outcome: "pending"
      }
    ]);
  });

  it("reports each bad row with its reason and leaves the others pending", () => {
    const rows = validateBatchRows(template, [
      row(1),
      { tenantId: "not-a-guid", adminEmail: "nobody" },
      { adminEmail: "admin@x.example" },
      "just text",
      row(5, { email: "typo@x.example" }),
      row(6, { displayName: 42 }),
      row(7, { displayName: "x".repeat(51) }),
      row(8, { tenantId: tenant(1) }),
      row(9, { displayName: "Helpdesk standard 0a1b2c3d" }),
      row(10)
    ]);
    expect(rows.map((r) => r.outcome)).toEqual([
      "pending",
      "failed",
      "failed",
      "failed",
      "failed",
      "failed",
      "failed",
      "failed",
      "failed",
      "pending"
    ]);
    const reason = (n: number) => rows[n - 1]?.error?.message ?? "";
    expect(reason(2)).toContain("adminEmail must be an email address");
    expect(reason(2)).toContain("tenantId must be the customer's tenant id");
    expect(reason(3)).toContain("tenantId is required");
    expect(reason(4)).toContain("must be an object");
    expect(reason(5)).toContain('unknown field "email"');
    expect(reason(6)).toContain("displayName must be text");
    expect(reason(7)).toContain("displayName must be at most 50 characters");
    expect(reason(8)).toContain("same customer tenant as row 1");
    expect(reason(9)).toContain("same relationship name as row 1");
    expect(rows.every((r) => r.outcome === "pending" || r.error?.code === "invalidRow")).toBe(true);
    // A bad row is shown back as it was sent.
    expect(rows[1]).toMatchObject({ tenantId: "not-a-guid", adminEmail: "nobody" });
  });

  it("fits a derived name into 50 characters, and uses the whole tenant id when two customers share its first 8", () => {
    const long = { ...template, displayName: "A very long template name that goes on and on and on" };
    const rows = validateBatchRows(long, [row(1), row(2)]);
    expect(rows[0]?.displayName).toBe("A very long template name that goes on an 0a1b2c3d");
    expect([...(rows[0]?.displayName ?? "")]).toHaveLength(50);
    expect(rows[1]?.displayName).toBe(`A very long t ${tenant(2)}`);
    expect(rows.map((r) => r.outcome)).toEqual(["pending", "pending"]);
  });

  it("keeps only so much of a bad row, so 1,000 rows of a body at the 1 MB limit stay far below Cosmos DB's 2 MB document limit", () => {
    // About 1 KB a row, the most a 1 MB body allows: long values, and names that are not ones we know.
    const long = (n: number) => "\u{1F600}".repeat(60) + "x".repeat(n);
    const bad = validateBatchRows(
      template,
      Array.from({ length: maxBatchRows }, () => ({
        tenantId: long(60),
        adminEmail: long(60),
        displayName: long(60),
        ["\u{1F600}".repeat(20)]: 1
      }))
    );
    expect(bad.every((r) => r.outcome === "failed" && (r.error?.message.length ?? 0) <= 300)).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(bad))).toBeLessThan(1_200_000);
    // The largest good rows: a 254-character address, a 50-character name of 4-byte characters, then invited.
    const email = `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.example`.slice(0, 254);
    const good = validateBatchRows(
      template,
      Array.from({ length: maxBatchRows }, (_, n) => ({
        tenantId: tenant(n),
        adminEmail: email,
        displayName: `${n} ${"\u{1F600}".repeat(45)}`
      }))
    );
    expect(good.every((r) => r.outcome === "pending")).toBe(true);
    const invited = good.map((r) => ({ ...r, outcome: "invited", relationshipId: tenant(r.row) }));
    expect(Buffer.byteLength(JSON.stringify(invited))).toBeLessThan(800_000);
  });

  it("counts rows, says the status, and hands out the next chunk in order", () => {
    const rows = validateBatchRows(template, [row(1), {}, row(3), row(4)]);
    const counts = countRows(rows);
    expect(counts).toEqual({ total: 4, invited: 0, failed: 1, pending: 3 });
    expect(batchStatusOf(counts, false, false)).toBe("queued");
    expect(batchStatusOf(counts, false, true)).toBe("running");
    expect(batchStatusOf(counts, true, true)).toBe("waiting");
    expect(batchStatusOf({ ...counts, pending: 0 }, false, true)).toBe("completedWithErrors");
    expect(batchStatusOf({ total: 2, invited: 2, failed: 0, pending: 0 }, false, true)).toBe("completed");
    expect(nextChunk(rows, 2).map((r) => r.row)).toEqual([1, 3]);
  });
});
