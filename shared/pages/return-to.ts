/**
 * Where to send someone after signing in (or out): only a path on this site. `//evil.example`, `/\evil.example`,
 * absolute URLs and anything with control characters fall back to the home page, so a crafted sign-in link can
 * never bounce a user to another site.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || value.length > 2048) return "/";
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  try {
    // Resolving against a fixed origin must not change it (e.g. `/%2F%2Fevil` stays a path).
    const url = new URL(value, "https://this-site.invalid");
    return url.origin === "https://this-site.invalid" ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

/** The path and query of a request, as a `returnTo`. */
export function pathOf(requestUrl: string): string {
  const url = new URL(requestUrl);
  return safeReturnPath(`${url.pathname}${url.search}`);
}
