/**
 * `POST /dev/service-bus/refuse-sends` on the local runtime, `{"queue": "invitation-emails", "count": 1}` (and
 * optionally `"kind": "serverBusy"`): the emulator rejects the next `count` sends to that queue, so a test or a
 * person can watch a change whose publish failed after its Cosmos write be finished by the outbox timer.
 * `GET /dev/service-bus/queues` shows each queue's message counts. Only the local runtime serves these.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { requestUrl } from "../host/request-target";
import type { ServiceBusEmulator } from "./index";

const refuseSendsRequest = z.strictObject({
  queue: z.string().min(1),
  count: z.number().int().min(0),
  kind: z.enum(["quotaExceeded", "serverBusy"]).optional()
});

export function handleServiceBusDevRequest(
  emulator: Pick<ServiceBusEmulator, "refuseSends" | "counts">,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer
): boolean {
  const path = requestUrl(req).pathname;
  if (path === "/dev/service-bus/queues") {
    if (req.method !== "GET") return reply(res, 405, { error: "Use GET." });
    return reply(res, 200, emulator.counts());
  }
  if (path !== "/dev/service-bus/refuse-sends") return false;
  if (req.method !== "POST") return reply(res, 405, { error: "Use POST." });
  let parsed: ReturnType<typeof refuseSendsRequest.safeParse>;
  try {
    parsed = refuseSendsRequest.safeParse(JSON.parse(body.toString("utf8") || "{}"));
  } catch {
    return reply(res, 400, { error: 'Send JSON: {"queue": "invitation-emails", "count": 1}.' });
  }
  if (!parsed.success)
    return reply(res, 400, {
      error: parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ")
    });
  const { queue, count, kind } = parsed.data;
  if (!(queue in emulator.counts())) return reply(res, 404, { error: `No queue named ${queue}.` });
  emulator.refuseSends(queue, count, kind);
  return reply(res, 200, { queue, count, kind: kind ?? "quotaExceeded" });
}

function reply(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
  return true;
}
