/**
 * Invitation link tokens. The token is derived, not stored: HMAC-SHA256 of a server secret and a per-invitation
 * random nonce (128 bits from the CSPRNG), base64url — 256 bits nobody can guess. The relationship keeps only
 * the nonce and the token's SHA-256; the email handler re-derives the token to put it in the link, so the
 * token itself is never written to Cosmos DB, a queue or a log.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export function newInvitationNonce(): string {
  return randomBytes(16).toString("base64url");
}

export function deriveLinkToken(secret: Buffer, nonce: string): string {
  return createHmac("sha256", secret).update(`invitation-link:${nonce}`).digest("base64url");
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token as it arrives in a URL: base64url of 32 bytes. Anything else cannot be ours. */
export function looksLikeLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
