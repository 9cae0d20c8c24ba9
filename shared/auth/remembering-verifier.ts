/**
 * Remembers tokens already verified, so a caller that sends the same token for many requests (a consuming
 * platform asking the access check, a page polling its status) pays for the RS256 signature check once. Verifying
 * cost about 45 µs a request, a tenth of the host's CPU per access check (bench/access.ts). A token is remembered
 * by its SHA-256 until it expires, and at most 10 minutes, so a signing key withdrawn in an emergency stops working
 * soon after. Only successes are remembered; anything else is verified in full every time.
 */
import { createHash } from "node:crypto";
import { decodeJwt } from "jose";
import type { Principal } from "./principal";
import type { TokenVerifier } from "./token-verifier";

const rememberMs = 10 * 60_000;
const maxRemembered = 10_000;

export function rememberingVerifier(inner: TokenVerifier): TokenVerifier {
  const verified = new Map<string, { readonly principal: Principal; readonly untilMs: number }>();
  return {
    async verify(header) {
      if (!header) return inner.verify(header);
      const key = createHash("sha256").update(header).digest("base64");
      const nowMs = Date.now();
      const remembered = verified.get(key);
      if (remembered && remembered.untilMs > nowMs) return remembered.principal;
      verified.delete(key);
      const principal = await inner.verify(header);
      const exp = decodeJwt(header.replace(/^\s*Bearer +/i, "").trim()).exp;
      if (typeof exp === "number" && exp * 1000 > nowMs) {
        if (verified.size >= maxRemembered) verified.delete(verified.keys().next().value as string); // the oldest
        verified.set(key, { principal, untilMs: Math.min(exp * 1000, nowMs + rememberMs) });
      }
      return principal;
    }
  };
}
