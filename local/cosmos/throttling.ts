/**
 * Failure injection for the embedded Cosmos DB: the next N document requests (reads, writes, queries) answer
 * 429 with `x-ms-retry-after-ms`, as a busy Cosmos DB account does, so a test can watch how long the SDK's own
 * retries hold a request. `POST /dev/cosmos/throttle` `{"count": 100, "retryAfterMs": 1000}` arms it on the local
 * runtime (a count of 0 disarms). Account and container metadata requests are never throttled.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { z } from "zod";

export interface CosmosThrottle {
  arm(count: number, retryAfterMs: number): void;
}

/** Puts the throttle in front of the server's own request handler. */
export function throttleRequests(server: Pick<Server, "listeners" | "removeAllListeners" | "on">): CosmosThrottle {
  const handlers = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners("request");
  let remaining = 0;
  let retryAfterMs = 0;
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (remaining > 0 && /\/docs(\/|$)/.test(req.url ?? "")) {
      remaining -= 1;
      req.resume();
      res.writeHead(429, {
        "content-type": "application/json",
        "x-ms-retry-after-ms": String(retryAfterMs),
        "x-ms-substatus": "3200",
        "x-ms-request-charge": "0"
      });
      res.end(
        JSON.stringify({
          code: "TooManyRequests",
          message: "Request rate is large (throttled on request by the local runtime)."
        })
      );
      return;
    }
    for (const handler of handlers) handler.call(server, req, res);
  });
  return {
    arm(count, afterMs) {
      remaining = count;
      retryAfterMs = afterMs;
    }
  };
}

const throttleRequest = z.strictObject({
  count: z.number().int().min(0),
  retryAfterMs: z.number().int().min(0).max(60_000).default(1_000)
});

export function handleCosmosDevRequest(
  throttle: CosmosThrottle | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer
): boolean {
  if (new URL(req.url ?? "/", "http://localhost").pathname !== "/dev/cosmos/throttle") return false;
  if (req.method !== "POST") return reply(res, 405, { error: "Use POST." });
  if (!throttle) return reply(res, 404, { error: "Only the embedded Cosmos DB can be throttled." });
  let parsed: ReturnType<typeof throttleRequest.safeParse>;
  try {
    parsed = throttleRequest.safeParse(JSON.parse(body.toString("utf8") || "{}"));
  } catch {
    return reply(res, 400, { error: 'Send JSON: {"count": 10, "retryAfterMs": 1000}.' });
  }
  if (!parsed.success)
    return reply(res, 400, {
      error: parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ")
    });
  throttle.arm(parsed.data.count, parsed.data.retryAfterMs);
  return reply(res, 200, parsed.data);
}

function reply(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
  return true;
}
