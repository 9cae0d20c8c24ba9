/**
 * Wraps an HTTP handler and hands it the services: whatever it throws becomes problem+json (see to-problem.ts),
 * and every API answer carries the headers an API should — no caching of tenant data, no content sniffing, no framing.
 */
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { toProblemResponse } from "./to-problem";

const apiHeaders = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY"
};

/** An API handler: the request, the services it needs (handed in, never looked up), the invocation. */
export type EndpointHandler<S> = (
  request: HttpRequest,
  services: S,
  context: InvocationContext
) => Promise<HttpResponseInit>;

/**
 * `endpoint` bound to where the services come from (shared/wiring.ts binds the composition root). Services are
 * fetched inside the try, so a configuration that cannot be parsed answers as any other failure does; and only
 * for a handler that declares the parameter, so answers made from code alone (OpenAPI, roles) never parse it.
 */
export function endpointWith<S>(services: () => S): (handler: EndpointHandler<S>) => HttpHandler {
  return (handler) => async (request, context) => {
    let response: HttpResponseInit;
    try {
      const needsServices = handler.length >= 2;
      response = await handler(request, needsServices ? services() : (undefined as S), context);
    } catch (error) {
      response = toProblemResponse(error, context);
    }
    return { ...response, headers: { ...apiHeaders, ...(response.headers as Record<string, string> | undefined) } };
  };
}

export interface JsonOptions {
  readonly status?: number;
  /** HTTP form (quoted). */
  readonly etag?: string;
  readonly location?: string;
}

export function json(body: unknown, options: JsonOptions = {}): HttpResponseInit {
  const headers: Record<string, string> = {};
  if (options.etag) headers.etag = options.etag;
  if (options.location) headers.location = options.location;
  return { status: options.status ?? 200, headers, jsonBody: body };
}

export function noContent(etag?: string): HttpResponseInit {
  return { status: 204, headers: etag ? { etag } : {} };
}
