/**
 * Wraps a /v1.0 handler as shared/http/endpoint.ts wraps an /api one, with Graph's conventions: whatever it throws
 * becomes Graph's error body (graph-errors.ts), every answer carries `request-id` (the invocation id, also in the
 * error's innerError) and echoes the caller's `client-request-id`, and tenant data is never cached or framed.
 */
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { toGraphErrorResponse } from "./graph-errors";

const apiHeaders = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY"
};

/** A GUID-like id a client may send to find its request in our logs; anything else is not echoed. */
const clientRequestIdPattern = /^[A-Za-z0-9-]{1,64}$/;

/** `graphEndpoint` bound to where the services come from (shared/wiring.ts); the handler gets them as `endpoint`'s does. */
export function graphEndpointWith<S>(
  services: () => S
): (
  handler: (request: HttpRequest, services: S, context: InvocationContext) => Promise<HttpResponseInit>
) => HttpHandler {
  return (handler) => async (request, context) => {
    const sent = request.headers.get("client-request-id") ?? undefined;
    const clientRequestId = sent && clientRequestIdPattern.test(sent) ? sent : undefined;
    let response: HttpResponseInit;
    try {
      response = await handler(request, services(), context);
    } catch (error) {
      response = toGraphErrorResponse(error, context, clientRequestId);
    }
    const tracing = {
      "request-id": context.invocationId,
      ...(clientRequestId ? { "client-request-id": clientRequestId } : {})
    };
    return {
      ...response,
      headers: { ...apiHeaders, ...tracing, ...(response.headers as Record<string, string> | undefined) }
    };
  };
}

export interface GraphJsonOptions {
  readonly status?: number;
  /** HTTP form (quoted): the same value as the body's `@odata.etag`. */
  readonly etag?: string;
  /** Absolute URL of a created resource. */
  readonly location?: string;
}

/** A Graph JSON answer (`application/json`, as Graph sends, with the OData metadata level it uses). */
export function graphJson(body: unknown, options: GraphJsonOptions = {}): HttpResponseInit {
  const headers: Record<string, string> = {
    "content-type": "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
  };
  if (options.etag) headers.etag = options.etag;
  if (options.location) headers.location = options.location;
  return { status: options.status ?? 200, headers, body: JSON.stringify(body) };
}

export function graphNoContent(): HttpResponseInit {
  return { status: 204 };
}
