/**
 * One step of a bulk batch (queue `invitation-batches`): the next rows (a chunk) are invited on the batch's template
 * through the one-step invitation use case, each with an Idempotency-Key derived from (batch, row), so a chunk done
 * twice (a redelivery, a crash before its results were written) finds the same relationships and sends no second
 * email. The results go back to the batch in one ETag-guarded write, with the next step's message in its outbox.
 *
 * Steps: a message carries the step it was sent for; once its results are written the batch moves to the next step,
 * so an older message (delivered again, or sent twice) does nothing but finish the batch's outbox.
 *
 * Limits: when the partner's hourly or daily invitation limit refuses, the chunk stops there and the next step is
 * scheduled for the moment the window ends; the batch reads `waiting` with that moment and its estimated completion.
 * An address over its daily limit fails its own row only. A passing failure (Cosmos DB busy) leaves its rows pending
 * and tries the step again with backoff; after `maxStepAttempts` such steps in a row those rows fail with the reason.
 */
import { estimateCompletion, type InvitationAllowance } from "../domain/batch-estimate";
import {
  batchChunkConcurrency,
  batchStatusOf,
  countRows,
  maxRowErrorLength,
  nextChunk,
  shorten,
  type BatchRow
} from "../domain/invitation-batches";
import { invitingRefusal } from "../domain/partner-standing";
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  TooManyRequestsError,
  ValidationError
} from "../errors";
import type { InvitationBatchMessage } from "../messaging/messages";
import { retryDelayMs } from "../messaging/queue-trigger";
import type { TenantStore, PartnerRecord } from "../tenants/tenant-records";
import { drainAfterBatchWrite, drainBatchOutbox, type BatchOutboxPorts } from "../batches/batch-outbox";
import type { BatchOutboxEntry, StoredBatch, VersionedBatch } from "../batches/batch-records";
import { createInvitation, type CreateInvitationPorts } from "./create-invitation";

export type ProcessBatchPorts = BatchOutboxPorts &
  CreateInvitationPorts & { readonly tenants: Pick<TenantStore, "getPartner"> };

/** Steps in a row that may fail on a passing error before the rows they could not invite are failed. */
export const maxStepAttempts = 10;
const maxStepRetryDelayMs = 300_000;
const maxWriteAttempts = 5;

interface StepResults {
  readonly rows: ReadonlyMap<number, BatchRow>;
  /** A partner limit refused: the batch goes on when it allows again. */
  readonly waitUntil?: { readonly limit: string; readonly at: Date };
  /** A passing failure left rows pending. */
  readonly passingFailure?: string;
  /** Rows whose relationship an earlier delivery of this step had already made (for the log). */
  readonly found?: number;
}

/** Does the step; resolves with a line for the log. */
export async function processBatchStep(ports: ProcessBatchPorts, message: InvitationBatchMessage): Promise<string> {
  const current = await ports.batches.get(message.partnerTenantId, message.batchId);
  if (!current) throw new NotFoundError(`No invitation batch ${message.batchId}.`);
  if (message.step !== current.document.step) {
    await drainBatchOutbox(ports, current);
    return `step ${message.step} is done (the batch is at step ${current.document.step})`;
  }
  const chunk = nextChunk(current.document.rows);
  if (chunk.length === 0) {
    await drainBatchOutbox(ports, current);
    return "nothing left to invite";
  }
  const partner = await ports.tenants.getPartner(message.partnerTenantId);
  const refusal = partner ? invitingRefusal(partner) : "Your tenant is no longer a registered partner.";
  const results =
    refusal || !partner
      ? refuseAll(current.document, refusal ?? "")
      : await inviteChunk(ports, partner, current.document, chunk);
  const written = await recordStep(ports, current, message.step, results);
  if (!written) return `step ${message.step} was recorded by another delivery`;
  const { counts, status } = written.document;
  const again = results.found ? ` (${results.found} made by an earlier delivery)` : "";
  return `step ${message.step}: ${results.rows.size} row(s) settled${again}; ${counts.invited} invited, ${counts.failed} failed, ${counts.pending} pending; ${status}`;
}

/** Every pending row fails: the partner may not invite (suspended, or no longer registered). */
function refuseAll(batch: StoredBatch, reason: string): StepResults {
  const rows = new Map<number, BatchRow>();
  for (const row of batch.rows)
    if (row.outcome === "pending")
      rows.set(row.row, { ...row, outcome: "failed", error: { code: "partnerNotAllowed", message: reason } });
  return { rows };
}

