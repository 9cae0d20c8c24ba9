/**
 * An invitation batch as stored (container `invitation-batches`, partition `/partnerTenantId`): its rows with
 * their outcomes, the template's terms as they were when it was submitted, where processing stands (`step`), and an
 * outbox holding the next queue message, written in the same write as the results that make it due. 1,000 rows fit
 * in one document: 1,000 rows of a 1 MB body come to about 1.1 MB, ordinary ones to 250 KB, under Cosmos DB's 2 MB
 * (test/unit/domain/invitation-batches.test.ts).
 */
import type { BatchCounts, BatchRow, BatchStatus } from "../domain/invitation-batches";
import type { InvitationBatchMessage } from "../messaging/messages";
import type { AuditRecord } from "../outbox/outbox-entry";
import type { DraftTemplate } from "../relationships/relationship-drafts";
import type { NormalizedTerms } from "../domain/invitation-rules";

/** The next message of a batch, owed by the write that recorded it: sent now, or scheduled for when a limit lets the batch go on. */
export interface BatchOutboxEntry {
  readonly id: string;
  readonly message: InvitationBatchMessage;
  /** Not before this moment (product clock): a limit's window ends then. */
  readonly notBefore?: string;
}

export interface StoredBatch {
  readonly id: string;
  readonly partnerTenantId: string;
  readonly template: DraftTemplate & NormalizedTerms;
  readonly status: BatchStatus;
  readonly counts: BatchCounts;
  readonly rows: readonly BatchRow[];
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  readonly startedDateTime?: string;
  readonly completedDateTime?: string;
  /** Who submitted it: the invitations are made and audited in their name. */
  readonly createdBy: AuditRecord["actor"];
  /** While a limit holds the batch back: which, and when it goes on. */
  readonly waiting?: { readonly limit: string; readonly untilDateTime: string };
  readonly estimatedCompletionDateTime?: string;
  /** The last failure that stopped rows, in a safe sentence. */
  readonly lastError?: { readonly code: string; readonly message: string; readonly occurredDateTime: string };
  /** Steps in a row that a passing failure (Cosmos DB busy) cut short; reset by a step without one. */
  readonly failedSteps?: number;
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
  /** The processing message now due carries this number; older ones (redelivered, duplicated) only finish the outbox. */
  readonly step: number;
  readonly outbox: readonly BatchOutboxEntry[];
  readonly outboxSince?: string;
}

export interface VersionedBatch {
  readonly document: StoredBatch;
  readonly etag: string;
}

/** What the list shows of each batch: never its rows. */
export type BatchSummary = Omit<StoredBatch, "rows" | "outbox" | "template" | "idempotency" | "failedSteps"> & {
  readonly template: { readonly id: string; readonly displayName: string };
};

export interface BatchReference {
  readonly partnerTenantId: string;
  readonly id: string;
}

export interface BatchStore {
  /** Throws ConflictError when the id exists (an Idempotency-Key used before). */
  create(document: StoredBatch): Promise<VersionedBatch>;
  get(partnerTenantId: string, id: string): Promise<VersionedBatch | undefined>;
  /** Throws PreconditionFailedError when the stored ETag is no longer `etag`. */
  replace(document: StoredBatch, etag: string): Promise<VersionedBatch>;
  /** The partner's batches, newest first, without their rows: one single-partition query. */
  list(
    partnerTenantId: string,
    top: number,
    continuation?: string
  ): Promise<{ items: readonly BatchSummary[]; continuation?: string }>;
  /** Batches whose outbox has waited since before `before` (the outbox timer), oldest first. */
  listWithStaleOutbox(
    before: string,
    limit: number,
    continuation?: string
  ): Promise<{ items: readonly BatchReference[]; continuation?: string }>;
}
