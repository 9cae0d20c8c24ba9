/**
 * The local runtime's own tools (`/dev/*`: mailbox, token issuer, sign-in, clock, Service Bus controls; and
 * `/admin/functions/*`) mint tokens, show invitation links and move time, so they answer this machine only:
 *
 * - `Host` must name the loopback interface (`127.0.0.1`, `localhost` or `[::1]`, any port). A DNS-rebinding page
 *   reaches 127.0.0.1 under its own name, and its browser then sends that name; nothing else tells it apart.
 * - A state change (any method but GET, HEAD, OPTIONS) is refused when the browser says it comes from another
 *   site: an `Origin` other than this loopback origin, or `Sec-Fetch-Site` other than same-origin or none.
 * - A body another site's page could send without a CORS preflight (text/plain, a form, multipart, or no content
 *   type) needs the browser's word that it comes from this origin, except on the HTML form paths (sign-in).
 *   Scripts and curl send `content-type: application/json`, which no cross-site page can send unasked.
 */
import type { IncomingMessage } from "node:http";
import { parseRequestTarget } from "./request-target";

export interface LocalOnlyRefusal {
  readonly status: 400 | 403 | 415 | 421;
  readonly title: string;
  readonly detail: string;
}

export interface LocalOnlyOptions {
  /** Paths that take an HTML form post (`application/x-www-form-urlencoded`), e.g. the dev sign-in page. */
  readonly formPaths?: readonly string[];
}

const loopbackHost = /^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?$/i;
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const browserSimpleTypes = new Set(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]);

/** Why a request for a local tool is refused, or undefined when it may go on. */
export function localOnlyRefusal(req: IncomingMessage, options: LocalOnlyOptions = {}): LocalOnlyRefusal | undefined {
  const url = parseRequestTarget(req.url);
  if (!url) return { status: 400, title: "Bad Request", detail: "The request target must be a path." };
  const wrongHost = foreignHostRefusal(req);
  if (wrongHost || safeMethods.has((req.method ?? "GET").toUpperCase())) return wrongHost;
  const thisOrigin = `http://${(req.headers.host ?? "").toLowerCase()}`;
  const origin = req.headers.origin?.toLowerCase();
  const fetchSite = req.headers["sec-fetch-site"]?.toLowerCase();
  if (
    (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") ||
    (origin && origin !== "null" && origin !== thisOrigin)
  ) {
    return {
      status: 403,
      title: "Forbidden",
      detail: "The local runtime's tools do not take changes sent from another site."
    };
  }
  const sameOriginProof = fetchSite === "same-origin" || origin === thisOrigin;
  const mediaType = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  const simple = mediaType === undefined ? hasBody(req) : browserSimpleTypes.has(mediaType);
  const formAllowed =
    mediaType === "application/x-www-form-urlencoded" && (options.formPaths ?? []).includes(url.pathname);
  if (simple && !sameOriginProof && !formAllowed) {
    return {
      status: 415,
      title: "Unsupported Media Type",
      detail: "Send the body as application/json: another site's page can send text/plain or a form."
    };
  }
  return undefined;
}

/** The Host check alone, for endpoints that authenticate every request themselves (the signed email API). */
export function foreignHostRefusal(req: Pick<IncomingMessage, "headers">): LocalOnlyRefusal | undefined {
  if (loopbackHost.test(req.headers.host ?? "")) return undefined;
  return {
    status: 421,
    title: "Misdirected Request",
    detail: "The local runtime answers only Host 127.0.0.1, localhost or [::1]."
  };
}

function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
}
