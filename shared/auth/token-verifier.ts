/**
 * Verifies Microsoft Entra ID access tokens (Bearer JWTs): RS256 signature against the issuer's published keys,
 * issuer (a `{tenantid}` template or one exact value), audience, then the times with one clock skew: not expired,
 * valid already (`nbf`), and not issued in the future (`iat`) — Entra always sends all three, so each is required.
 * Then `tid`/`oid` and the role claims. Create one verifier, lazily, and reuse it: jose caches the key set and
 * fetches it again only when a token names a key it has not seen (at most every 30 s) or after 10 minutes.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { AuthenticationError, TransientError } from "../errors";
import { accessTokenClaimsSchema, describeClaimsProblem, toPrincipal } from "./access-token-claims";
import { readBearerToken } from "./bearer-token";
import { isTrustedIssuer } from "./issuer-template";
import type { Principal } from "./principal";

export interface TokenVerifierOptions {
  /** Exact issuer, or a template such as `https://login.microsoftonline.com/{tenantid}/v2.0`. */
  readonly issuer: string;
  /** The API's application id URI or client id, as the token's `aud` carries it. */
  readonly audience: string;
  /** Where the issuer publishes its signing keys (the `jwks_uri` of its OpenID configuration). */
  readonly jwksUri: string;
  /** Clock skew allowed on `exp`, `nbf` and `iat`; 60 s unless given. */
  readonly clockToleranceSeconds?: number;
}

export interface TokenVerifier {
  /** The caller, or AuthenticationError (401); TransientError (503) when the signing keys cannot be fetched. */
  verify(authorizationHeader: string | null | undefined): Promise<Principal>;
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keySet = createRemoteJWKSet(new URL(options.jwksUri));
  // Failing to fetch the keys is our outage, not the caller's bad token: it must not read as "sign in again".
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new TransientError("The token signing keys could not be fetched.");
    }
  };
  const clockTolerance = options.clockToleranceSeconds ?? 60;

  return {
    async verify(authorizationHeader) {
      const token = readBearerToken(authorizationHeader);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          algorithms: ["RS256"],
          audience: options.audience,
          clockTolerance,
          requiredClaims: ["iss", "exp", "nbf", "iat"]
        }));
      } catch (error) {
        throw toVerificationError(error);
      }
      // jose checks `iat` only against a maximum age; a token minted ahead of time must not work early.
      if ((payload.iat as number) > Math.floor(Date.now() / 1000) + clockTolerance) {
        throw new AuthenticationError("The access token has an invalid issue time.");
      }
      const claims = accessTokenClaimsSchema.safeParse(payload);
      if (!claims.success) throw new AuthenticationError(describeClaimsProblem(claims.error));
      if (!isTrustedIssuer(options.issuer, claims.data.iss, claims.data.tid)) {
        throw new AuthenticationError("The access token comes from an issuer this API does not trust.");
      }
      return toPrincipal(claims.data);
    }
  };
}

/** jose's reasons, reworded so that nothing from the token (claim values, key ids) reaches the caller. */
function toVerificationError(error: unknown): AuthenticationError | TransientError {
  if (error instanceof TransientError) return error;
  if (error instanceof errors.JWTExpired) return new AuthenticationError("The access token has expired.");
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === "missing") return new AuthenticationError(`The access token lacks the ${error.claim} claim.`);
    if (error.claim === "aud") return new AuthenticationError("The access token is meant for another audience.");
    if (error.claim === "nbf") return new AuthenticationError("The access token is not valid yet.");
    if (error.claim === "iat") return new AuthenticationError("The access token has an invalid issue time.");
    return new AuthenticationError(`The access token lacks a valid ${error.claim} claim.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new AuthenticationError("The access token must be signed with RS256.");
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new AuthenticationError("The access token signature is not valid.");
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthenticationError("The access token is signed with an unknown key.");
  }
  return new AuthenticationError("The access token is malformed.");
}
