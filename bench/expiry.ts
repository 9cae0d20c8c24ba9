/**
 * `node dist/bench/expiry.js`: one expiry run (the relationship-dates timer's use case, in this process) with 100
 * relationships past their end among 1,000 and among 20,000 stored, against the embedded Cosmos DB and the Service
 * Bus emulator through the real SDKs. Prints the run's time, the Cosmos requests it made (counted at the server)
 * and the documents its queries returned — beside a baseline in the same run: one pass that reads every stored
 * relationship, which is what a timer without the indexed due date would have to do.
 *
 * The figures to watch are requests and documents returned: they must stay the same whatever is stored. The local
 * server has no index and scans in memory for every query, so its time does grow with the total; Cosmos DB's
 * range index on `dueDateTime` does not.
 */
import { randomUUID } from "node:crypto";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Container, JSONObject } from "@azure/cosmos";
import { ServiceBusClient } from "@azure/service-bus";
import { startEmbeddedCosmos } from "../local/cosmos/cosmos-server";
import { ensureCosmosResources } from "../local/cosmos/ensure-resources";
import { startServiceBusEmulator } from "../local/service-bus/index";
import { containerIds, containers } from "../shared/cosmos/containers";
import { CosmosGrantStore } from "../shared/cosmos/cosmos-grant-store";
import { CosmosAuditLog } from "../shared/cosmos/cosmos-audit-log";
import { createCosmosClient } from "../shared/cosmos/cosmos-client";
import { CosmosCustomerRelationshipIndex } from "../shared/cosmos/cosmos-indexes";
import { CosmosRelationshipStore } from "../shared/cosmos/cosmos-relationship-store";
import { addDays } from "../shared/domain/iso-duration";
import { queues } from "../shared/messaging/queues";
import { ServiceBusPublisher } from "../shared/messaging/service-bus-publisher";
import { withDueDate } from "../shared/relationships/due-date";
import type { StoredRelationship } from "../shared/relationships/relationship-document";
import type { BatchRunSummary } from "../shared/timers/due-batches";
import { processRelationshipDates } from "../shared/timers/due-timers";
import { seedStoredData } from "./stored-data";
import { reportFigure } from "./figures";

const due = 100;
const totals = [1_000, 20_000];
const partners = 50;
const now = new Date("2030-06-01T12:00:00.000Z");

/** Cosmos requests seen by the embedded server (same process), by kind. */
class RequestCounter {
  readonly counts = { plan: 0, query: 0, read: 0, write: 0, other: 0 };
  private readonly listener = (message: unknown) => {
    const request = (message as { request: IncomingMessage }).request;
    const onDocument = /\/docs\/[^/]+\/?$/.test(request.url ?? "");
    // The SDK asks for a query plan before a cross-partition query, then fetches the pages.
    if (request.headers["x-ms-cosmos-is-query-plan-request"] !== undefined) this.counts.plan += 1;
    else if (request.headers["x-ms-documentdb-isquery"] !== undefined) this.counts.query += 1;
    else if (request.method === "GET" && onDocument) this.counts.read += 1;
    else if (request.method === "PUT" || (request.method === "POST" && /\/docs\/?$/.test(request.url ?? "")))
      this.counts.write += 1;
    else this.counts.other += 1;
  };
  start(): void {
    subscribe("http.server.request.start", this.listener);
  }
  stop(): void {
    unsubscribe("http.server.request.start", this.listener);
  }
  get total(): number {
    return this.counts.plan + this.counts.query + this.counts.read + this.counts.write + this.counts.other;
  }
}

function relationship(partnerTenantId: string, endsInDays: number): StoredRelationship {
  const id = randomUUID();
  const end = addDays(now, endsInDays);
  const activated = addDays(end, -365).toISOString();
  return withDueDate({
    id,
    partnerTenantId,
    displayName: `Bench ${id}`,
    uniqueName: `bench ${id}`,
    partnerType: "partnerWithGdap",
    partner: { tenantId: partnerTenantId, displayName: "Bench partner" },
    customer: { tenantId: randomUUID(), adminEmail: "admin@customer.example" },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" }] },
    duration: "P365D",
    autoExtendDuration: "PT0S",
    status: endsInDays <= 30 ? "expiring" : "active",
    createdDateTime: activated,
    lastModifiedDateTime: activated,
    activatedDateTime: activated,
    endDateTime: end.toISOString(),
    invitation: {
      nonce: randomUUID(),
      tokenHash: randomUUID(),
      expiresDateTime: addDays(activated, 89).toISOString(),
      sendCount: 1
    },
    expiryNoticesSent: endsInDays <= 30 ? [30, 7, 1] : [],
    version: 3,
    outbox: []
  });
}

/** `due` relationships ended an hour ago; the rest end 60 to 360 days from now (nothing due). */
function dataset(total: number): StoredRelationship[] {
  const tenants = Array.from({ length: partners }, () => randomUUID());
  return Array.from({ length: total }, (_, n) =>
    relationship(tenants[n % partners] as string, n < due ? -1 / 24 : 60 + (n % 300))
  );
}

async function seed(container: Container, documents: readonly StoredRelationship[]): Promise<void> {
  const chunkSize = 100;
  const chunks: StoredRelationship[][] = [];
  for (let start = 0; start < documents.length; start += chunkSize)
    chunks.push(documents.slice(start, start + chunkSize));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++] as StoredRelationship[];
        const results = await container.items.executeBulkOperations(
          chunk.map((document) => ({
            operationType: "Create" as const,
            partitionKey: document.partnerTenantId,
            resourceBody: JSON.parse(JSON.stringify(document)) as JSONObject
          }))
        );
        if (results.some((result) => (result.response?.statusCode ?? 500) >= 300)) throw new Error("seeding failed");
      }
    })
  );
}

