/** Small node:http helpers shared by the email API and the mailbox pages. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "../http-body";

/** The service caps a send request, attachments included, at 10 MB. */
export const maxBodyBytes = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  readonly code = "BodyTooLarge";
}

/** The request body, or BodyTooLargeError (answered 413 by the server) past the service's limit. */
export async function readSendBody(req: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  const body = await readBody(req, limit);
  if (body === "too large") throw new BodyTooLargeError(`request body exceeds ${limit} bytes`);
  return body;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", payload.length);
  res.end(payload);
}

/**
 * The Communication Services error shape (`{ error: { code, message } }` plus `x-ms-error-code`), which
 * the SDK turns into a `RestError` carrying that code and message.
 */
export function sendServiceError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {}
): void {
  sendJson(res, status, { error: { code, message } }, { ...headers, "x-ms-error-code": code });
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end();
}
