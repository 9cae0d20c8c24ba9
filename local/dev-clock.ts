/**
 * `GET/POST /dev/clock` on the local runtime: moves the product's clock (shared/clock.ts) so a person or a test
 * can watch a 90-day invitation expire, or an end date arrive, without waiting. Same process as the functions,
 * so the change is seen at once. Only the local runtime serves it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { clockOffset, setClockOffset, systemClock } from "../shared/clock";
import { requestUrl } from "./host/request-target";

export function handleClockRequest(req: IncomingMessage, res: ServerResponse, body: Buffer): boolean {
  if (requestUrl(req).pathname !== "/dev/clock") return false;
  if (req.method === "POST") {
    let request: { advanceMs?: unknown; advanceDays?: unknown; reset?: unknown };
    try {
      request = JSON.parse(body.toString("utf8") || "{}") as typeof request;
    } catch {
      return reply(res, 400, { error: 'Send JSON: {"advanceDays": 30}, {"advanceMs": 1000} or {"reset": true}.' });
    }
    const advanceMs = Number(request.advanceMs ?? 0) + Number(request.advanceDays ?? 0) * 86_400_000;
    if (!Number.isFinite(advanceMs)) return reply(res, 400, { error: "advanceMs and advanceDays must be numbers." });
    setClockOffset(request.reset === true ? 0 : clockOffset() + advanceMs);
  } else if (req.method !== "GET") {
    return reply(res, 405, { error: "Use GET or POST." });
  }
  return reply(res, 200, { now: systemClock.now().toISOString(), offsetMs: clockOffset() });
}

function reply(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
  return true;
}
