import { describe, expect, it } from "vitest";
import type { StoredBatch } from "../../../shared/batches/batch-records";
import { countRows, validateBatchRows, type BatchRow } from "../../../shared/domain/invitation-batches";
import { maxStepAttempts, nextDocument } from "../../../shared/use-cases/process-invitation-batch";

const template = {
  id: "6f1c0c1e-6a4b-4b5e-8a1f-2b3c4d5e6f70",
  displayName: "Helpdesk",
  partnerType: "partnerWithGdap" as const,
  accessDetails: { unifiedRoles: [{ roleDefinitionId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" }] },
  duration: "P1Y",
  durationDays: 365,
  autoExtendDuration: "PT0S" as const,
  accessAssignments: []
};
const now = new Date("2027-03-04T05:10:00Z");
const roomy = { hour: { max: 200, used: 0 }, day: { max: 1000, used: 0 } };

function batch(rowCount: number, extra: Partial<StoredBatch> = {}): StoredBatch {
  const rows = validateBatchRows(
    template,
    Array.from({ length: rowCount }, (_, n) => ({
      tenantId: `0a1b2c3d-0000-4000-8000-${String(n).padStart(12, "0")}`,
      adminEmail: `a${n}@c.example`
    }))
  );
  return {
    id: "0b0b0b0b-0000-4000-8000-000000000001",
    partnerTenantId: "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01",
    template,
    status: "queued",
    counts: countRows(rows),
    rows,
    createdDateTime: now.toISOString(),
    lastModifiedDateTime: now.toISOString(),
    createdBy: { kind: "partner" },
    step: 1,
    outbox: [],
    ...extra
  };
}

const invited = (rows: readonly BatchRow[]) =>
  new Map<number, BatchRow>(rows.map((row) => [row.row, { ...row, outcome: "invited", relationshipId: "r" }]));

describe("a batch step's result", () => {
  it("records the chunk, moves to the next step and owes that step's message now", () => {
    const start = batch(120);
    const next = nextDocument(start, { rows: invited(start.rows.slice(0, 50)) }, now, roomy);
    expect(next.counts).toEqual({ total: 120, invited: 50, failed: 0, pending: 70 });
    expect(next.status).toBe("running");
    expect(next.step).toBe(2);
    expect(next.outbox).toEqual([
      {
        id: `${start.id}:step:2`,
        message: { kind: "processInvitationBatch", partnerTenantId: start.partnerTenantId, batchId: start.id, step: 2 }
      }
    ]);
    expect(next.outboxSince).toBe(now.toISOString());
    expect(next.startedDateTime).toBe(now.toISOString());
    expect(next.estimatedCompletionDateTime).toBe("2027-03-04T05:10:07.000Z");
  });

  it("finishes with no message owed once nothing is pending", () => {
    const start = batch(3);
    const rows = invited(start.rows.slice(0, 2)).set(3, {
      ...(start.rows[2] as BatchRow),
      outcome: "failed",
      error: { code: "conflict", message: "name taken" }
    });
    const next = nextDocument(start, { rows }, now, undefined);
    expect(next.status).toBe("completedWithErrors");
    expect(next.outbox).toEqual([]);
    expect(next.outboxSince).toBeUndefined();
    expect(next.completedDateTime).toBe(now.toISOString());
    expect(next.estimatedCompletionDateTime).toBeUndefined();
  });

  it("waits for a partner limit: the next message is scheduled for when the window ends, and the estimate counts from there", () => {
    const start = batch(10);
    const until = new Date("2027-03-04T06:00:00Z");
    const next = nextDocument(
      start,
      { rows: invited(start.rows.slice(0, 5)), waitUntil: { limit: "invitationsPerPartnerPerHour", at: until } },
      now,
      { hour: { max: 5, used: 5 }, day: { max: 1000, used: 5 } }
    );
    expect(next.status).toBe("waiting");
    expect(next.waiting).toEqual({ limit: "invitationsPerPartnerPerHour", untilDateTime: until.toISOString() });
    expect(next.outbox[0]?.notBefore).toBe(until.toISOString());
    expect(next.estimatedCompletionDateTime).toBe("2027-03-04T06:00:01.000Z");
    // The next step that gets through is running again.
    const resumed = nextDocument(next, { rows: invited(next.rows.slice(5)) }, until, roomy);
    expect(resumed.status).toBe("completed");
    expect(resumed.waiting).toBeUndefined();
  });

  it("retries a step cut short by a passing failure with backoff, then fails the rows it could not invite", () => {
    let current = batch(60);
    for (let attempt = 1; attempt < maxStepAttempts; attempt += 1) {
      current = nextDocument(
        current,
        { rows: new Map(), passingFailure: "Cosmos DB is busy; try again shortly." },
        now,
        undefined
      );
      expect(current.failedSteps).toBe(attempt);
      expect(current.counts.pending).toBe(60);
      expect(current.lastError?.code).toBe("retrying");
      expect(Date.parse(current.outbox[0]?.notBefore ?? "")).toBe(
        now.getTime() + Math.min(300_000, 2_000 * 2 ** (attempt - 1))
      );
    }
    const gaveUp = nextDocument(
      current,
      { rows: new Map(), passingFailure: "Cosmos DB is busy; try again shortly." },
      now,
      roomy
    );
    expect(gaveUp.counts).toEqual({ total: 60, invited: 0, failed: 50, pending: 10 });
    expect(gaveUp.rows[0]?.error?.code).toBe("notInvited");
    expect(gaveUp.failedSteps).toBeUndefined();
    expect(gaveUp.outbox[0]?.notBefore).toBeUndefined();
    // A good step afterwards clears a "retrying" error but keeps the record of rows given up.
    expect(nextDocument(gaveUp, { rows: invited(gaveUp.rows.slice(50)) }, now, roomy).lastError?.code).toBe(
      "notInvited"
    );
  });
});
