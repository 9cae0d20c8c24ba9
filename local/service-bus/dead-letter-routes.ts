/**
 * `GET /dev/service-bus`: the local emulator's queues and their dead letters; `POST /dev/service-bus/dead-letters`
 * (a form: action=replay|purge, queue, seq or all=yes) replays or purges and comes back with a 303. It goes through
 * the same code as `npm run dlq` (ops/dlq/dead-letters.ts) and the real SDK, so it behaves as the tool does
 * against Azure. A post from another site (its Origin, or Sec-Fetch-Site) is refused. Only the local runtime
 * serves this.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ServiceBusClient } from "@azure/service-bus";
import { z } from "zod";
import { listDeadLetters, purgeDeadLetters, replayDeadLetters } from "../../ops/dlq/dead-letters";
import { queues } from "../../shared/messaging/queues";
import { actionPath, deadLetterPageCsp, renderDeadLetterPage } from "./dead-letter-page";
import type { ServiceBusEmulator } from "./index";

const pagePath = "/dev/service-bus";
const shownPerQueue = 200;

const actionForm = z.strictObject({
  action: z.enum(["replay", "purge"]),
  queue: z.enum(queues.map((queue) => queue.name) as [string, ...string[]]),
  seq: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  all: z.literal("yes").optional()
});

export interface DeadLetterRoutes {
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean>;
  close(): Promise<void>;
}

export function deadLetterRoutes(emulator: Pick<ServiceBusEmulator, "connectionString" | "counts">): DeadLetterRoutes {
  let client: ServiceBusClient | undefined;
  const sdk = () =>
    (client ??= new ServiceBusClient(emulator.connectionString, {
      retryOptions: { maxRetries: 1, timeoutInMs: 5_000 }
    }));
  return {
    async handle(req, res, body) {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname === pagePath) {
        if (req.method !== "GET") return reply(res, 405, "Use GET.");
        return showPage(res, sdk(), emulator.counts(), noticeOf(url.searchParams));
      }
      if (url.pathname !== actionPath) return false;
      if (req.method !== "POST") return reply(res, 405, "Use POST.");
      if (!sameOrigin(req)) return reply(res, 403, "Only this page may post here.");
      const form = actionForm.safeParse(Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
      if (!form.success || (form.data.seq === undefined) === (form.data.all === undefined)) {
        return reply(res, 400, "Send action=replay|purge, a declared queue, and seq=<number> or all=yes.");
      }
      const { action, queue, seq } = form.data;
      const selection = seq === undefined ? { all: true as const } : { sequenceNumbers: [seq] };
      const outcome =
        action === "replay"
          ? await replayDeadLetters(sdk(), queue, selection)
          : await purgeDeadLetters(sdk(), queue, selection);
      res.writeHead(303, {
        location: `${pagePath}?done=${action}&count=${outcome.done.length}`,
        "cache-control": "no-store"
      });
      res.end();
      return true;
    },
    async close() {
      await client?.close();
    }
  };
}

async function showPage(
  res: ServerResponse,
  client: ServiceBusClient,
  counts: ReturnType<ServiceBusEmulator["counts"]>,
  notice: string | undefined
): Promise<true> {
  const views = [];
  for (const queue of queues) {
    const queueCounts = counts[queue.name];
    if (!queueCounts) continue;
    const listed =
      queueCounts.deadLettered > 0
        ? await listDeadLetters(client, queue.name, shownPerQueue)
        : { messages: [], more: false };
    views.push({ name: queue.name, counts: queueCounts, deadLetters: listed.messages, more: listed.more });
  }
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": deadLetterPageCsp,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store"
  });
  res.end(renderDeadLetterPage(views, notice));
  return true;
}

function noticeOf(query: URLSearchParams): string | undefined {
  const done = query.get("done");
  const count = Number(query.get("count"));
  if ((done !== "replay" && done !== "purge") || !Number.isInteger(count) || count < 0) return undefined;
  return `${done === "replay" ? "Replayed" : "Purged"} ${count} message${count === 1 ? "" : "s"}.`;
}

/** A browser says where a form post comes from; anything but this page's own origin is refused. */
function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${req.headers.host ?? ""}`;
}

function reply(res: ServerResponse, status: number, message: string): true {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(message);
  return true;
}