async function inviteChunk(
  ports: ProcessBatchPorts,
  partner: PartnerRecord,
  batch: StoredBatch,
  chunk: readonly BatchRow[]
): Promise<StepResults> {
  const rows = new Map<number, BatchRow>();
  const stops: { waitUntil?: StepResults["waitUntil"]; passingFailure?: string } = {};
  let found = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    // A partner limit stops the chunk: rows after it would only be refused too, at a request each.
    while (next < chunk.length && !stops.waitUntil) {
      const row = chunk[next++] as BatchRow;
      try {
        const created = await createInvitation(ports, {
          partner,
          actor: batch.createdBy,
          request: {
            partnerType: batch.template.partnerType,
            displayName: row.displayName,
            customer: { adminEmail: row.adminEmail, tenantId: row.tenantId },
            accessDetails: batch.template.accessDetails,
            duration: batch.template.duration,
            autoExtendDuration: batch.template.autoExtendDuration
          },
          idempotencyKey: rowKey(batch.id, row.row),
          template: batch.template
        });
        rows.set(row.row, { ...row, outcome: "invited", relationshipId: created.relationship.document.id });
        if (!created.created) found += 1;
      } catch (error) {
        if (error instanceof TooManyRequestsError && ports.limiter.isPartnerInvitationLimit(error.limit)) {
          stops.waitUntil = laterWait(stops.waitUntil, { limit: error.limit, at: error.retryAt });
        } else if (isRowRefusal(error)) {
          rows.set(row.row, {
            ...row,
            outcome: "failed",
            error: { code: rowErrorCode(error), message: shorten(rowErrorMessage(error), maxRowErrorLength) }
          });
        } else {
          stops.passingFailure =
            error instanceof AppError ? error.message : "A service the invitations depend on failed.";
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(batchChunkConcurrency, chunk.length) }, worker));
  return { rows, found, ...stops };
}

/** Two rows refused at once by the hour and the day: the batch waits for the later. */
function laterWait(
  earlier: StepResults["waitUntil"],
  refusal: NonNullable<StepResults["waitUntil"]>
): NonNullable<StepResults["waitUntil"]> {
  return earlier && earlier.at >= refusal.at ? earlier : refusal;
}

/** The Idempotency-Key of a row: the same row of the same batch always names the same relationship. */
function rowKey(batchId: string, row: number): string {
  return `invitation-batch:${batchId}:row:${row}`;
}

/** What refuses one row for good: its own data, its address's daily limit, a name or key already used. */
function isRowRefusal(error: unknown): boolean {
  return (
    error instanceof TooManyRequestsError ||
    error instanceof ConflictError ||
    error instanceof ValidationError ||
    error instanceof ForbiddenError
  );
}

function rowErrorCode(error: unknown): string {
  if (error instanceof TooManyRequestsError) return "addressLimit";
  if (error instanceof ConflictError) return "conflict";
  if (error instanceof ForbiddenError) return "partnerNotAllowed";
  return "invalidRow";
}

function rowErrorMessage(error: unknown): string {
  if (error instanceof TooManyRequestsError)
    return `${error.message} It can be invited again after ${error.retryAt.toISOString()}.`;
  if (error instanceof ValidationError) return error.errors.map((e) => `${e.field} ${e.message}`).join(" ");
  if (error instanceof ConflictError && error.errors.length > 0)
    return error.errors.map((e) => `${e.field} ${e.message}`).join(" ");
  return (error as Error).message;
}

/** Merges the step's results into the batch (re-read on a lost ETag race); undefined when another delivery recorded this step first. */
async function recordStep(
  ports: ProcessBatchPorts,
  start: VersionedBatch,
  step: number,
  results: StepResults
): Promise<VersionedBatch | undefined> {
  let current = start;
  for (let attempt = 1; ; attempt += 1) {
    if (current.document.step !== step) return undefined;
    const now = ports.clock.now();
    const pendingAfter = current.document.rows.filter(
      (row) => row.outcome === "pending" && !results.rows.has(row.row)
    ).length;
    const allowance =
      pendingAfter > 0 && !results.passingFailure
        ? await ports.limiter.invitationAllowance(current.document.partnerTenantId, now)
        : undefined;
    const next = nextDocument(current.document, results, now, allowance);
    try {
      const written = await ports.batches.replace(next, current.etag);
      return await drainAfterBatchWrite(ports, written);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt >= maxWriteAttempts) throw error;
      const reread = await ports.batches.get(start.document.partnerTenantId, start.document.id);
      if (!reread) throw new NotFoundError(`No invitation batch ${start.document.id}.`);
      current = reread;
    }
  }
}

