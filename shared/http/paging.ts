/** Graph-style paging: `$top`, and `@odata.nextLink` carrying the store's continuation as an opaque `$skiptoken`. */
import type { HttpRequest } from "@azure/functions";
import { ValidationError } from "../errors";

export function nextLink(request: HttpRequest, continuation: string | undefined): string | undefined {
  if (!continuation) return undefined;
  const url = new URL(request.url);
  url.searchParams.set("$skiptoken", Buffer.from(continuation, "utf8").toString("base64url"));
  return `${url.pathname}${url.search}`;
}

export function fromSkipToken(skipToken: string | undefined): string | undefined {
  if (!skipToken) return undefined;
  const decoded = Buffer.from(skipToken, "base64url").toString("utf8");
  if (!decoded) throw new ValidationError([{ field: "$skiptoken", message: "is not a token this API handed out" }]);
  return decoded;
}
