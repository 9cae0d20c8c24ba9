/**
 * Reads an HTTP request target the way a server must: a target starting with `/` is a path, always, even `//x/y`
 * (`new URL("//x/y", base)` would read `x` as a host and serve `/y`). An absolute-form target
 * (`http://host/path?query`, as sent to proxies) keeps only its path and query. The host part of the URL is a fixed
 * placeholder: nothing a client sends picks it.
 */
import type { IncomingMessage } from "node:http";

const placeholderOrigin = "http://localhost";

/** The request's path and query on a placeholder origin, or undefined for a target that is neither form. */
export function parseRequestTarget(target: string | undefined): URL | undefined {
  if (!target) return undefined;
  if (target.startsWith("/")) return safeUrl(`${placeholderOrigin}${target}`);
  if (!/^https?:\/\//i.test(target)) return undefined;
  const absolute = safeUrl(target);
  return absolute && safeUrl(`${placeholderOrigin}${absolute.pathname}${absolute.search}`);
}

/** For handlers behind a server that has already refused malformed targets: the path and query, `/` if none. */
export function requestUrl(req: Pick<IncomingMessage, "url">): URL {
  return parseRequestTarget(req.url) ?? new URL(`${placeholderOrigin}/`);
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
