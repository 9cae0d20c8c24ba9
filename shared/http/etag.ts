/**
 * ETags over HTTP are quoted strings; Cosmos DB's `_etag` may or may not carry the quotes. These helpers keep
 * one form inside (unquoted) and the HTTP form at the edge.
 */
import type { HttpRequest } from "@azure/functions";
import { PreconditionRequiredError } from "../errors";

export function toHttpEtag(storageEtag: string): string {
  return `"${unquote(storageEtag)}"`;
}

export function unquote(etag: string): string {
  return etag.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}

/** The If-Match value, unquoted; `undefined` when absent or `*` (which matches any current version). */
export function ifMatchOf(request: HttpRequest): string | undefined {
  const header = request.headers.get("if-match")?.trim();
  if (!header || header === "*") return undefined;
  return unquote(header);
}

/** PATCH and DELETE must say which version they change. */
export function requireIfMatch(request: HttpRequest): string | undefined {
  if (!request.headers.get("if-match")?.trim()) {
    throw new PreconditionRequiredError(
      "Send the ETag you read in an If-Match header, so a change made meanwhile is not overwritten."
    );
  }
  return ifMatchOf(request);
}
