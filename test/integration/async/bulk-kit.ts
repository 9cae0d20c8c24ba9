/**
 * What the bulk invitation tests share: a template to invite with, batch rows with a customer tenant and an address
 * of their own each, and reading a batch back until it is where a test wants it.
 */
import { randomUUID } from "node:crypto";
import { call, roles } from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";

export const batchesPath = "/api/partner/invitation-batches";

export interface BatchRowResult {
  row: number;
  tenantId: string;
  adminEmail: string;
  displayName: string;
  outcome: "pending" | "invited" | "failed";
  relationshipId?: string;
  error?: { code: string; message: string };
}

export interface Batch {
  id: string;
  status: string;
  counts: { total: number; invited: number; failed: number; pending: number };
  estimatedCompletionDateTime?: string;
  waiting?: { limit: string; untilDateTime: string };
  results: BatchRowResult[];
  errors?: { field: string; message: string }[];
}

/** A template of the partner's, named `name`, on the usual two roles. */
export async function newTemplate(
  runtime: LocalRuntime,
  token: string,
  name = `Bulk ${randomUUID().slice(0, 8)}`
): Promise<{ id: string; displayName: string }> {
  const created = await call<{ id: string; displayName: string }>(
    runtime,
    "POST",
    "/api/partner/relationship-templates",
    {
      token,
      body: {
        displayName: name,
        accessDetails: {
          unifiedRoles: [
            { roleDefinitionId: roles.helpdeskAdministrator },
            { roleDefinitionId: roles.userAdministrator }
          ]
        },
        duration: "P365D"
      }
    }
  );
  if (created.status !== 201) throw new Error(`template: ${created.status} ${created.text}`);
  return { id: created.body.id, displayName: created.body.displayName };
}

/** `count` good customers, each its own tenant and address. */
export function customers(count: number): { tenantId: string; adminEmail: string }[] {
  return Array.from({ length: count }, () => ({
    tenantId: randomUUID(),
    adminEmail: `admin-${randomUUID().slice(0, 12)}@customer.example`
  }));
}

export async function readBatch(runtime: LocalRuntime, token: string, id: string): Promise<Batch> {
  const response = await call<Batch>(runtime, "GET", `${batchesPath}/${id}`, { token });
  if (response.status !== 200) throw new Error(`batch: ${response.status} ${response.text}`);
  return response.body;
}

/** Polls the batch until `done` says so (usable anywhere, unlike expect.poll); throws with the last state after `timeoutMs`. */
export async function waitForBatch(
  runtime: LocalRuntime,
  token: string,
  id: string,
  done: (batch: Batch) => boolean,
  timeoutMs = 60_000,
  intervalMs = 100
): Promise<Batch> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const batch = await readBatch(runtime, token, id);
    if (done(batch)) return batch;
    if (Date.now() > deadline)
      throw new Error(`batch ${id} is ${batch.status} ${JSON.stringify(batch.counts)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const isFinished = (batch: Batch): boolean =>
  batch.status === "completed" || batch.status === "completedWithErrors";
