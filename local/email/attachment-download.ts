/**
 * Serves one kept attachment at `/dev/mailbox/<id>/attachments/<n>`: its bytes under its own content type, always
 * as a download. The name and type came from whoever sent the email, so neither may shape the response beyond that:
 * a malformed type becomes application/octet-stream, the name is quoted safely, and the bytes can never run as a
 * page on the mailbox's origin (which also serves the development sign-in and tokens).
 */
import type { ServerResponse } from "node:http";
import type { MailAttachment } from "./mail-message";

/** `type/subtype` with optional `; name=value` parameters, nothing that could carry a line break or a second header. */
const mediaType =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[\x20\x21\x23-\x5b\x5d-\x7e]*"|[A-Za-z0-9!#$&^_.+-]+))*$/;

// Even if a browser were told to show it inline, the bytes get no script, no plugin and a unique origin.
const attachmentCsp = "default-src 'none'; sandbox; frame-ancestors 'none'";

export function attachmentPath(messageId: string, index: number): string {
  return `/dev/mailbox/${encodeURIComponent(messageId)}/attachments/${index}`;
}

/** The decoded size in bytes, without decoding (base64 was checked when the email was accepted). */
export function attachmentSize(attachment: MailAttachment): number {
  const text = attachment.contentInBase64;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

export function sendAttachment(res: ServerResponse, attachment: MailAttachment, headOnly: boolean): void {
  const body = Buffer.from(attachment.contentInBase64, "base64");
  res.statusCode = 200;
  res.setHeader(
    "content-type",
    mediaType.test(attachment.contentType) ? attachment.contentType : "application/octet-stream"
  );
  res.setHeader("content-length", body.length);
  res.setHeader("content-disposition", contentDisposition(attachment.name));
  res.setHeader("content-security-policy", attachmentCsp);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("cache-control", "no-store");
  res.end(headOnly ? undefined : body);
}

/**
 * RFC 6266: an ASCII `filename` for old clients (quotes, backslashes, separators and anything outside printable
 * ASCII become `_`) and the exact name as RFC 8187 `filename*`.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%/:;]/g, "_");
  const exact = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
