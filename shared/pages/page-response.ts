/**
 * What every page answer carries: a strict Content-Security-Policy (scripts and styles only from this site's own
 * files, so no inline script or style attribute runs), no framing, no sniffing, no referrer (some page URLs carry
 * an invitation token) and no caching (pages show one tenant's data to one signed-in user).
 */
import type { Cookie, HttpResponseInit } from "@azure/functions";
import type { SafeHtml } from "./html";

const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "connect-src 'self'"
].join("; ");

export const pageSecurityHeaders: Readonly<Record<string, string>> = {
  "content-security-policy": contentSecurityPolicy,
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "cross-origin-opener-policy": "same-origin"
};

export interface PageResponseOptions {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cookies?: readonly Cookie[];
}

export function htmlResponse(document: SafeHtml, options: PageResponseOptions = {}): HttpResponseInit {
  return {
    status: options.status ?? 200,
    headers: { ...pageSecurityHeaders, "content-type": "text/html; charset=utf-8", ...options.headers },
    body: document.markup,
    ...(options.cookies ? { cookies: [...options.cookies] } : {})
  };
}

/** 303 See Other: after a form POST the browser GETs `location`, so a reload never re-submits. */
export function redirect(location: string, options: Omit<PageResponseOptions, "status"> = {}): HttpResponseInit {
  return {
    status: 303,
    headers: { ...pageSecurityHeaders, location, ...options.headers },
    ...(options.cookies ? { cookies: [...options.cookies] } : {})
  };
}

/** JSON for the pages' own scripts (status polling): same headers as a page, never cached. */
export function pageJson(body: unknown, status = 200): HttpResponseInit {
  return {
    status,
    headers: { ...pageSecurityHeaders, "content-type": "application/json; charset=utf-8" },
    jsonBody: body
  };
}
