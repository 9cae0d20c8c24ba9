/**
 * For the timer tests: run a timer now through the host's admin API and wait for that very run to finish, move
 * the product clock, and seed relationships straight into Cosmos DB (so a test can start from `active` without
 * going through the customer's acceptance and the grants handler — the timers themselves run in the real host).
 */
import { randomUUID } from "node:crypto";
import type { Container, JSONObject } from "@azure/cosmos";
import { expect } from "vitest";
import { containerIds } from "../../../shared/cosmos/containers";
import { createCosmosClient } from "../../../shared/cosmos/cosmos-client";
import { addDays } from "../../../shared/domain/iso-duration";
import { withDueDate } from "../../../shared/relationships/due-date";
import type { StoredRelationship } from "../../../shared/relationships/relationship-document";
import type { BatchRunSummary } from "../../../shared/timers/due-batches";
import type { LocalRuntime } from "../../helpers/local-runtime";

interface LogLine {
  event?: string;
  function?: string;
  reason?: string;
  outcome?: string;
  invocationId?: string;
  category?: string;
  message: string;
}

function logLines(runtime: LocalRuntime): LogLine[] {
  return runtime
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

const adminRunsOf = (runtime: LocalRuntime, name: string) =>
  logLines(runtime).filter((line) => line.event === "invocation" && line.function === name && line.reason === "admin");

export interface TimerRun {
  readonly outcome: string;
  /** What the run reported in its summary log line, when it logged one. */
  readonly summary?: BatchRunSummary;
}

/** `POST /admin/functions/{name}` answers 202 at once; this waits for the run it started (scheduled runs are told apart by reason). */
export async function runTimer(runtime: LocalRuntime, name: string): Promise<TimerRun> {
  const before = adminRunsOf(runtime, name).length;
  const response = await fetch(`${runtime.url}/admin/functions/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ input: "" })
  });
  expect(response.status).toBe(202);
  await expect.poll(() => adminRunsOf(runtime, name).length, { timeout: 30_000, interval: 50 }).toBeGreaterThan(before);
  const run = adminRunsOf(runtime, name)[before] as LogLine;
  const summaryLine = logLines(runtime).find(
    (line) => line.invocationId === run.invocationId && line.category === "user" && line.message.includes("{")
  );
  const summary = summaryLine
    ? (JSON.parse(summaryLine.message.slice(summaryLine.message.indexOf("{"))) as BatchRunSummary)
    : undefined;
  return { outcome: run.outcome ?? "unknown", summary };
}

export async function productNow(runtime: LocalRuntime): Promise<Date> {
  const response = await fetch(`${runtime.url}/dev/clock`);
  return new Date(((await response.json()) as { now: string }).now);
}

export async function advanceClock(runtime: LocalRuntime, by: { days?: number; ms?: number }): Promise<Date> {
  const response = await fetch(`${runtime.url}/dev/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceDays: by.days ?? 0, advanceMs: by.ms ?? 0 })
  });
  expect(response.status).toBe(200);
  return new Date(((await response.json()) as { now: string }).now);
}

export async function resetClock(runtime: LocalRuntime): Promise<void> {
  await fetch(`${runtime.url}/dev/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ reset: true })
  });
}

export function relationshipsContainer(
  runtime: Pick<LocalRuntime, "cosmos">,
  databaseName = "partner-relationships"
): Container {
  const client = createCosmosClient(
    { kind: "emulator", connectionString: runtime.cosmos.connectionString, endpoint: runtime.cosmos.endpoint },
    () => {
      throw new Error("emulator only");
    }
  );
  return client.database(databaseName).container(containerIds.relationships);
}

export const roleIds = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1"
} as const;

export interface ActiveSeed {
  readonly partnerTenantId: string;
  /** The end, in days from `now` (may be negative: already past). */
  readonly endsInDays: number;
  readonly autoExtendDuration?: "PT0S" | "P180D";
  readonly roles?: readonly string[];
  readonly status?: "active" | "expiring";
  readonly expiryNoticesSent?: readonly number[];
  readonly displayName?: string;
}

/** An active relationship as the grants handler leaves it (status active, endDateTime set), with its due date. */
export function activeRelationship(now: Date, seed: ActiveSeed): StoredRelationship {
  const id = randomUUID();
  const displayName = seed.displayName ?? `Seeded ${id.slice(0, 8)}`;
  const end = addDays(now, seed.endsInDays);
  const activated = addDays(end, -365);
  const at = now.toISOString();
  return withDueDate({
    id,
    partnerTenantId: seed.partnerTenantId,
    displayName,
    uniqueName: displayName.toLowerCase(),
    partnerType: "partnerWithGdap",
    partner: { tenantId: seed.partnerTenantId, displayName: "Seeded partner" },
    customer: { tenantId: randomUUID(), adminEmail: "admin@customer.example" },
    accessDetails: {
      unifiedRoles: (seed.roles ?? [roleIds.helpdeskAdministrator, roleIds.userAdministrator]).map(
        (roleDefinitionId) => ({ roleDefinitionId })
      )
    },
    duration: "P365D",
    autoExtendDuration: seed.autoExtendDuration ?? "PT0S",
    status: seed.status ?? "active",
    createdDateTime: addDays(activated, -1).toISOString(),
    lastModifiedDateTime: at,
    activatedDateTime: activated.toISOString(),
    endDateTime: end.toISOString(),
    invitation: {
      nonce: randomUUID(),
      tokenHash: randomUUID(),
      expiresDateTime: addDays(activated, 89).toISOString(),
      sendCount: 1
    },
    acceptance: {
      tenantId: randomUUID(),
      userId: randomUUID(),
      acceptedDateTime: activated.toISOString(),
      agreementVersion: "2024-01",
      agreementSha256: "0".repeat(64)
    },
    ...(seed.expiryNoticesSent ? { expiryNoticesSent: seed.expiryNoticesSent } : {}),
    version: 3,
    outbox: []
  });
}

/** Writes many documents at once, in chunks (the SDK's bulk API, as a migration would). */
export async function seedAll(container: Container, documents: readonly StoredRelationship[]): Promise<void> {
  for (let start = 0; start < documents.length; start += 100) {
    const chunk = documents.slice(start, start + 100);
    const results = await container.items.executeBulkOperations(
      chunk.map((document) => ({
        operationType: "Create" as const,
        partitionKey: document.partnerTenantId,
        resourceBody: JSON.parse(JSON.stringify(document)) as JSONObject
      }))
    );
    const failed = results.filter((result) => (result.response?.statusCode ?? 500) >= 300);
    if (failed.length > 0)
      throw new Error(
        `seeding failed for ${failed.length} document(s): ${failed[0]?.response?.statusCode ?? failed[0]?.error?.message}`
      );
  }
}
