/**
 * A /v1.0 collection as Graph writes it: `@odata.context`, `@odata.count` when `$count=true` was asked for,
 * `value` (each item cut down to `$select`), and `@odata.nextLink` — absolute, under PUBLIC_BASE_URL — while there
 * is more. The `$skiptoken` in it is opaque and signed (shared/http/paging.ts) for this list, this partner and this
 * filter and order, so a made-up or borrowed one is a 400 naming `$skiptoken` before anything is read.
 */
import type { HttpRequest } from "@azure/functions";
import { skipTokens, type PagingScope, type SkipTokens } from "../http/paging";
import { collectionContext } from "./graph-resource";
import { pagingFilterOf, selected, type GraphListQuery } from "./odata-query";

export interface GraphPage {
  readonly items: readonly Record<string, unknown>[];
  /** The store's continuation (or an offset, for a list held in memory): more items follow. */
  readonly continuation?: string;
  /** With `$count=true`: how many match, across every page. */
  readonly count?: number;
}

/** The signed skip tokens of one list for one partner, bound to the query's filter and order. */
export function graphSkipTokens(secret: Buffer, list: string, partition: string, query: GraphListQuery): SkipTokens {
  const scope: PagingScope = { list: `graph:${list}`, partition, filter: pagingFilterOf(query) };
  return skipTokens(secret, scope);
}

export function collectionBody(
  base: string,
  entitySet: string,
  request: HttpRequest,
  paging: SkipTokens,
  query: GraphListQuery,
  page: GraphPage
): Record<string, unknown> {
  const next = nextLink(request, paging.tokenFor(page.continuation));
  return {
    "@odata.context": collectionContext(base, entitySet),
    ...(query.count ? { "@odata.count": page.count ?? page.items.length } : {}),
    value: page.items.map((item) => selected(item, query.select)),
    ...(next ? { "@odata.nextLink": `${base.replace(/\/+$/, "")}${next}` } : {})
  };
}

/** This request's path and query with the next page's `$skiptoken` (in whatever case it came: one, not two). */
function nextLink(request: HttpRequest, token: string | undefined): string | undefined {
  if (!token) return undefined;
  const url = new URL(request.url);
  for (const key of [...url.searchParams.keys()]) if (key.toLowerCase() === "$skiptoken") url.searchParams.delete(key);
  url.searchParams.set("$skiptoken", token);
  return `${url.pathname}${url.search}`;
}

/** One page of a list already in memory (a relationship's requests): the continuation is the next offset. */
export function pageInMemory<T>(
  items: readonly T[],
  top: number,
  continuation: string | undefined
): { items: T[]; continuation?: string } {
  const start = continuation === undefined ? 0 : Number(continuation);
  const end = start + top;
  return { items: items.slice(start, end), ...(end < items.length ? { continuation: String(end) } : {}) };
}
