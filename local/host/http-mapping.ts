/**
 * Translation between node:http and the `@azure/functions` HTTP types, mirroring what the real host and worker
 * do: the handler gets an `HttpRequest` with params, query, headers and the raw body; whatever it returns
 * (`HttpResponseInit` or `HttpResponse`) is written back with status, headers, cookies and body bytes. Like the
 * App Service front end on Azure, the host appends the address that connected, with its port, to X-Forwarded-For.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpRequest, HttpResponse, type Cookie, type HttpRequestInit, type HttpResponseInit } from "@azure/functions";
import { DeferredFetchRequest } from "./deferred-fetch-request";
import { requestUrl } from "./request-target";

export function toHttpRequest(
  req: IncomingMessage,
  body: Buffer,
  baseUrl: string,
  params: Record<string, string>
): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  // Appended, not resolved against the base: a target such as `//x/y` stays a path on this host.
  const target = requestUrl(req);
  const peer = peerAddress(req);
  if (peer) headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${peer}` : peer;
  const method = req.method ?? "GET";
  const url = new URL(`${baseUrl}${target.pathname}${target.search}`).toString();
  const bodiless = method === "GET" || method === "HEAD";
  // A GET or HEAD that came with a body takes the library's own path, which drops the body with a warning.
  if (bodiless && body.length > 0) return new HttpRequest({ method, url, headers, params, body: { bytes: body } });
  const nativeRequest = new DeferredFetchRequest(
    url,
    method,
    headers,
    bodiless || body.length === 0 ? undefined : body
  );
  // `nativeRequest` is how the worker hands HttpRequest a request it already has (its streaming path does so).
  return new HttpRequest({ method, url, headers, params, nativeRequest } as HttpRequestInit);
}

/** `203.0.113.9:51234` or `[2001:db8::1]:51234`, as the front end writes it (IPv4 clients of a dual-stack socket as IPv4). */
function peerAddress(req: IncomingMessage): string | undefined {
  const address = req.socket.remoteAddress?.replace(/^::ffff:(?=\d+\.)/, "");
  if (!address) return undefined;
  return address.includes(":") ? `[${address}]:${req.socket.remotePort}` : `${address}:${req.socket.remotePort}`;
}

export interface MappedResponse {
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: Buffer;
}

/** Statuses that carry no body, as the fetch standard (and so `HttpResponse`) defines them. */
const nullBodyStatuses = new Set([204, 205, 304]);

/** Accepts what a handler may return; anything else is an error the caller reports as a 500. */
export async function toMappedResponse(result: unknown): Promise<MappedResponse> {
  if (result !== undefined && result !== null && typeof result !== "object") {
    throw new TypeError("The HTTP response must be an object with optional body, status, headers and cookies.");
  }
  if (!(result instanceof HttpResponse)) {
    const direct = mapPlainInit((result ?? {}) as HttpResponseInit);
    if (direct) return direct;
  }
  const response = result instanceof HttpResponse ? result : new HttpResponse((result ?? {}) as HttpResponseInit);
  const headers: [string, string][] = [...response.headers.entries()];
  for (const cookie of response.cookies) headers.push(["set-cookie", serializeCookie(cookie)]);
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers, body };
}

/**
 * The common case — a plain `HttpResponseInit` with a JSON, text or byte body — mapped directly with the same
 * result `HttpResponse` would give, without building a fetch Response and reading its stream back. Anything
 * else (streams, forms, blobs, `Headers` objects) returns undefined and takes the general path.
 */
function mapPlainInit(init: HttpResponseInit): MappedResponse | undefined {
  if (
    init.headers !== undefined &&
    (typeof init.headers !== "object" || Array.isArray(init.headers) || init.headers instanceof Headers)
  )
    return undefined;
  const status = init.status ?? 200;
  const headers: [string, string][] = Object.entries((init.headers ?? {}) as Record<string, string>).map(
    ([name, value]) => [name.toLowerCase(), String(value)]
  );
  const hasContentType = headers.some(([name]) => name === "content-type");
  let body: Buffer;
  if (nullBodyStatuses.has(status)) body = Buffer.alloc(0);
  else if (init.jsonBody !== undefined && init.jsonBody !== null) {
    body = Buffer.from(JSON.stringify(init.jsonBody));
    if (!hasContentType) headers.push(["content-type", "application/json"]);
  } else if (init.body === undefined || init.body === null) body = Buffer.alloc(0);
  else if (typeof init.body === "string") {
    body = Buffer.from(init.body);
    if (!hasContentType) headers.push(["content-type", "text/plain;charset=UTF-8"]);
  } else if (init.body instanceof Uint8Array)
    body = Buffer.from(init.body.buffer, init.body.byteOffset, init.body.byteLength);
  else if (init.body instanceof ArrayBuffer) body = Buffer.from(init.body);
  else return undefined;
  for (const cookie of init.cookies ?? []) headers.push(["set-cookie", serializeCookie(cookie)]);
  return { status, headers, body };
}

export function writeMappedResponse(res: ServerResponse, mapped: MappedResponse): void {
  const flat: string[] = [];
  for (const [name, value] of mapped.headers) {
    if (name !== "content-length") flat.push(name, value);
  }
  flat.push("content-length", String(mapped.body.length));
  res.writeHead(mapped.status, flat);
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
