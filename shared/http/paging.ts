/**
 * Graph-style paging: `$top`, and `@odata.nextLink` carrying the store's continuation in an opaque, signed
 * `$skiptoken` (the pages call it `page`). The token is the continuation plus an HMAC-SHA256 over it and over the
 * scope it pages — which list, whose partition, which filters — under a key derived from the link-token secret
 * with a label of its own, so there is no new secret to deploy. A token we did not hand out, one changed on the
 * way, or one for another list, another partner or other filters is refused before anything reaches Cosmos DB:
 * the SDK throws on a malformed continuation, and a continuation from elsewhere would page someone else's query.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { HttpRequest } from "@azure/functions";
import { ValidationError } from "../errors";

export interface PagingScope {
  /** Which list: `relationships`, `partners`. */
  readonly list: string;
  /** Whose data: a partner's tenant id; none for the public directory. */
  readonly partition?: string;
  /** The query in force. `$top` and `$skiptoken` are left out: the page size may change from one page to the next. */
  readonly filter?: Readonly<Record<string, unknown>>;
}

export interface SkipTokens {
  /** The token's continuation, undefined when none was sent; a 400 naming `$skiptoken` when the token is not ours. */
  continuationOf(skipToken: string | undefined): string | undefined;
  /** The same check without throwing: `{ continuation }` for one of ours (or none sent), undefined for anything else. */
  read(skipToken: string | undefined): { readonly continuation?: string } | undefined;
  /** The token to hand out for the store's continuation; undefined at the end of the list. */
  tokenFor(continuation: string | undefined): string | undefined;
  /** This request's path and query with `parameter` set to the next page's token; undefined at the end of the list. */
  nextLink(request: HttpRequest, continuation: string | undefined, parameter?: string): string | undefined;
}

/** A partner's own relationships: the API's list and the partner's invitations page share this scope. */
export function partnerRelationshipsScope(partnerTenantId: string, filter: PagingScope["filter"] = {}): PagingScope {
  return { list: "relationships", partition: partnerTenantId, filter };
}

/** The public directory: the API's search and the "Find a partner" page share this scope. */
export function directoryScope(filter: PagingScope["filter"]): PagingScope {
  return { list: "partners", filter };
}

/** The operator's lists of applications and of partners, by status: the API and the operator page share these. */
export function operatorListScope(list: "partnerApplications" | "partners", status: string): PagingScope {
  return { list: `operator:${list}`, filter: { status } };
}

/** Devices an OEM registered for one customer: the OEM's API list and its device page share this scope. */
export function oemDevicesScope(partnerTenantId: string, customerTenantId: string): PagingScope {
  return { list: "devices:oem", partition: `${partnerTenantId}|${customerTenantId}` };
}

/** The devices registered for a customer, as the customer lists them (API and page). */
export function customerDevicesScope(customerTenantId: string): PagingScope {
  return { list: "devices:customer", partition: customerTenantId };
}

/** 128 bits of HMAC: forging one is as hard as guessing a random GUID, in 22 characters of URL. */
const macBytes = 16;
const tokenShape = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{22})$/;
const unpagedKeys = new Set(["$top", "$skiptoken", "page"]);

export function skipTokens(secret: Buffer, scope: PagingScope): SkipTokens {
  const key = createHmac("sha256", secret).update("partner-relationships:paging:skiptoken").digest();
  const scopeText = canonicalScope(scope);
  const macOf = (continuation: string) =>
    createHmac("sha256", key)
      .update(scopeText)
      .update("\u0000")
      .update(continuation, "utf8")
      .digest()
      .subarray(0, macBytes);

  const tokenFor: SkipTokens["tokenFor"] = (continuation) =>
    continuation
      ? `${Buffer.from(continuation, "utf8").toString("base64url")}.${macOf(continuation).toString("base64url")}`
      : undefined;
  const read: SkipTokens["read"] = (skipToken) => {
    if (skipToken === undefined || skipToken === "") return {};
    const match = tokenShape.exec(skipToken);
    if (!match) return undefined;
    const continuation = Buffer.from(match[1] as string, "base64url").toString("utf8");
    const mac = Buffer.from(match[2] as string, "base64url");
    // Only the one canonical spelling: base64 ignores a last character's spare bits, and a token is all or nothing.
    const canonical = tokenFor(continuation) === skipToken;
    if (!continuation || !canonical || mac.length !== macBytes || !timingSafeEqual(mac, macOf(continuation)))
      return undefined;
    return { continuation };
  };

  return {
    read,
    tokenFor,
    continuationOf(skipToken) {
      const found = read(skipToken);
      if (!found)
        throw new ValidationError([
          { field: "$skiptoken", message: "is not a token this API handed out for this list; start again without it" }
        ]);
      return found.continuation;
    },
    nextLink(request, continuation, parameter = "$skiptoken") {
      const token = tokenFor(continuation);
      if (!token) return undefined;
      const url = new URL(request.url);
      url.searchParams.set(parameter, token);
      return `${url.pathname}${url.search}`;
    }
  };
}

/** The same scope always gives the same text: keys sorted, absent values left out, page keys ignored. */
function canonicalScope(scope: PagingScope): string {
  const filter = Object.entries(scope.filter ?? {})
    .filter(([name, value]) => value !== undefined && !unpagedKeys.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([scope.list, scope.partition ?? "", filter]);
}
