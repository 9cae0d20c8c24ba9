/**
 * A partner submits a bulk invitation batch and reads it back. Submitting checks every row up front (a bad row is
 * kept with its reason, the rest go on), copies the template's terms onto the batch (editing the template later does
 * not change it), estimates when it will finish within the partner's invitation limits, and writes the batch once
 * with its first processing message in the outbox. The invitations are made by the queue (process-invitation-batch.ts).
 * With an Idempotency-Key the batch id is derived from it, so a retried submission finds the first batch.
 */
import { createHash, randomUUID } from "node:crypto";
import { estimateCompletion } from "../domain/batch-estimate";
import {
  batchStatusOf,
  countRows,
  validateBatchRows,
  type BatchRow,
  type BatchRowInput
} from "../domain/invitation-batches";
import { invitingRefusal } from "../domain/partner-standing";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import type { Limiter } from "../limits/limiter";
import type { AuditRecord } from "../outbox/outbox-entry";
import type { PartnerRecord } from "../tenants/tenant-records";
import { drainAfterBatchWrite, type BatchOutboxPorts } from "../batches/batch-outbox";
import type { BatchSummary, StoredBatch, VersionedBatch } from "../batches/batch-records";
import type { StoredTemplate } from "../templates/template-records";
import { idFromKey } from "./create-invitation";
import { resolveTemplate, type TemplatePorts } from "./relationship-templates";

export type SubmitBatchPorts = BatchOutboxPorts & TemplatePorts & { readonly limiter: Limiter };

export interface SubmitBatchInput {
  readonly partner: PartnerRecord;
  readonly actor: AuditRecord["actor"];
  readonly templateId: string;
  readonly customers: readonly BatchRowInput[];
  readonly idempotencyKey?: string;
}

export interface SubmittedBatch {
  readonly batch: VersionedBatch;
  /** False when an Idempotency-Key found the batch an earlier request submitted. */
  readonly created: boolean;
}

export async function submitBatch(ports: SubmitBatchPorts, input: SubmitBatchInput): Promise<SubmittedBatch> {
  const refusal = invitingRefusal(input.partner);
  if (refusal) throw new ForbiddenError(refusal);
  const partnerTenantId = input.partner.tenantId;
  const requestHash = createHash("sha256")
    .update(JSON.stringify({ templateId: input.templateId, customers: input.customers }))
    .digest("hex");
  const id = input.idempotencyKey
    ? idFromKey(partnerTenantId, `invitation-batch\u0000${input.idempotencyKey}`)
    : randomUUID();
  if (input.idempotencyKey) {
    const earlier = replay(await ports.batches.get(partnerTenantId, id), requestHash);
    if (earlier) return earlier;
  }
  const template = await resolveTemplate(ports, partnerTenantId, input.templateId);
  const rows = validateBatchRows(template, input.customers);
  // Counted once the request is known to be a batch, before anything is written; given back if nothing is.
  const admission = await ports.limiter.admitBatch(partnerTenantId, ports.clock.now());
  try {
    const submitted = await writeBatch(ports, input, id, requestHash, template, rows);
    if (!submitted.created) await admission.release();
    return submitted;
  } catch (error) {
    await admission.release();
    throw error;
  }
}

async function writeBatch(
  ports: SubmitBatchPorts,
  input: SubmitBatchInput,
  id: string,
  requestHash: string,
  template: StoredTemplate,
  rows: readonly BatchRow[]
): Promise<SubmittedBatch> {
  const partnerTenantId = input.partner.tenantId;
  const counts = countRows(rows);
  const now = ports.clock.now();
  const at = now.toISOString();
  const estimate =
    counts.pending > 0
      ? estimateCompletion(now, counts.pending, await ports.limiter.invitationAllowance(partnerTenantId, now))
      : undefined;
  const message = { kind: "processInvitationBatch" as const, partnerTenantId, batchId: id, step: 1 };
  const document: StoredBatch = {
    id,
    partnerTenantId,
    template: {
      id: template.id,
      displayName: template.displayName,
      partnerType: template.partnerType,
      accessDetails: template.accessDetails,
      duration: template.duration,
      durationDays: template.durationDays,
      autoExtendDuration: template.autoExtendDuration,
      accessAssignments: template.accessAssignments
    },
    status: batchStatusOf(counts, false, false),
    counts,
    rows,
    createdDateTime: at,
    lastModifiedDateTime: at,
    ...(counts.pending === 0 ? { completedDateTime: at } : {}),
    createdBy: input.actor,
    ...(estimate ? { estimatedCompletionDateTime: estimate.toISOString() } : {}),
    ...(input.idempotencyKey ? { idempotency: { key: input.idempotencyKey, requestHash } } : {}),
    step: 1,
    outbox: counts.pending > 0 ? [{ id: `${id}:step:1`, message }] : [],
    ...(counts.pending > 0 ? { outboxSince: at } : {})
  };
  let written: VersionedBatch;
  try {
    written = await ports.batches.create(document);
  } catch (error) {
    const raced =
      error instanceof ConflictError && input.idempotencyKey
        ? replay(await ports.batches.get(partnerTenantId, id), requestHash)
        : undefined;
    if (raced) return raced;
    throw error;
  }
  return { batch: await drainAfterBatchWrite(ports, written), created: true };
}

export async function getBatch(
  ports: Pick<BatchOutboxPorts, "batches">,
  partnerTenantId: string,
  id: string
): Promise<VersionedBatch> {
  const found = await ports.batches.get(partnerTenantId, id);
  if (!found) throw new NotFoundError("No such invitation batch.");
  return found;
}

export function listBatches(
  ports: Pick<BatchOutboxPorts, "batches">,
  partnerTenantId: string,
  top: number,
  continuation?: string
): Promise<{ items: readonly BatchSummary[]; continuation?: string }> {
  return ports.batches.list(partnerTenantId, top, continuation);
}

function replay(earlier: VersionedBatch | undefined, requestHash: string): SubmittedBatch | undefined {
  if (!earlier) return undefined;
  if (earlier.document.idempotency?.requestHash !== requestHash) {
    throw new ConflictError("This Idempotency-Key was already used for a different batch.", [
      { field: "Idempotency-Key", message: "was used before with a different body; use a new key for a new batch." }
    ]);
  }
  return { batch: earlier, created: false };
}
