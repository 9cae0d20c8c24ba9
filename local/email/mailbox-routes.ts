/**
 * Serves the local mailbox at `/dev/mailbox` (list), `/dev/mailbox/<id>` (one message),
 * `/dev/mailbox/<id>/raw.html` (its HTML body alone), `/dev/mailbox/<id>/attachments/<n>` (one attachment, as a
 * download) and `/dev/mailbox.json`, for the local Functions
 * host and the email server to mount on their own ports.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestUrl } from "../host/request-target";
import { attachmentPath, attachmentSize, sendAttachment } from "./attachment-download";
import { sendEmpty, sendJson } from "./http-util";
import type { MailMessage } from "./mail-message";
import type { Mailbox } from "./mailbox";
import {
  listPageCsp,
  messagePageCsp,
  rawHtmlCsp,
  renderListPage,
  renderMessagePage,
  renderNotFoundPage
} from "./mailbox-pages";

const messagePath = /^\/dev\/mailbox\/([^/]+)(\/raw\.html|\/attachments\/(\d{1,4}))?$/;

/** Answers mailbox paths and returns true; returns false, without answering, for any other path. */
export function handleMailboxRequest(mailbox: Mailbox, req: IncomingMessage, res: ServerResponse): boolean {
  const path = requestUrl(req).pathname.replace(/(.)\/+$/, "$1");
  const method = req.method ?? "GET";
  if (path === "/dev/mailbox.json") {
    if (!allow(method, ["GET", "HEAD"], res)) return true;
    sendJson(res, 200, mailbox.list().map(toMailboxEntry), { "cache-control": "no-store" });
    return true;
  }
  if (path === "/dev/mailbox") {
    if (method === "DELETE") {
      mailbox.clear();
      sendEmpty(res, 204);
    } else if (allow(method, ["GET", "HEAD", "DELETE"], res)) {
      sendHtml(res, 200, renderListPage(mailbox.list()), listPageCsp);
    }
    return true;
  }
  const match = messagePath.exec(path);
  if (!match?.[1]) return false;
  if (!allow(method, ["GET", "HEAD"], res)) return true;
  const message = mailbox.get(decodePathSegment(match[1]));
  const attachment = match[3] === undefined ? undefined : message?.attachments?.[Number(match[3])];
  if (message === undefined || (match[3] !== undefined && attachment === undefined))
    sendHtml(res, 404, renderNotFoundPage(), listPageCsp);
  else if (attachment) sendAttachment(res, attachment, method === "HEAD");
  else if (match[2]) sendHtml(res, 200, message.html, rawHtmlCsp);
  else sendHtml(res, 200, renderMessagePage(message), messagePageCsp);
  return true;
}

/** Everything kept about a message except attachment bytes, which can be large: those are a link away. */
function toMailboxEntry(message: MailMessage): Record<string, unknown> {
  const { attachments, ...fields } = message;
  if (attachments === undefined) return fields;
  return {
    ...fields,
    attachments: attachments.map((attachment, index) => ({
      name: attachment.name,
      contentType: attachment.contentType,
      ...(attachment.contentId === undefined ? {} : { contentId: attachment.contentId }),
      size: attachmentSize(attachment),
      url: attachmentPath(message.id, index)
    }))
  };
}

function sendHtml(res: ServerResponse, status: number, html: string, csp: string): void {
  const body = Buffer.from(html);
  res.statusCode = status;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("content-length", body.length);
  res.setHeader("content-security-policy", csp);
  res.setHeader("x-content-type-options", "nosniff");
  // Invitation links are bearer secrets: no other page may frame the mailbox and trick a click or a read.
  res.setHeader("x-frame-options", "DENY");
  // Message ids in our URLs are nobody else's business, and links in emails lead off-machine.
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("cache-control", "no-store");
  res.end(body);
}

function allow(method: string, allowed: readonly string[], res: ServerResponse): boolean {
  if (allowed.includes(method)) return true;
  const list = allowed.join(", ");
  sendJson(res, 405, { error: { code: "MethodNotAllowed", message: `Use ${list}.` } }, { allow: list });
  return false;
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