/** The batch after this step: its rows, counts and status, and the next step's message (sent now or scheduled). */
export function nextDocument(
  batch: StoredBatch,
  results: StepResults,
  now: Date,
  allowance: InvitationAllowance | undefined
): StoredBatch {
  const at = now.toISOString();
  const failedSteps = results.passingFailure ? (batch.failedSteps ?? 0) + 1 : 0;
  const giveUp = results.passingFailure !== undefined && failedSteps >= maxStepAttempts;
  const settled = new Map(results.rows);
  // Given up after repeated passing failures: the rows this step could not invite fail with the reason.
  if (giveUp) {
    for (const row of nextChunk(batch.rows)) {
      if (!settled.has(row.row))
        settled.set(row.row, {
          ...row,
          outcome: "failed",
          error: {
            code: "notInvited",
            message: `Could not be invited after ${maxStepAttempts} attempts (${results.passingFailure}); submit it again.`
          }
        });
    }
  }
  const rows = batch.rows.map((row) => (row.outcome === "pending" ? (settled.get(row.row) ?? row) : row));
  const counts = countRows(rows);
  const step = batch.step + 1;
  const waitUntil = counts.pending > 0 ? results.waitUntil : undefined;
  const retryAt =
    counts.pending > 0 && results.passingFailure && !giveUp
      ? new Date(now.getTime() + retryDelayMs(failedSteps, maxStepRetryDelayMs))
      : undefined;
  const notBefore = waitUntil?.at ?? retryAt;
  const outbox: BatchOutboxEntry[] =
    counts.pending > 0
      ? [
          {
            id: `${batch.id}:step:${step}`,
            message: {
              kind: "processInvitationBatch",
              partnerTenantId: batch.partnerTenantId,
              batchId: batch.id,
              step
            },
            ...(notBefore ? { notBefore: notBefore.toISOString() } : {})
          }
        ]
      : [];
  const estimate = counts.pending > 0 && allowance ? estimateCompletion(now, counts.pending, allowance) : undefined;
  const {
    waiting: _waiting,
    estimatedCompletionDateTime: _estimate,
    outboxSince: _since,
    failedSteps: _failed,
    ...rest
  } = batch;
  return {
    ...rest,
    rows,
    counts,
    status: batchStatusOf(counts, waitUntil !== undefined, true),
    step,
    startedDateTime: batch.startedDateTime ?? at,
    lastModifiedDateTime: at,
    ...(counts.pending === 0 ? { completedDateTime: at } : {}),
    ...(waitUntil ? { waiting: { limit: waitUntil.limit, untilDateTime: waitUntil.at.toISOString() } } : {}),
    ...(estimate
      ? { estimatedCompletionDateTime: estimate.toISOString() }
      : counts.pending > 0 && batch.estimatedCompletionDateTime
        ? { estimatedCompletionDateTime: batch.estimatedCompletionDateTime }
        : {}),
    ...(failedSteps > 0 && !giveUp ? { failedSteps } : {}),
    ...lastErrorAfter(batch, results, giveUp, at),
    outbox,
    ...(outbox.length > 0 ? { outboxSince: at } : {})
  };
}

/** A passing failure shows while the step is retried; a later good step clears it, giving up keeps it. */
function lastErrorAfter(
  batch: StoredBatch,
  results: StepResults,
  giveUp: boolean,
  at: string
): Pick<StoredBatch, "lastError"> {
  if (results.passingFailure)
    return {
      lastError: { code: giveUp ? "notInvited" : "retrying", message: results.passingFailure, occurredDateTime: at }
    };
  return batch.lastError && batch.lastError.code !== "retrying" ? { lastError: batch.lastError } : {};
}

/** The queue gave up on a step message (its reads or writes kept failing): the batch says so instead of hanging. */
export async function recordBatchGiveUp(
  ports: Pick<ProcessBatchPorts, "batches" | "clock">,
  message: InvitationBatchMessage
): Promise<void> {
  const current = await ports.batches.get(message.partnerTenantId, message.batchId);
  if (!current || current.document.step !== message.step || current.document.counts.pending === 0) return;
  const at = ports.clock.now().toISOString();
  const lastError = {
    code: "stopped",
    message: "Processing stopped after repeated failures; support has been alerted and will resume it.",
    occurredDateTime: at
  };
  await ports.batches.replace({ ...current.document, lastError, lastModifiedDateTime: at }, current.etag);
}
