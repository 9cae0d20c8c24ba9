/** The HTML of the local mailbox pages. Every piece of message text goes through `escapeHtml`. */
import { createHash } from "node:crypto";
import { escapeHtml } from "../../shared/email/html";
import { attachmentPath, attachmentSize } from "./attachment-download";
import type { MailMessage } from "./mail-message";

const pageStyle = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:64rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.3rem;margin:0 0 1rem}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d0d7de}
th,td{text-align:left;padding:.5rem .75rem;border-bottom:1px solid #d0d7de;vertical-align:top}
th{background:#f0f3f6;font-weight:600}
a{color:#0969da}
.empty{padding:2rem;text-align:center;background:#fff;border:1px solid #d0d7de;color:#57606a}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem;
  background:#fff;border:1px solid #d0d7de;padding:1rem}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
iframe{width:100%;height:28rem;border:1px solid #d0d7de;background:#fff}
pre{white-space:pre-wrap;background:#fff;border:1px solid #d0d7de;padding:1rem;overflow-wrap:anywhere}
`;

const styleHash = createHash("sha256").update(pageStyle).digest("base64");

/** The list page runs no script at all and may load nothing but its own stylesheet. */
export const listPageCsp =
  `default-src 'none'; script-src 'none'; style-src 'sha256-${styleHash}'; ` +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// A srcdoc iframe inherits this policy, so it also governs the email body: inline styles and remote
// images stay allowed (real emails rely on both), scripts never run. No default-src so as not to
// block the srcdoc frame itself.
export const messagePageCsp =
  "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; connect-src 'none'; " +
  "style-src 'unsafe-inline'; frame-ancestors 'none'";

/** The raw HTML body, opened on its own, still runs no script and behaves like a sandboxed frame. */
export const rawHtmlCsp =
  "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; connect-src 'none'; frame-ancestors 'none'; " +
  "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";

/** Links stay clickable (opening outside the sandbox); scripts, forms and same-origin access stay off. */
export const iframeSandbox = "allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";

export function renderListPage(messages: readonly MailMessage[]): string {
  const rows = messages.map(
    (m) =>
      `<tr><td><time datetime="${escapeHtml(m.receivedAt)}">${escapeHtml(m.receivedAt)}</time></td>` +
      `<td>${escapeHtml(m.from)}</td><td>${escapeHtml(recipientsOf(m))}</td>` +
      `<td><a href="/dev/mailbox/${encodeURIComponent(m.id)}">${escapeHtml(m.subject)}</a></td></tr>`
  );
  const body =
    rows.length === 0
      ? `<p class="empty">No messages yet. Emails sent through the local email server appear here.</p>`
      : `<table><thead><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr></thead>` +
        `<tbody>${rows.join("")}</tbody></table>`;
  return page("Local mailbox", `<h1>Local mailbox (${messages.length})</h1>${body}`);
}

export function renderMessagePage(message: MailMessage): string {
  const details: [string, string | undefined][] = [
    ["From", message.from],
    ["To", message.to.join(", ")],
    ["Cc", message.cc?.join(", ")],
    ["Bcc", message.bcc?.join(", ")],
    ["Reply-To", message.replyTo?.join(", ")],
    ["Subject", message.subject],
    ["Received", message.receivedAt],
    ["Operation id", message.operationId ?? "none sent: the operation is named after the message id"]
  ];
  const list = details
    .filter((detail): detail is [string, string] => detail[1] !== undefined)
    .map(([name, value]) => `<dt>${name}</dt><dd>${escapeHtml(value)}</dd>`)
    .join("");
  // `<base target="_blank">` opens the email's links in a new tab outside the sandbox; without
  // allow-scripts nothing in the email can execute, and without allow-same-origin it cannot reach this page.
  const srcdoc = escapeHtml(`<base target="_blank">${message.html}`);
  const rawLink = `/dev/mailbox/${encodeURIComponent(message.id)}/raw.html`;
  const html = message.html
    ? `<iframe title="HTML body" sandbox="${iframeSandbox}" referrerpolicy="no-referrer" srcdoc="${srcdoc}"></iframe>` +
      `<p><a href="${rawLink}">Open the HTML body alone</a></p>`
    : `<p class="empty">No HTML body.</p>`;
  const text = message.text ? `<pre>${escapeHtml(message.text)}</pre>` : `<p class="empty">No plain-text body.</p>`;
  return page(
    message.subject,
    `<p><a href="/dev/mailbox">&larr; All messages</a></p><h1>${escapeHtml(message.subject)}</h1>` +
      `<dl>${list}</dl>${headersSection(message)}${attachmentsSection(message)}<h2>HTML</h2>${html}<h2>Plain text</h2>${text}`
  );
}

function headersSection(message: MailMessage): string {
  const headers = Object.entries(message.headers ?? {});
  if (headers.length === 0) return "";
  const rows = headers.map(([name, value]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(value)}</td></tr>`);
  return `<h2>Headers</h2><table><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function attachmentsSection(message: MailMessage): string {
  const attachments = message.attachments ?? [];
  if (attachments.length === 0) return "";
  const rows = attachments.map(
    (attachment, index) =>
      `<tr><td><a href="${escapeHtml(attachmentPath(message.id, index))}" download>${escapeHtml(attachment.name)}</a></td>` +
      `<td>${escapeHtml(attachment.contentType)}</td><td>${attachmentSize(attachment)} bytes</td>` +
      `<td>${attachment.contentId === undefined ? "" : escapeHtml(attachment.contentId)}</td></tr>`
  );
  return (
    `<h2>Attachments</h2><table><thead><tr><th>Name (download)</th><th>Type</th><th>Size</th><th>Content id</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

export function renderNotFoundPage(): string {
  return page(
    "Not found",
    `<p><a href="/dev/mailbox">&larr; All messages</a></p><p class="empty">No such message.</p>`
  );
}

function recipientsOf(message: MailMessage): string {
  return [...message.to, ...(message.cc ?? []), ...(message.bcc ?? [])].join(", ");
}

function page(title: string, main: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escapeHtml(title)}</title><style>${pageStyle}</style></head><body><main>${main}</main></body></html>`
  );
}
