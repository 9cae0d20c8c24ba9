/** A batch as the API and the pages show it: the summary (in the list) and the rows' results (one batch). */
import type { BatchSummary, StoredBatch } from "./batch-records";

export function toBatchSummaryResource(batch: BatchSummary | StoredBatch): Record<string, unknown> {
  return {
    id: batch.id,
    status: batch.status,
    template: { id: batch.template.id, displayName: batch.template.displayName },
    counts: batch.counts,
    createdDateTime: batch.createdDateTime,
    lastModifiedDateTime: batch.lastModifiedDateTime,
    startedDateTime: batch.startedDateTime,
    completedDateTime: batch.completedDateTime,
    estimatedCompletionDateTime: batch.estimatedCompletionDateTime,
    waiting: batch.waiting,
    lastError: batch.lastError
  };
}

export function toBatchResource(batch: StoredBatch): Record<string, unknown> {
  return {
    ...toBatchSummaryResource(batch),
    results: batch.rows.map((row) => ({
      row: row.row,
      tenantId: row.tenantId,
      adminEmail: row.adminEmail,
      displayName: row.displayName,
      outcome: row.outcome,
      relationshipId: row.relationshipId,
      error: row.error
    }))
  };
}
