/**
 * A development stand-in for Microsoft Entra ID's token issuer, so the API's real token verification runs locally:
 * one RS256 key kept under the data folder, tokens shaped like Entra v2 access tokens (`iss` per tenant, `tid`,
 * `oid`, `wids`, `roles`, `groups` or the groups overage claim), and the key set and OpenID configuration served
 * beside the Functions host.
 *
 * The base URL is usually known only after the host listens, so `baseUrl` may be a function: it is called each
 * time a URL is needed (`issuer`, `jwksUri`, `issue`, and every request), never at creation. Every URL comes from
 * it, not from the request's Host header, so a token's `iss` always matches the issuer the app was configured with.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { SignJWT } from "jose";
import { issuerForTenant } from "../../shared/auth/issuer-template";
import { devIssuerPaths, handleIssuerRequest, type IssuerRouteTarget } from "./issuer-routes";
import { loadOrCreateSigningKey } from "./signing-key";
import { defaultTokenLifetimeSeconds } from "./token-request";

/** The application id URI the local API accepts, as an Entra app registration would expose it. */
export const devIssuerAudience = "api://partner-relationships";

export interface DevIssuerOptions {
  /** Where `issuer/signing-key.json` is kept; without it the key lives in memory and dies with the process. */
  readonly dataDir?: string;
  /** e.g. `http://127.0.0.1:7071`, or a function returning it once the host listens. */
  readonly baseUrl: string | (() => string);
}

export interface IssueClaims {
  readonly tenantId: string;
  readonly userId: string;
  readonly name?: string;
  /** The user's sign-in name (UPN), as Entra ID writes it in `preferred_username`. */
  readonly preferredUsername?: string;
  readonly wids?: readonly string[];
  readonly roles?: readonly string[];
  /** The `groups` claim: security group object ids. */
  readonly groups?: readonly string[];
  /** The groups overage claim instead of `groups` (a user in more groups than fit in a token). */
  readonly groupsOverage?: boolean;
  /** 3600 unless given; a negative value makes a token that has already expired. */
  readonly expiresInSeconds?: number;
  /** Overrides, for negative tests. */
  readonly audience?: string;
  readonly issuer?: string;
  readonly notBefore?: Date;
}

export interface DevIssuer {
  /** `${baseUrl}/dev/issuer/{tenantid}/v2.0`: a template, as for an Entra multi-tenant app. */
  readonly issuer: string;
  readonly audience: string;
  /** `${baseUrl}/dev/issuer/keys` */
  readonly jwksUri: string;
  /** `${baseUrl}/dev/issuer/token` */
  readonly tokenEndpoint: string;
  /** Thumbprint of the signing key; the same across restarts on one data folder. */
  readonly kid: string;
  issue(claims: IssueClaims): Promise<string>;
  /**
   * Answers the issuer's paths and resolves true; resolves false, without answering, for any other path. Pass
   * `body` when something upstream has already read the request stream.
   */
  handleRequest(req: IncomingMessage, res: ServerResponse, body?: Buffer): Promise<boolean>;
}

export async function createDevIssuer(options: DevIssuerOptions): Promise<DevIssuer> {
  const key = await loadOrCreateSigningKey(options.dataDir);
  const baseUrl = (): string => {
    const url = typeof options.baseUrl === "function" ? options.baseUrl() : options.baseUrl;
    return url.replace(/\/+$/, "");
  };
  const jwks = { keys: [key.publicJwk] };

  const issuer: DevIssuer = {
    get issuer() {
      return `${baseUrl()}${devIssuerPaths.prefix}/{tenantid}/v2.0`;
    },
    audience: devIssuerAudience,
    get jwksUri() {
      return `${baseUrl()}${devIssuerPaths.keys}`;
    },
    get tokenEndpoint() {
      return `${baseUrl()}${devIssuerPaths.token}`;
    },
    kid: key.kid,
    async issue(claims) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        tid: claims.tenantId,
        oid: claims.userId,
        ver: "2.0",
        ...(claims.name === undefined ? {} : { name: claims.name }),
        ...(claims.preferredUsername === undefined ? {} : { preferred_username: claims.preferredUsername }),
        ...(claims.wids === undefined ? {} : { wids: [...claims.wids] }),
        ...(claims.roles === undefined ? {} : { roles: [...claims.roles] }),
        ...groupClaims(claims)
      })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid })
        .setIssuer(claims.issuer ?? issuerForTenant(issuer.issuer, claims.tenantId))
        .setAudience(claims.audience ?? devIssuerAudience)
        .setSubject(claims.userId)
        .setIssuedAt(now)
        .setNotBefore(claims.notBefore ?? now)
        .setExpirationTime(now + (claims.expiresInSeconds ?? defaultTokenLifetimeSeconds))
        .setJti(randomUUID())
        .sign(key.privateKey);
    },
    handleRequest(req, res, body) {
      return handleIssuerRequest(routeTarget, req, res, body);
    }
  };
  // Getters, so that a request for a path that is not the issuer's never asks for the base URL.
  const routeTarget: IssuerRouteTarget = {
    issuerFor: (tenantId) => issuerForTenant(issuer.issuer, tenantId),
    get jwksUri() {
      return issuer.jwksUri;
    },
    get tokenEndpoint() {
      return issuer.tokenEndpoint;
    },
    jwks,
    issueFor: (request) => issuer.issue(request)
  };
  return issuer;
}

/**
 * `groups`, or — for a user in more groups than fit in a token — Entra's overage claim, which points at Microsoft
 * Graph for the list instead of carrying it.
 */
function groupClaims(claims: Pick<IssueClaims, "groups" | "groupsOverage">): Record<string, unknown> {
  if (claims.groupsOverage) {
    return {
      _claim_names: { groups: "src1" },
      _claim_sources: { src1: { endpoint: "https://graph.microsoft.com/v1.0/users/me/getMemberObjects" } }
    };
  }
  return claims.groups === undefined ? {} : { groups: [...claims.groups] };
}
