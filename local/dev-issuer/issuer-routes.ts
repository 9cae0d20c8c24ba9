/**
 * The dev issuer's HTTP face, mounted under the Functions host's port: `GET /dev/issuer/keys` (the public key
 * set), `GET /dev/issuer/{tenantid}/v2.0/.well-known/openid-configuration` and `POST /dev/issuer/token`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JSONWebKeySet } from "jose";
import { requestUrl } from "../host/request-target";
import { readBody } from "../http-body";
import { sendJson, sendProblem } from "./http-io";
import {
  defaultTokenLifetimeSeconds,
  describeTokenRequestIssues,
  tokenRequestSchema,
  type TokenRequest,
  type TokenResponse
} from "./token-request";

export const devIssuerPaths = {
  prefix: "/dev/issuer",
  keys: "/dev/issuer/keys",
  token: "/dev/issuer/token"
} as const;

const openIdConfigurationPath = /^\/dev\/issuer\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/;
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const maxTokenRequestBytes = 64 * 1024;

export interface IssuerRouteTarget {
  /** The issuer for a tenant id, or the `{tenantid}` template itself when given `{tenantid}`. */
  issuerFor(tenantId: string): string;
  readonly jwksUri: string;
  readonly tokenEndpoint: string;
  readonly jwks: JSONWebKeySet;
  issueFor(request: TokenRequest): Promise<string>;
}

/** True when the path is the issuer's and it answered; false, without answering, for any other path. */
export async function handleIssuerRequest(
  target: IssuerRouteTarget,
  req: IncomingMessage,
  res: ServerResponse,
  body?: Buffer
): Promise<boolean> {
  const path = requestUrl(req).pathname.replace(/(.)\/+$/, "$1");
  const method = req.method ?? "GET";
  if (path === devIssuerPaths.keys) {
    if (allow(method, ["GET", "HEAD"], res)) sendJson(res, 200, target.jwks);
    return true;
  }
  if (path === devIssuerPaths.token) {
    if (allow(method, ["POST"], res)) await answerTokenRequest(target, req, res, body);
    return true;
  }
  const openId = openIdConfigurationPath.exec(path);
  if (!openId?.[1]) return false;
  if (!allow(method, ["GET", "HEAD"], res)) return true;
  const tenant = decodeURIComponent(openId[1]);
  // Like Entra's `common` and `organizations` documents, these publish the template rather than one tenant's issuer.
  const multiTenant = tenant === "common" || tenant === "organizations";
  if (!multiTenant && !guidPattern.test(tenant)) {
    sendProblem(res, {
      status: 404,
      title: "Not Found",
      detail: "The tenant must be a GUID, common or organizations."
    });
    return true;
  }
  sendJson(res, 200, {
    issuer: target.issuerFor(multiTenant ? "{tenantid}" : tenant.toLowerCase()),
    jwks_uri: target.jwksUri,
    token_endpoint: target.tokenEndpoint,
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["none"]
  });
  return true;
}

async function answerTokenRequest(
  target: IssuerRouteTarget,
  req: IncomingMessage,
  res: ServerResponse,
  preRead?: Buffer
): Promise<void> {
  if (preRead === undefined && req.readableEnded) {
    // Someone read the stream before us; answering 400 "empty body" would send the caller looking in the wrong place.
    sendProblem(res, {
      status: 500,
      title: "Internal Server Error",
      detail: "The host consumed the request body without passing it to the dev issuer."
    });
    return;
  }
  const body = preRead ?? (await readBody(req, maxTokenRequestBytes));
  if (body === "too large" || body.length > maxTokenRequestBytes) {
    sendProblem(res, {
      status: 413,
      title: "Payload Too Large",
      detail: `Token requests are limited to ${maxTokenRequestBytes} bytes.`
    });
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    sendValidationProblem(res, [
      {
        field: "body",
        message: "must be JSON: {tenantId, userId, name?, wids?, roles?, groups?, groupsOverage?, expiresInSeconds?}"
      }
    ]);
    return;
  }
  const parsed = tokenRequestSchema.safeParse(json);
  if (!parsed.success) {
    sendValidationProblem(res, describeTokenRequestIssues(parsed.error));
    return;
  }
  const response: TokenResponse = {
    access_token: await target.issueFor(parsed.data),
    token_type: "Bearer",
    expires_in: parsed.data.expiresInSeconds ?? defaultTokenLifetimeSeconds
  };
  sendJson(res, 200, response, { pragma: "no-cache" });
}

function sendValidationProblem(res: ServerResponse, errors: readonly { field: string; message: string }[]): void {
  sendProblem(res, {
    status: 400,
    title: "The request is not valid",
    detail: errors.map((e) => `${e.field}: ${e.message}`).join("; "),
    errors
  });
}

function allow(method: string, allowed: readonly string[], res: ServerResponse): boolean {
  if (allowed.includes(method)) return true;
  sendProblem(
    res,
    { status: 405, title: "Method Not Allowed", detail: `Use ${allowed.join(" or ")}.` },
    { allow: allowed.join(", ") }
  );
  return false;
}
