/**
 * The HTML of `/dev/service-bus`: each queue's counts, then each dead letter with Replay and Purge buttons (plain
 * form posts, no script). Every value is escaped by the product's own `html` template; nothing but the page's
 * own stylesheet may load, and no other site may frame it.
 */
import { createHash } from "node:crypto";
import { html, type SafeHtml } from "../../shared/pages/html";
import type { DeadLetterSummary } from "../../ops/dlq/dead-letters";
import type { QueueCounts } from "./broker";

export interface QueueView {
  readonly name: string;
  readonly counts: QueueCounts;
  readonly deadLetters: readonly DeadLetterSummary[];
  /** More dead letters than the page shows. */
  readonly more: boolean;
}

const style = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:2rem}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d0d7de;margin-bottom:1rem}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d0d7de;vertical-align:top;overflow-wrap:anywhere}
thead th{background:#f0f3f6}
form{display:inline}button{margin-right:.25rem}
.notice{background:#dafbe1;border:1px solid #4ac26b;padding:.5rem 1rem}
.muted{color:#57606a}code{background:#eaeef2;padding:0 .25rem}
`;

export const deadLetterPageCsp =
  `default-src 'none'; script-src 'none'; style-src 'sha256-${createHash("sha256").update(style).digest("base64")}'; ` +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const actionPath = "/dev/service-bus/dead-letters";

export function renderDeadLetterPage(queues: readonly QueueView[], notice?: string): string {
  const body = html`<main>
<h1>Service Bus (local emulator)</h1>
${notice && html`<p class="notice" role="status">${notice}</p>`}
<table><caption class="muted">Messages per queue</caption>
<thead><tr><th scope="col">Queue</th><th scope="col">Active</th><th scope="col">Scheduled</th><th scope="col">Dead-lettered</th><th scope="col">Locked</th><th scope="col">Deferred</th></tr></thead>
<tbody>${queues.map((queue) => html`<tr><th scope="row">${queue.name}</th><td>${queue.counts.active}</td><td>${queue.counts.scheduled}</td><td>${queue.counts.deadLettered}</td><td>${queue.counts.locked}</td><td>${queue.counts.deferred}</td></tr>`)}</tbody>
</table>
<p class="muted">Replay sends a copy back to the queue (same message id: the handlers are idempotent) and removes the dead letter; purge only removes it. The same from a terminal, here or against Azure: <code>npm run dlq -- list|show|replay|purge &lt;queue&gt;</code>.</p>
${queues.filter((queue) => queue.deadLetters.length > 0).map(deadLetterSection)}
</main>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Service Bus · local</title><style>${style}</style></head><body>${body.markup}</body></html>`;
}

function deadLetterSection(queue: QueueView): SafeHtml {
  return html`<h2>Dead letters of ${queue.name}</h2>
<p>${button(queue.name, "replay", "Replay all")} ${button(queue.name, "purge", "Purge all")}${queue.more ? html` <span class="muted">Showing the oldest ${queue.deadLetters.length}.</span>` : ""}</p>
<table><thead><tr><th scope="col">Seq</th><th scope="col">Enqueued (UTC)</th><th scope="col">Deliveries</th><th scope="col">Reason</th><th scope="col">Description</th><th scope="col">Message id</th><th scope="col">Actions</th></tr></thead>
<tbody>${queue.deadLetters.map(
    (
      message
    ) => html`<tr data-queue="${queue.name}" data-seq="${message.sequenceNumber}" data-message-id="${message.messageId ?? ""}"><td>${message.sequenceNumber}</td><td>${message.enqueuedTime ?? ""}</td><td>${message.deliveryCount ?? ""}</td><td>${message.reason ?? ""}</td><td>${message.description ?? ""}</td><td>${message.messageId ?? ""}</td>
<td>${button(queue.name, "replay", "Replay", message.sequenceNumber)}${button(queue.name, "purge", "Purge", message.sequenceNumber)}</td></tr>`
  )}</tbody></table>`;
}

function button(queue: string, action: "replay" | "purge", label: string, seq?: string): SafeHtml {
  const target = seq
    ? html`<input type="hidden" name="seq" value="${seq}">`
    : html`<input type="hidden" name="all" value="yes">`;
  return html`<form method="post" action="${actionPath}"><input type="hidden" name="action" value="${action}"><input type="hidden" name="queue" value="${queue}">${target}<button type="submit">${label}</button></form>`;
}
