/**
 * Serves the local mailbox at `/dev/mailbox` (list), `/dev/mailbox/<id>` (one message),
 * `/dev/mailbox/<id>/raw.html` (its HTML body alone) and `/dev/mailbox.json`, for the local Functions
 * host and the email server to mount on their own ports.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestUrl } from "../host/request-target";
import { sendEmpty, sendJson } from "./http-util";
import type { Mailbox } from "./mailbox";
import {
  listPageCsp,
  messagePageCsp,
  rawHtmlCsp,
  renderListPage,
  renderMessagePage,
  renderNotFoundPage
} from "./mailbox-pages";

const messagePath = /^\/dev\/mailbox\/([^/]+)(\/raw\.html)?$/;

/** Answers mailbox paths and returns true; returns false, without answering, for any other path. */
export function handleMailboxRequest(mailbox: Mailbox, req: IncomingMessage, res: ServerResponse): boolean {
  const path = requestUrl(req).pathname.replace(/(.)\/+$/, "$1");
  const method = req.method ?? "GET";
  if (path === "/dev/mailbox.json") {
    if (!allow(method, ["GET", "HEAD"], res)) return true;
    const summaries = mailbox
      .list()
      .map(({ id, from, to, subject, html, text, receivedAt }) => ({ id, from, to, subject, html, text, receivedAt }));
    sendJson(res, 200, summaries, { "cache-control": "no-store" });
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
  if (message === undefined) sendHtml(res, 404, renderNotFoundPage(), listPageCsp);
  else if (match[2]) sendHtml(res, 200, message.html, rawHtmlCsp);
  else sendHtml(res, 200, renderMessagePage(message), messagePageCsp);
  return true;
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