interface Measured {
  readonly ms: number;
  readonly requests: RequestCounter;
}

async function measure(work: () => Promise<unknown>): Promise<Measured> {
  const requests = new RequestCounter();
  requests.start();
  const started = performance.now();
  try {
    await work();
  } finally {
    requests.stop();
  }
  return { ms: performance.now() - started, requests };
}

interface ScenarioResult {
  readonly total: number;
  readonly run: Measured & { summary: BatchRunSummary };
  readonly idle: Measured & { summary: BatchRunSummary };
  readonly scan: Measured & { documents: number };
  readonly expired: number;
}

async function scenario(total: number): Promise<ScenarioResult> {
  const cosmos = await startEmbeddedCosmos({ port: 0 });
  const bus = await startServiceBusEmulator({ port: 0, queues });
  const client = createCosmosClient(
    { kind: "emulator", connectionString: cosmos.connectionString, endpoint: cosmos.endpoint },
    () => {
      throw new Error("emulator only");
    }
  );
  const busClient = new ServiceBusClient(bus.connectionString);
  try {
    await ensureCosmosResources(client, "bench", containers);
    const database = client.database("bench");
    const relationships = database.container(containerIds.relationships);
    await seed(relationships, dataset(total));
    // As many again of other relationships' grants (two each) and audit records, so grants and audit grow with the total too.
    await seedStoredData(
      { access: database.container(containerIds.access), audit: database.container(containerIds.audit) },
      0,
      total
    );
    const ports = {
      clock: { now: () => now },
      store: new CosmosRelationshipStore(relationships),
      auditLog: new CosmosAuditLog(database.container(containerIds.audit)),
      customerIndex: new CosmosCustomerRelationshipIndex(database.container(containerIds.customerRelationships)),
      grantStore: new CosmosGrantStore(database.container(containerIds.access)),
      publisher: new ServiceBusPublisher(busClient)
    };
    const log = { warn: (message: string) => console.error(message) };
    // Warm-up outside the figures: connections, the Service Bus senders, the server's query cache.
    await ports.store.listDue(now.toISOString(), ["active", "expiring"], 1);

    // Baseline: every stored relationship read once, a page of 1,000 at a time.
    let documents = 0;
    const scan = await measure(async () => {
      const iterator = relationships.items.query<StoredRelationship>("SELECT * FROM c", { maxItemCount: 1_000 });
      while (iterator.hasMoreResults()) documents += (await iterator.fetchNext()).resources.length;
    });

    let summary: BatchRunSummary | undefined;
    const run = await measure(async () => (summary = await processRelationshipDates(ports, log)));
    let idleSummary: BatchRunSummary | undefined;
    const idle = await measure(async () => (idleSummary = await processRelationshipDates(ports, log)));
    const { resources } = await relationships.items
      .query<number>({
        query: "SELECT VALUE COUNT(1) FROM c WHERE c.status = @expired",
        parameters: [{ name: "@expired", value: "expired" }]
      })
      .fetchAll();
    return {
      total,
      run: { ...run, summary: summary as BatchRunSummary },
      idle: { ...idle, summary: idleSummary as BatchRunSummary },
      scan: { ...scan, documents },
      expired: resources[0] ?? 0
    };
  } finally {
    await busClient.close();
    await bus.stop();
    await cosmos.stop();
    client.dispose();
  }
}

const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
const requestsCell = (requests: RequestCounter) => {
  const { plan, query, read, write, other } = requests.counts;
  return `${requests.total} (${plan} plan, ${query} query page, ${read} read, ${write} write${other ? `, ${other} other` : ""})`;
};

async function main(): Promise<void> {
  console.log(
    `Expiry run (relationship-dates timer use case, in process): ${due} relationships past their end among N stored,`
  );
  console.log(
    "embedded Cosmos DB (in memory) and Service Bus emulator, real SDKs; requests counted at the Cosmos server."
  );
  console.log("");
  console.log(row(["stored", "what", "ms", "Cosmos requests", "documents returned by queries", "changed"]));
  console.log(row(["---:", "---", "---:", "---", "---:", "---:"]));
  const requestsPerRun: number[] = [];
  for (const total of totals) {
    const result = await scenario(total);
    if (result.expired !== due) throw new Error(`expected ${due} expired, found ${result.expired}`);
    const { run, idle, scan } = result;
    const stored = total.toLocaleString("en-US");
    console.log(
      row([
        stored,
        "expiry run",
        run.ms.toFixed(0),
        requestsCell(run.requests),
        String(run.summary.returned),
        String(run.summary.changed)
      ])
    );
    console.log(
      row([
        stored,
        "next run (nothing due)",
        idle.ms.toFixed(0),
        requestsCell(idle.requests),
        String(idle.summary.returned),
        String(idle.summary.changed)
      ])
    );
    console.log(
      row([
        stored,
        "baseline: read everything once",
        scan.ms.toFixed(0),
        requestsCell(scan.requests),
        String(scan.documents),
        "-"
      ])
    );
    const figure = { bench: "expiry", unit: "documents", product: run.summary.returned, floor: scan.documents };
    reportFigure({
      ...figure,
      figure: `documents read per run, ${stored} stored, baseline/run`,
      ratio: scan.documents / Math.max(1, run.summary.returned)
    });
    requestsPerRun.push(run.requests.total);
  }
  const [fewest, most] = [requestsPerRun[0] ?? 0, requestsPerRun[requestsPerRun.length - 1] ?? 0];
  reportFigure({
    bench: "expiry",
    figure: `growth: Cosmos requests per run, ${totals[0]} / ${totals[totals.length - 1]} stored`,
    unit: "requests",
    product: most,
    floor: fewest,
    ratio: fewest / most
  });
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
