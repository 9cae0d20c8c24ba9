/**
 * `node dist/bench/bulk.js`: one bulk batch of 1,000 customers through the whole pipeline — `POST
 * /api/partner/invitation-batches` → the batch document → the invitation-batches queue, a chunk of 50 per step →
 * each invitation's Cosmos DB write and outbox → invitation-emails → processInvitationEmails → every email accepted
 * by the email server — with the partner's invitation limits raised, as an operator would for a move. It prints
 * invitations per second (submission to the last email) and Cosmos DB requests per invitation (counted at the server:
 * the runtime runs with dist/bench/cosmos-counter.js preloaded), beside bench:invitations' floor measured in the same
 * run (per item one Cosmos write, one Service Bus send/receive/complete and one email, 16 workers) and, for
 * reference, invitations made one by one through `POST /api/relationships` (16 workers, each until its email).
 *
 * Settings: BENCH_BATCH (rows, default 1000, at most 1000), BENCH_FLOOR_SECONDS (default 20, half before and half
 * after), BENCH_SINGLES (one-by-one invitations, default 300), BENCH_CONCURRENCY (default 16).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ChildProcess } from "node:child_process";
import { CosmosCountReader as CosmosCounter, countsDifference as difference } from "./cosmos-count-reader";
import {
  closeFloor,
  combine,
  cpuSeconds,
  floorItem,
  MailboxTail,
  measured,
  openFloor,
  runPhase,
  startBenchRuntime,
  type Measured,
  type Ready
} from "./pipeline";
import { reportFigure } from "./figures";

const batchSize = Math.min(1000, Number(process.env.BENCH_BATCH ?? 1000));
const floorSeconds = Number(process.env.BENCH_FLOOR_SECONDS ?? 20);
const singles = Number(process.env.BENCH_SINGLES ?? 300);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const partnerTenantId = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
const roles = [
  { roleDefinitionId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" },
  { roleDefinitionId: "fe930be7-5e62-47db-91af-98c3a49a38b1" }
];

async function api<T>(
  ready: Ready,
  token: string,
  method: string,
  path: string,
  body?: unknown
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${ready.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function singleItem(ready: Ready, token: string, tail: MailboxTail, runId: string, n: number): Promise<number> {
  const displayName = `single ${runId} ${n}`;
  const started = Date.now();
  const arrived = tail.waitFor(displayName, 60_000);
  arrived.catch(() => undefined);
  const created = await api(ready, token, "POST", "/api/relationships", {
    partnerType: "partnerWithGdap",
    displayName,
    customer: { adminEmail: `single-${n}-${runId}@customer.example`, tenantId: randomUUID() },
    accessDetails: { unifiedRoles: roles },
    duration: "P365D"
  });
  if (created.status !== 201) throw new Error(`create answered ${created.status}`);
  return (await arrived) - started;
}

interface BatchRun {
  readonly seconds: number;
  readonly firstEmailMs: number;
  readonly runtimeCpuMsPerItem: number;
  readonly cosmos: {
    readonly total: number;
    readonly byKind: Record<string, number>;
    readonly byContainer: Record<string, number>;
  };
  readonly steps: number;
}

async function runBatch(
  ready: Ready,
  child: ChildProcess,
  token: string,
  tail: MailboxTail,
  counter: CosmosCounter,
  runId: string
): Promise<BatchRun> {
  const template = await api<{ id: string }>(ready, token, "POST", "/api/partner/relationship-templates", {
    displayName: `Bench bulk ${runId}`,
    accessDetails: { unifiedRoles: roles },
    duration: "P365D"
  });
  if (template.status !== 201) throw new Error(`template answered ${template.status}`);
  const names = Array.from({ length: batchSize }, (_, n) => `bulk ${runId} ${n}`);
  const customers = names.map((displayName, n) => ({
    tenantId: randomUUID(),
    adminEmail: `bulk-${n}-${runId}@customer.example`,
    displayName
  }));
  const arrivals = names.map((name) => tail.waitFor(name, 900_000));
  arrivals.forEach((arrival) => arrival.catch(() => undefined));
  const before = await counter.settled();
  const cpuBefore = cpuSeconds(child.pid);
  const started = Date.now();
  const submitted = await api<{ id: string; status: string }>(ready, token, "POST", "/api/partner/invitation-batches", {
    templateId: template.body.id,
    customers
  });
  if (submitted.status !== 202) throw new Error(`batch answered ${submitted.status}`);
  const accepted = await Promise.all(arrivals);
  const lastEmail = Math.max(...accepted);
  // Counted once the runtime is quiet, before the bench reads the batch (those reads are its own, not the batch's).
  const after = await counter.settled();
  const cpuAfter = cpuSeconds(child.pid);
  let batch: { status: string; counts: { invited: number } };
  do {
    batch = (
      await api<{ status: string; counts: { invited: number } }>(
        ready,
        token,
        "GET",
        `/api/partner/invitation-batches/${submitted.body.id}`
      )
    ).body;
    if (batch.status !== "completed") await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  } while (batch.status !== "completed");
  if (batch.counts.invited !== batchSize)
    throw new Error(`the batch invited ${batch.counts.invited}, not ${batchSize}`);
  const byKind = difference(after, before, "byKind");
  const byContainer = difference(after, before, "byContainer");
  return {
    seconds: (lastEmail - started) / 1000,
    firstEmailMs: Math.min(...accepted) - started,
    runtimeCpuMsPerItem: ((cpuAfter - cpuBefore) * 1000) / batchSize,
    cosmos: { total: after.total - before.total, byKind, byContainer },
    steps: Math.ceil(batchSize / 50)
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-bulk-"));
  const countsFile = join(mkdtempSync(join(tmpdir(), "bench-bulk-counts-")), "cosmos.json");
  const { child, ready } = await startBenchRuntime(dataDir, {
    nodeArgs: ["--require", resolve(__dirname, "cosmos-counter.js")],
    env: { BENCH_COSMOS_COUNTS: countsFile }
  });
  const tail = new MailboxTail(join(ready.dataDir, "email", "mailbox.jsonl"));
  const counter = new CosmosCounter(child, countsFile);
  try {
    const tokenResponse = await fetch(`${ready.url}/dev/issuer/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        tenantId: partnerTenantId,
        userId: randomUUID(),
        roles: ["Partner.Admin"],
        name: "Bench partner"
      })
    });
    const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
    const runId = randomUUID().slice(0, 8);
    const floor = await openFloor(ready, concurrency);

    // Warm-up: JIT, connections, containers, both queues' consumers.
    await runPhase(2, concurrency, (worker, n) => floorItem(floor, `warm-${runId}`, worker, n));
    await runPhase(3, concurrency, (_worker, n) => singleItem(ready, token, tail, `warm-${runId}`, n));

    const floorCounts = await counter.settled();
    const floorBefore = await measured(child.pid, () =>
      runPhase(floorSeconds / 2, concurrency, (worker, n) => floorItem(floor, `${runId}-a`, worker, n))
    );
    const floorCosmos = ((await counter.settled()).total - floorCounts.total) / floorBefore.items;

    // One by one, for reference: a fixed number of invitations, each worker waiting for its email.
    const singleCounts = await counter.settled();
    let next = 0;
    const singleStarted = Date.now();
    const singleCpu = cpuSeconds(child.pid);
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < singles) await singleItem(ready, token, tail, runId, next++);
      })
    );
    const singleSeconds = (Date.now() - singleStarted) / 1000;
    const singleCpuMs = ((cpuSeconds(child.pid) - singleCpu) * 1000) / singles;
    const singleCosmos = ((await counter.settled()).total - singleCounts.total) / singles;

    const bulk = await runBatch(ready, child, token, tail, counter, runId);
    const floorAfter = await measured(child.pid, () =>
      runPhase(floorSeconds / 2, concurrency, (worker, n) => floorItem(floor, `${runId}-b`, worker, n))
    );
    await closeFloor(floor);
    const floorResult: Measured = combine(floorBefore, floorAfter);

    const row = (name: string, perSecond: number, cpu: number, cosmos: number, detail: string) =>
      `${name.padEnd(62)} ${perSecond.toFixed(1).padStart(8)} ${cpu.toFixed(2).padStart(12)} ${cosmos.toFixed(2).padStart(15)}  ${detail}`;
    console.log(
      `bench:bulk  a batch of ${batchSize} (limits raised), beside the floor (${concurrency} workers, ${floorSeconds / 2} s before and after) and ${singles} one by one`
    );
    console.log(
      `${"".padEnd(62)} ${"items/s".padStart(8)} ${"runtime CPU".padStart(12)} ${"Cosmos req/item".padStart(15)}`
    );
    console.log(
      row(
        "floor: Cosmos write + SB send/receive/complete + email",
        floorResult.perSecond,
        floorResult.runtimeCpuMsPerItem,
        floorCosmos,
        `${floorResult.items} items, ${floorResult.errors} errors`
      )
    );
    console.log(
      row(
        "one by one: POST /api/relationships → email in the mailbox",
        singles / singleSeconds,
        singleCpuMs,
        singleCosmos,
        `${singles} in ${singleSeconds.toFixed(1)} s`
      )
    );
    console.log(
      row(
        `bulk: POST a batch of ${batchSize} → every email in the mailbox`,
        batchSize / bulk.seconds,
        bulk.runtimeCpuMsPerItem,
        bulk.cosmos.total / batchSize,
        `${bulk.seconds.toFixed(1)} s; first email after ${bulk.firstEmailMs} ms; ${bulk.steps} steps`
      )
    );
    console.log(
      `throughput ratio bulk/floor: ${(batchSize / bulk.seconds / floorResult.perSecond).toFixed(2)}x; bulk/one by one: ${(batchSize / bulk.seconds / (singles / singleSeconds)).toFixed(2)}x`
    );
    const perItem = (counts: Record<string, number>) =>
      Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .map(([name, count]) => `${name} ${(count / batchSize).toFixed(2)}`)
        .join(", ");
    console.log(`bulk Cosmos requests per invitation by kind: ${perItem(bulk.cosmos.byKind)}`);
    console.log(`bulk Cosmos requests per invitation by container: ${perItem(bulk.cosmos.byContainer)}`);
    const bulkPerSecond = batchSize / bulk.seconds;
    reportFigure({
      bench: "bulk",
      figure: "throughput, batch/floor",
      unit: "items/s",
      product: bulkPerSecond,
      floor: floorResult.perSecond,
      ratio: bulkPerSecond / floorResult.perSecond
    });
    reportFigure({
      bench: "bulk",
      figure: "Cosmos requests per invitation, floor/batch",
      unit: "requests",
      product: bulk.cosmos.total / batchSize,
      floor: floorCosmos,
      ratio: floorCosmos / (bulk.cosmos.total / batchSize)
    });
  } finally {
    tail.stop();
    child.kill("SIGINT");
    await new Promise((resolveExit) => child.once("exit", resolveExit));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
