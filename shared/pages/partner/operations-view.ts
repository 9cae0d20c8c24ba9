/**
 * The relationship's recent asynchronous work (Graph's operations) on the partner's page: what each does, where it
 * stands (kept current by the script) and, when it failed, the safe message that says why.
 */
import type { OperationRecord } from "../../assignments/assignment-records";
import type { StoredRelationship } from "../../relationships/relationship-document";
import { timeElement } from "../format";
import { html, type SafeHtml } from "../html";
import { operationStatusLabels } from "../views/assignment-parts";
import { operationDescription, operationNote, recentOperations } from "./assignment-status";
import { timeAgo } from "./invitation-timing";

export function operationsView(document: StoredRelationship, now: Date): SafeHtml {
  const operations = recentOperations(document);
  if (operations.length === 0)
    return html`<p class="muted">No asynchronous work has been done for this relationship yet.</p>`;
  return html`<table class="stack operations">
<caption class="visually-hidden">Recent operations, newest first</caption>
<thead><tr><th scope="col">What</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Updated</th></tr></thead>
<tbody>
${operations.map((operation) => row(operation, document, now))}</tbody>
</table>`;
}

function row(operation: OperationRecord, document: StoredRelationship, now: Date): SafeHtml {
  const note = operationNote(operation);
  return html`<tr data-row-id="${operation.id}" data-status="${operation.status}">
<th scope="row" data-label="What">${operationDescription(operation, document)}</th>
<td data-label="Status"><span class="status" data-field="status" data-status="${operation.status}">${operationStatusLabels[operation.status]}</span>
<span class="cell-detail operation-error" data-field="statusNote" data-hide-when-empty${note ? "" : html` hidden`}>${note}</span></td>
<td data-label="Started">${timeElement(operation.createdDateTime, true)}</td>
<td data-label="Updated"><span data-field="updated">${timeAgo(new Date(operation.lastModifiedDateTime), now)}</span></td>
</tr>
`;
}
