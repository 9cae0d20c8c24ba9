/**
 * The "Bulk invitations" pages as HTML: the upload form (template picker and CSV file) with the list of batches,
 * and one batch with its progress (a progress bar, counts, when it will finish, what holds it back) and every row's
 * outcome. The page script refreshes the batch from its JSON until it is finished (app.js, `data-batch-poll-url`);
 * without the script the page says the same at each reload.
 */
import type { BatchSummary, StoredBatch } from "../../batches/batch-records";
import { maxBatchRows, type BatchStatus, type RowOutcome } from "../../domain/invitation-batches";
import { csrfFieldName } from "../csrf";
import { formatDateTime, timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { partnerStylesheetUrl } from "./partner-styles";

export const batchesPath = "/partner/invitation-batches";
export const batchesTitle = "Bulk invitations";

const batchStatusLabels: Record<BatchStatus, string> = {
  queued: "Queued",
  running: "Inviting",
  waiting: "Waiting for the invitation limit",
  completed: "Completed",
  completedWithErrors: "Completed with errors"
};

const rowOutcomeLabels: Record<RowOutcome, string> = { pending: "Waiting", invited: "Invited", failed: "Not invited" };

export interface BatchUploadForm {
  readonly templates: readonly { readonly id: string; readonly displayName: string }[];
  readonly templateId: string;
  readonly csrfToken: string;
  readonly idempotencyKey: string;
  /** What was wrong with the last upload, in a sentence. */
  readonly problem?: string;
}

export interface BatchesView {
  readonly batches: readonly BatchSummary[];
  readonly nextPageUrl?: string;
  /** Absent for a reader, or a partner that may not invite (`refusal` says why). */
  readonly form?: BatchUploadForm;
  readonly refusal?: string;
}

export function batchesView(view: BatchesView): SafeHtml {
  return html`<link rel="stylesheet" href="${partnerStylesheetUrl}">
<h1>${batchesTitle}</h1>
<p class="lead">Invite up to ${maxBatchRows.toLocaleString("en-GB")} customers at once on one of your relationship templates. Each customer gets its own invitation email; the batch goes as fast as your invitation limits allow and says when it will finish.</p>
${view.refusal && html`<div class="notice notice--error" role="alert"><p>${view.refusal}</p></div>`}
${view.form ? uploadForm(view.form) : !view.refusal && html`<div class="notice notice--warning"><p>Sending invitations needs the <strong>Partner.Admin</strong> app role. You can still follow your batches here.</p></div>`}
<section aria-labelledby="batches-title">
<h2 id="batches-title">Your batches</h2>
${view.batches.length === 0 ? html`<p class="muted">No batches yet.</p>` : batchList(view.batches)}
${view.nextPageUrl && html`<p><a href="${view.nextPageUrl}">Older batches</a></p>`}
</section>`;
}

function uploadForm(form: BatchUploadForm): SafeHtml {
  if (form.templates.length === 0) {
    return html`<section aria-labelledby="upload-title"><h2 id="upload-title">New batch</h2>
<p>A batch invites every customer on the terms of one <a href="/partner/templates">relationship template</a>. Create a template first.</p></section>`;
  }
  return html`<section aria-labelledby="upload-title">
<h2 id="upload-title">New batch</h2>
${form.problem && html`<div class="notice notice--error error-summary" role="alert" tabindex="-1" id="upload-problem"><h3>The batch was not started</h3><p>${form.problem}</p></div>`}
<form method="post" action="${batchesPath}" enctype="multipart/form-data" class="form-grid">
<input type="hidden" name="${csrfFieldName}" value="${form.csrfToken}">
<input type="hidden" name="idempotencyKey" value="${form.idempotencyKey}">
<div class="field">
<label for="templateId">Template</label>
<span class="hint" id="templateId-hint">Every customer is invited on its terms, and its security groups get their roles once each customer approves.</span>
<select id="templateId" name="templateId" aria-describedby="templateId-hint">
${form.templates.map(
  (
    template
  ) => html`<option value="${template.id}"${template.id === form.templateId ? html` selected` : ""}>${template.displayName}</option>
`
)}</select>
</div>
<div class="field">
<label for="csv">Customers (CSV file)</label>
<span class="hint" id="csv-hint">A header row, then one customer per row, at most ${maxBatchRows.toLocaleString("en-GB")}: <code>tenant id, admin email, display name</code> (the display name is the relationship's and may be left empty). Commas, semicolons or tabs; UTF-8 or UTF-16 text. Other columns are ignored.</span>
<input type="file" id="csv" name="csv" accept=".csv,.txt,text/csv,text/plain" aria-describedby="csv-hint">
</div>
<div class="actions"><button type="submit">Start inviting</button></div>
</form>
</section>`;
}

function batchList(batches: readonly BatchSummary[]): SafeHtml {
  return html`<table class="stack batches">
<caption class="visually-hidden">Your invitation batches, newest first</caption>
<thead><tr><th scope="col">Batch</th><th scope="col">Status</th><th scope="col">Invited</th><th scope="col">Not invited</th><th scope="col">Waiting</th></tr></thead>
<tbody>
${batches.map(
  (batch) => html`<tr>
<th scope="row" data-label="Batch"><a href="${batchesPath}/${batch.id}">${batch.template.displayName}, ${formatDateTime(batch.createdDateTime)}</a></th>
<td data-label="Status">${batchStatusBadge(batch.status)}</td>
<td data-label="Invited">${batch.counts.invited} of ${batch.counts.total}</td>
<td data-label="Not invited">${batch.counts.failed}</td>
<td data-label="Waiting">${batch.counts.pending}</td>
</tr>
`
)}</tbody>
</table>`;
}

function batchStatusBadge(status: BatchStatus): SafeHtml {
  return html`<span class="status" data-field="batchStatus" data-status="${status}">${batchStatusLabels[status]}</span>`;
}

/** One batch: progress and every row. */
export function batchView(batch: StoredBatch, now: Date): SafeHtml {
  const done = batch.counts.total - batch.counts.pending;
  const finished = batch.counts.pending === 0;
  return html`<link rel="stylesheet" href="${partnerStylesheetUrl}">
<p><a href="${batchesPath}">All batches</a></p>
<h1>Batch: ${batch.template.displayName}</h1>
<div class="batch"${finished ? "" : html` data-batch-poll-url="${batchesPath}/${batch.id}?format=json"`}>
<p class="visually-hidden" aria-live="polite" data-live-region></p>
<dl class="facts">
<dt>Status</dt><dd>${batchStatusBadge(batch.status)}</dd>
<dt>Progress</dt><dd><progress id="batch-progress" max="${batch.counts.total}" value="${done}" aria-describedby="batch-progress-text"></progress>
<span id="batch-progress-text" data-field="progressText">${progressText(batch)}</span></dd>
<dt>Invited</dt><dd data-field="countInvited">${batch.counts.invited}</dd>
<dt>Not invited</dt><dd data-field="countFailed">${batch.counts.failed}</dd>
<dt>Waiting</dt><dd data-field="countPending">${batch.counts.pending}</dd>
<dt>Started</dt><dd>${timeElement(batch.createdDateTime, true)}</dd>
<dt>${finished ? "Finished" : "Expected to finish"}</dt><dd data-field="finish">${finishText(batch, now)}</dd>
</dl>
<p class="notice notice--warning" data-field="waitingText" data-hide-when-empty${waitingText(batch) ? "" : html` hidden`}>${waitingText(batch)}</p>
<p class="notice notice--error" data-field="lastError" data-hide-when-empty${batch.lastError ? "" : html` hidden`}>${batch.lastError?.message}</p>
<h2 id="rows-title">Customers</h2>
<p class="muted">Rows are numbered as in your file, counting from the first row after the header.</p>
<table class="stack batch-rows" aria-labelledby="rows-title">
<thead><tr><th scope="col">Row</th><th scope="col">Customer</th><th scope="col">Relationship</th><th scope="col">Outcome</th></tr></thead>
<tbody>
${batch.rows.map(
  (row) => html`<tr data-batch-row="${row.row}">
<td data-label="Row">${row.row}</td>
<td data-label="Customer"><span class="contact">${row.adminEmail || "—"}</span><span class="muted cell-detail contact">Tenant ${row.tenantId || "—"}</span></td>
<td data-label="Relationship"><span class="relationship-name">${row.displayName}</span></td>
<td data-label="Outcome"><span class="status" data-field="outcome" data-status="${row.outcome}">${rowOutcomeLabels[row.outcome]}</span>
<span class="muted cell-detail" data-field="detail" data-hide-when-empty${rowDetail(row) ? "" : html` hidden`}>${rowDetail(row)}</span></td>
</tr>
`
)}</tbody>
</table>
</div>`;
}

/** What the page script reads every 2 s: the batch's state and the rows that are no longer waiting. */
export function batchStatusJson(batch: StoredBatch, now: Date): Record<string, unknown> {
  return {
    status: batch.status,
    statusLabel: batchStatusLabels[batch.status],
    counts: batch.counts,
    finished: batch.counts.pending === 0,
    progressText: progressText(batch),
    finish: finishText(batch, now),
    waitingText: waitingText(batch),
    lastError: batch.lastError?.message ?? "",
    rows: batch.rows
      .filter((row) => row.outcome !== "pending")
      .map((row) => ({
        row: row.row,
        outcome: row.outcome,
        label: rowOutcomeLabels[row.outcome],
        detail: rowDetail(row)
      }))
  };
}

function progressText(batch: StoredBatch): string {
  const done = batch.counts.total - batch.counts.pending;
  return `${done} of ${batch.counts.total} done (${Math.floor((done * 100) / Math.max(1, batch.counts.total))}%)`;
}

function finishText(batch: StoredBatch, now: Date): string {
  if (batch.completedDateTime) return formatDateTime(batch.completedDateTime);
  if (!batch.estimatedCompletionDateTime) return "Being worked out";
  const soon = !batch.waiting && Date.parse(batch.estimatedCompletionDateTime) <= now.getTime() + 60_000;
  return soon ? "In a moment" : formatDateTime(batch.estimatedCompletionDateTime);
}

function waitingText(batch: StoredBatch): string {
  if (!batch.waiting || batch.counts.pending === 0) return "";
  const window = batch.waiting.limit === "invitationsPerPartnerPerDay" ? "a day" : "an hour";
  return `Your organisation may send only so many invitations ${window}; the batch goes on at ${formatDateTime(batch.waiting.untilDateTime)}.`;
}

function rowDetail(row: StoredBatch["rows"][number]): string {
  if (row.outcome === "failed") return row.error?.message ?? "";
  return "";
}
