/**
 * Who is signed in to the pages. Behind Easy Auth (EASY_AUTH_ENABLED=true) the platform has signed the user in and
 * passes the principal in a header; otherwise the session cookie holds an access token (the dev issuer's, locally),
 * checked by the same token verifier as the API — so a page sees exactly the Principal the API would, and calls
 * the same use cases with it.
 */
import type { HttpRequest } from "@azure/functions";
import { decodeJwt } from "jose";
import type { Principal } from "../auth/principal";
import type { TokenVerifier } from "../auth/token-verifier";
import { normalizeGuid } from "../domain/guid";
import { AuthenticationError } from "../errors";
import { csrfTokenFor } from "./csrf";
import { easyAuthPrincipalHeader, readEasyAuthPrincipal } from "./easy-auth";

/** HttpOnly, SameSite=Lax, Path=/ cookie holding the access token (set by the dev sign-in page locally). */
export const sessionCookieName = "pr_session";

export interface PageSession {
  readonly principal: Principal;
  /** Hidden form field value every POST must carry back (see csrf.ts). */
  readonly csrfToken: string;
}

export interface SessionSettings {
  readonly easyAuthEnabled: boolean;
  readonly tokenVerifier: TokenVerifier;
  readonly linkTokenSecret: Buffer;
}

/** The signed-in user, or undefined (no session, or one that expired or does not verify). */
export async function readPageSession(
  request: HttpRequest,
  settings: SessionSettings
): Promise<PageSession | undefined> {
  const signedIn = settings.easyAuthEnabled
    ? readEasyAuthPrincipal(request.headers.get(easyAuthPrincipalHeader))
    : await readCookieSession(request, settings.tokenVerifier);
  if (!signedIn) return undefined;
  const principal = { ...signedIn.principal, tenantId: normalizeGuid(signedIn.principal.tenantId) };
  return {
    principal,
    csrfToken: csrfTokenFor(settings.linkTokenSecret, {
      tenantId: principal.tenantId,
      userId: principal.userId,
      issuedAt: signedIn.issuedAt
    })
  };
}

async function readCookieSession(
  request: HttpRequest,
  verifier: TokenVerifier
): Promise<{ principal: Principal; issuedAt?: number } | undefined> {
  const token = readCookie(request.headers.get("cookie"), sessionCookieName);
  if (!token) return undefined;
  try {
    const principal = await verifier.verify(`Bearer ${token}`);
    // Verified just above, so reading iat without checking again is safe.
    const { iat } = decodeJwt(token);
    return { principal, ...(iat === undefined ? {} : { issuedAt: iat }) };
  } catch (error) {
    // An expired or foreign token means "sign in again"; a key-fetch outage (TransientError) is ours and surfaces.
    if (error instanceof AuthenticationError) return undefined;
    throw error;
  }
}

function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const at = part.indexOf("=");
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface SignInSettings {
  readonly easyAuthEnabled: boolean;
  readonly signInUrl: string;
  readonly signOutUrl: string;
}

/** Easy Auth names its return parameter `post_login_redirect_uri`; the dev sign-in page takes `returnTo`. */
export function signInLocation(settings: SignInSettings, returnTo: string): string {
  return withParameter(settings.signInUrl, settings.easyAuthEnabled ? "post_login_redirect_uri" : "returnTo", returnTo);
}

export function signOutLocation(settings: SignInSettings, returnTo = "/"): string {
  return withParameter(
    settings.signOutUrl,
    settings.easyAuthEnabled ? "post_logout_redirect_uri" : "returnTo",
    returnTo
  );
}

function withParameter(base: string, name: string, value: string): string {
  return `${base}${base.includes("?") ? "&" : "?"}${name}=${encodeURIComponent(value)}`;
}
