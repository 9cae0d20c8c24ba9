/**
 * Checks the `HMAC-SHA256` access-key signature that `@azure/communication-common` puts on every request
 * (see its communicationAccessKeyCredentialPolicy): the same string to sign, the same key decoding, and
 * the body hash must match the bytes that actually arrived.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export type AuthCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface SignedRequest {
  readonly method: string;
  /** The request target as received: path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Azure Communication Services refuses requests whose x-ms-date is further than this from its clock. */
export const maxClockSkewMs = 15 * 60 * 1000;

const authorizationPattern = /^HMAC-SHA256 SignedHeaders=([^&\s]+)&Signature=(\S+)$/;
const requiredSignedHeaders = ["x-ms-date", "host", "x-ms-content-sha256"];

export function verifyHmacSignature(request: SignedRequest, accessKey: Buffer, now: number): AuthCheck {
  const match = authorizationPattern.exec(headerValue(request.headers, "authorization") ?? "");
  if (!match?.[1] || !match[2]) return refuse("missing or malformed HMAC-SHA256 Authorization header");
  const signedHeaders = match[1].toLowerCase().split(";");
  const missing = requiredSignedHeaders.filter((name) => !signedHeaders.includes(name));
  if (missing.length > 0) return refuse(`SignedHeaders must include ${missing.join(", ")}`);

  const date = Date.parse(headerValue(request.headers, "x-ms-date") ?? "");
  if (Number.isNaN(date)) return refuse("x-ms-date is missing or not an HTTP date");
  if (Math.abs(now - date) > maxClockSkewMs) return refuse("x-ms-date is more than 15 minutes from the server clock");

  const bodyHash = createHash("sha256").update(request.body).digest("base64");
  if (headerValue(request.headers, "x-ms-content-sha256") !== bodyHash) {
    return refuse("x-ms-content-sha256 does not match the request body");
  }

  const signedValues = signedHeaders.map((name) => headerValue(request.headers, name) ?? "");
  const stringToSign = `${request.method.toUpperCase()}\n${pathAndQuery(request.url)}\n${signedValues.join(";")}`;
  const expected = createHmac("sha256", accessKey).update(stringToSign).digest();
  const given = Buffer.from(match[2], "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse("signature does not match; check the access key in the connection string");
  }
  return { ok: true };
}

/** The SDK signs `URL.pathname` plus `URLSearchParams#toString()`, which re-encodes the query; so do we. */
function pathAndQuery(target: string): string {
  const url = new URL(target, "http://signed.invalid");
  const query = url.searchParams.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

function refuse(reason: string): AuthCheck {
  return { ok: false, reason };
}
