/**
 * Preloaded into the runtime by bench:bulk (`node --require dist/bench/cosmos-counter.js`): counts every request the
 * embedded Cosmos DB server receives, by kind and by container, as the server sees them (the same channel
 * bench:expiry listens on). On SIGUSR2 it writes the counts so far to the file named by BENCH_COSMOS_COUNTS, with
 * a sequence number the reader waits for. Nothing else of the runtime changes.
 */
import { subscribe } from "node:diagnostics_channel";
import { renameSync, writeFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";

export interface CosmosCounts {
  readonly sequence: number;
  readonly total: number;
  readonly byKind: Record<string, number>;
  readonly byContainer: Record<string, number>;
  /** "container kind", e.g. "relationships replace". */
  readonly byContainerKind: Record<string, number>;
}

const byKind: Record<string, number> = {};
const byContainer: Record<string, number> = {};
const byContainerKind: Record<string, number> = {};
let total = 0;
let sequence = 0;

function kindOf(request: IncomingMessage, url: string): string {
  if (request.headers["x-ms-cosmos-is-query-plan-request"] !== undefined) return "query plan";
  if (request.headers["x-ms-documentdb-isquery"] !== undefined) return "query";
  if (request.headers["x-ms-cosmos-is-batch-request"] !== undefined)
    return request.headers["x-ms-cosmos-batch-atomic"] === "true" ? "transactional batch" : "bulk";
  const onDocument = /\/docs\/[^/]+\/?$/.test(url);
  if (request.method === "GET") return onDocument ? "point read" : "metadata read";
  if (request.method === "POST" && /\/docs\/?$/.test(url))
    return request.headers["x-ms-documentdb-is-upsert"] === "true" ? "upsert" : "create";
  if (request.method === "PUT") return "replace";
  if (request.method === "PATCH") return "patch";
  if (request.method === "DELETE") return "delete";
  return "other";
}

subscribe("http.server.request.start", (message) => {
  const request = (message as { request: IncomingMessage }).request;
  const url = request.url ?? "";
  // Only the Cosmos DB server: the SDK names its API version, and every path is under /dbs (or the account root).
  if (request.headers["x-ms-version"] === undefined || !(url.startsWith("/dbs") || url === "/")) return;
  total += 1;
  const kind = kindOf(request, url);
  byKind[kind] = (byKind[kind] ?? 0) + 1;
  const container = /\/dbs\/[^/]+\/colls\/([^/]+)/.exec(url)?.[1] ?? "(account)";
  byContainer[container] = (byContainer[container] ?? 0) + 1;
  const detail = `${container} ${kind}`;
  byContainerKind[detail] = (byContainerKind[detail] ?? 0) + 1;
});

process.on("SIGUSR2", () => {
  const file = process.env.BENCH_COSMOS_COUNTS;
  sequence += 1;
  if (!file) return;
  // Whole or not at all: the reader may look at any moment.
  writeFileSync(
    `${file}.tmp`,
    JSON.stringify({ sequence, total, byKind, byContainer, byContainerKind } satisfies CosmosCounts)
  );
  renameSync(`${file}.tmp`, file);
});
