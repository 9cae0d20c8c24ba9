/**
 * Where to send someone after signing in (or out): only a path on this site. `//evil.example`, `/\evil.example`,
 * absolute URLs and anything with control characters fall back to the home page, so a crafted sign-in link can
 * never bounce a user to another site. The value is normalised first and the checks apply to what is returned:
 * dot segments can turn `/.//evil.example` into `//evil.example`, which a browser reads as another host.
 */
const thisSite = "https://this-site.invalid";

export function safeReturnPath(value: string | null | undefined): string {
  if (!value || value.length > 2048) return "/";
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, thisSite);
  } catch {
    return "/";
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === thisSite && isPathOnThisSite(path) ? path : "/";
}

/** A path a browser resolves against this site: one leading slash, not two, and not a slash and a backslash. */
function isPathOnThisSite(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}

/** The path and query of a request, as a `returnTo`. */
export function pathOf(requestUrl: string): string {
  const url = new URL(requestUrl);
  return safeReturnPath(`${url.pathname}${url.search}`);
}
