/**
 * Translation between node:http and the `@azure/functions` HTTP types, mirroring what the real host and worker
 * do: the handler gets an `HttpRequest` with params, query, headers and the raw body; whatever it returns
 * (`HttpResponseInit` or `HttpResponse`) is written back with status, headers, cookies and body bytes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpRequest, HttpResponse, type Cookie, type HttpResponseInit } from "@azure/functions";

export function toHttpRequest(req: IncomingMessage, body: Buffer, baseUrl: string, params: Record<string, string>): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return new HttpRequest({
    method: req.method ?? "GET",
    url: new URL(req.url ?? "/", baseUrl).toString(),
    headers,
    params,
    body: body.length > 0 ? { bytes: body } : undefined
  });
}

export interface MappedResponse {
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: Buffer;
}

/** Accepts what a handler may return; anything else is an error the caller reports as a 500. */
export async function toMappedResponse(result: unknown): Promise<MappedResponse> {
  if (result !== undefined && result !== null && typeof result !== "object") {
    throw new TypeError("The HTTP response must be an object with optional body, status, headers and cookies.");
  }
  const response = result instanceof HttpResponse ? result : new HttpResponse((result ?? {}) as HttpResponseInit);
  const headers: [string, string][] = [...response.headers.entries()];
  for (const cookie of response.cookies) headers.push(["set-cookie", serializeCookie(cookie)]);
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers, body };
}

export function writeMappedResponse(res: ServerResponse, mapped: MappedResponse): void {
  res.statusCode = mapped.status;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of mapped.headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  for (const [name, values] of grouped) res.setHeader(name, values.length === 1 ? (values[0] as string) : values);
  res.setHeader("content-length", mapped.body.length);
  res.end(mapped.body);
}

function serializeCookie(cookie: Cookie): string {
  const parts = [`${cookie.name}=${encodeURIComponent(cookie.value)}`];
  if (cookie.domain) parts.push(`Domain=${cookie.domain}`);
  if (cookie.path) parts.push(`Path=${cookie.path}`);
  if (cookie.expires !== undefined) parts.push(`Expires=${new Date(cookie.expires).toUTCString()}`);
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${cookie.maxAge}`);
  if (cookie.secure) parts.push("Secure");
  if (cookie.httpOnly) parts.push("HttpOnly");
  if (cookie.sameSite) parts.push(`SameSite=${cookie.sameSite}`);
  return parts.join("; ");
}
