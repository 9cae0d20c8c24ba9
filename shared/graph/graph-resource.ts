/**
 * What every /v1.0 resource and collection carries, as Graph writes it:
 *   `@odata.context` — an absolute URL, `<base>/v1.0/$metadata#<entity set>` (a collection) or `…/$entity` (one);
 *   `@odata.etag`   — exactly the value of the `ETag` header (quotes included), so a client can send it back in
 *                     If-Match whichever of the two it read;
 *   `Location`      — the absolute URL of what a POST created.
 * `base` is PUBLIC_BASE_URL: the address clients use, as every link in an email is.
 */
import { createHash } from "node:crypto";
import { toHttpEtag } from "../http/etag";

export const graphVersionPath = "/v1.0";

/** `<base>/v1.0/<path>` without a trailing slash: where a resource lives, for Location and nextLink. */
export function graphUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${graphVersionPath}/${path.replace(/^\/+/, "")}`;
}

/** `@odata.context` of a collection: `entitySet` is its path under /v1.0, e.g. `tenantRelationships/delegatedAdminRelationships`. */
export function collectionContext(base: string, entitySet: string): string {
  return `${graphUrl(base, "$metadata")}#${entitySet}`;
}

/** `@odata.context` of one entity of `entitySet`. */
function entityContext(base: string, entitySet: string): string {
  return `${collectionContext(base, entitySet)}/$entity`;
}

/** The HTTP form (quoted) of a storage-side ETag: the `ETag` header and the body's `@odata.etag` alike. */
export function graphEtag(unquotedEtag: string): string {
  return toHttpEtag(unquotedEtag);
}

/** An ETag for a resource that has no version of its own (a request, a customer): its content's hash. */
export function contentEtag(content: unknown): string {
  return graphEtag(`c${createHash("sha256").update(JSON.stringify(content)).digest("base64url").slice(0, 22)}`);
}

/** One entity as a GET returns it: its context, then its ETag and properties. */
export function entityBody(
  base: string,
  entitySet: string,
  resource: Record<string, unknown>
): Record<string, unknown> {
  return { "@odata.context": entityContext(base, entitySet), ...resource };
}
