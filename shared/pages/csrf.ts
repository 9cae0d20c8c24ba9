/**
 * Cross-site request forgery protection for every page form. Each form carries a hidden token: an HMAC of the
 * sign-in (tenant, user, sign-in time) under a key derived from the server secret with its own label, so it
 * changes with each sign-in, cannot be computed without the secret, and needs no storage. A POST is refused when
 * the token is missing or wrong, or when the browser says the request came from another site (Origin,
 * Sec-Fetch-Site). The session cookie is also SameSite=Lax, so other sites' POSTs arrive signed out anyway.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { HttpRequest } from "@azure/functions";
import { AppError } from "../errors";

export const csrfFieldName = "csrf";

export class FormRefusedError extends AppError {
  readonly code = "form_refused";
  readonly status = 403;
  readonly title = "This form could not be accepted";
}

export interface CsrfSubject {
  readonly tenantId: string;
  readonly userId: string;
  readonly issuedAt?: number;
}

export function csrfTokenFor(secret: Buffer, subject: CsrfSubject): string {
  const key = createHmac("sha256", secret).update("partner-relationships:pages:csrf").digest();
  return createHmac("sha256", key)
    .update(`${subject.tenantId.toLowerCase()}|${subject.userId.toLowerCase()}|${subject.issuedAt ?? ""}`)
    .digest("base64url");
}

export function sameToken(expected: string, received: string | null | undefined): boolean {
  if (!received) return false;
  const left = Buffer.from(expected);
  const right = Buffer.from(received);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Refuses a POST that a browser marks as coming from elsewhere. `Origin: null` is let through to the token check:
 * browsers send it for this site's own forms on pages with `Referrer-Policy: no-referrer`.
 */
export function checkSameOrigin(request: HttpRequest, siteOrigins: readonly string[]): void {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") throw crossSite();
  const origin = request.headers.get("origin");
  if (origin && origin !== "null" && !siteOrigins.includes(origin.toLowerCase())) throw crossSite();
}

export function checkCsrfToken(expected: string, form: URLSearchParams): void {
  if (!sameToken(expected, form.get(csrfFieldName))) {
    throw new FormRefusedError(
      "This form has expired or did not come from this site. Go back, reload the page and try again."
    );
  }
}

function crossSite(): FormRefusedError {
  return new FormRefusedError("This form was sent from another site, so it was not accepted.");
}
