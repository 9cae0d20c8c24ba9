/**
 * Every email is described as a subject, a heading and a few blocks, and rendered twice from that one
 * description: an HTML part in which every string is escaped (templates never write markup themselves) and a
 * plain-text part with no markup at all. So the two parts cannot drift apart, and no template can forget to
 * escape what a partner or customer typed.
 */
import { escapeHtml, singleLine } from "../html";

export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export type Block =
  /** Running text; line breaks in it are kept. */
  | { readonly kind: "paragraph"; readonly text: string }
  /** Label: value rows. */
  | { readonly kind: "facts"; readonly rows: readonly (readonly [label: string, value: string])[] }
  /** A bulleted list of a title and an optional one-line detail. */
  | { readonly kind: "list"; readonly items: readonly { readonly title: string; readonly detail?: string }[] }
  /** The one thing to click (our own https/http link). */
  | { readonly kind: "action"; readonly label: string; readonly href: string }
  /** Small print. */
  | { readonly kind: "note"; readonly text: string };

export interface EmailContent {
  readonly subject: string;
  readonly heading: string;
  readonly blocks: readonly Block[];
}

const font = "font-family:'Segoe UI',Helvetica,Arial,sans-serif";
const style = {
  body: `margin:0;padding:24px;background:#f3f4f6;${font};color:#1f2328;line-height:1.5`,
  card: "max-width:600px;margin:0 auto;background:#ffffff;padding:24px 28px;border-radius:6px",
  heading: "font-size:20px;font-weight:600;margin:0 0 16px",
  paragraph: "font-size:15px;margin:0 0 14px",
  label:
    "text-align:left;vertical-align:top;padding:2px 16px 2px 0;font-size:14px;color:#57606a;font-weight:600;white-space:nowrap",
  value: "vertical-align:top;padding:2px 0;font-size:14px",
  list: "font-size:15px;margin:0 0 14px;padding-left:20px",
  button:
    "display:inline-block;background:#0b5cad;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:4px;font-weight:600",
  note: "font-size:12px;color:#57606a;margin:16px 0 0"
};

export function renderEmail(content: EmailContent): RenderedEmail {
  for (const block of content.blocks) if (block.kind === "action") assertWebLink(block.href);
  const subject = singleLine(content.subject);
  return { subject, html: renderHtml(subject, content), text: renderText(content) };
}

function renderHtml(subject: string, content: EmailContent): string {
  const blocks = content.blocks.map(htmlBlock).join("\n");
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="${style.body}">`,
    `<div style="${style.card}">`,
    `<h1 style="${style.heading}">${escapeHtml(content.heading)}</h1>`,
    blocks,
    "</div>",
    "</body>",
    "</html>"
  ].join("\n");
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case "paragraph":
      return `<p style="${style.paragraph}">${multiline(block.text)}</p>`;
    case "facts": {
      const rows = block.rows.map(
        ([label, value]) =>
          `<tr><th scope="row" style="${style.label}">${escapeHtml(label)}</th><td style="${style.value}">${multiline(value)}</td></tr>`
      );
      return `<table role="presentation" style="border-collapse:collapse;margin:0 0 14px">${rows.join("")}</table>`;
    }
    case "list": {
      const items = block.items.map(
        (item) =>
          `<li><strong>${escapeHtml(item.title)}</strong>${item.detail ? ` &#8211; ${escapeHtml(item.detail)}` : ""}</li>`
      );
      return `<ul style="${style.list}">${items.join("")}</ul>`;
    }
    case "action":
      return [
        `<p style="${style.paragraph}"><a href="${escapeHtml(block.href)}" style="${style.button}">${escapeHtml(block.label)}</a></p>`,
        `<p style="${style.note}">If the button does not work, copy this address into your browser:<br>${escapeHtml(block.href)}</p>`
      ].join("\n");
    case "note":
      return `<p style="${style.note}">${multiline(block.text)}</p>`;
  }
}

function multiline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>");
}

function renderText(content: EmailContent): string {
  const parts = [content.heading, ...content.blocks.map(textBlock)];
  return `${parts.join("\n\n")}\n`;
}

function textBlock(block: Block): string {
  switch (block.kind) {
    case "paragraph":
    case "note":
      return block.text;
    case "facts":
      return block.rows.map(([label, value]) => `${label}: ${value}`).join("\n");
    case "list":
      return block.items.map((item) => `- ${item.title}${item.detail ? `: ${item.detail}` : ""}`).join("\n");
    case "action":
      return `${block.label}:\n${block.href}`;
  }
}

/** Links in our emails are our own pages; anything else (javascript:, data:) is a programming error. */
function assertWebLink(href: string): void {
  const protocol = URL.canParse(href) ? new URL(href).protocol : "";
  if (protocol !== "https:" && protocol !== "http:") throw new Error("An email action must link to an http(s) page.");
}

/** A day as people read it in an email, in UTC so every reader sees the same date: "27 February 2027". */
export function formatDay(isoDateTime: string): string {
  const date = new Date(isoDateTime);
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
];
