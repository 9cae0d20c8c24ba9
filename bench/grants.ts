/**
 * `node dist/bench/grants.js`: accepts per second carried through to active grants — `POST
 * /api/invitations/{token}/accept` → the relationship approved with its outbox → `role-grants` queue →
 * processRoleGrants writes one grant per role → active — with p50/p99 from the accept to active, beside a floor in
 * the same run against the same runtime: per item the same Cosmos DB writes a design needs at the least (the
 * acceptance, one grant per role, the activation) and one Service Bus send, receive and complete, from a bare script
 * with the same SDKs. Both take a fixed number of items with the same number of workers (closed loop).
 *
 * "Active" is seen without polling: processRoleGrants logs `applyGrants <relationship>: status active` when the
 * relationship is active, and the runtime's log is its stdout, which the bench reads.
 *
 * Cosmos DB requests are counted at the server (the runtime runs with dist/bench/cosmos-counter.js preloaded).
 * "runtime CPU" is the runtime process's CPU per item (it serves Cosmos DB and Service Bus for both sides).
 *
 * Growth (`BENCH_GROWTH`, on unless 0): after the first measurement, ten times the stored data is written
 * (relationships, grants, audit records; `BENCH_STORED` is the first size) and product and floor are measured again.
 *
 * Settings: BENCH_ACCEPTS (items per product run, default 400), BENCH_CONCURRENCY (default 16), BENCH_STORED
 * (default 1,000), BENCH_GROWTH, BENCH_PROFILE (a folder for the runtime's CPU profile).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { ChildProcess } from "node:child_process";
import type { ServiceBusReceiver } from "@azure/service-bus";
import { containerIds, defaultDatabaseName } from "../shared/cosmos/containers";
import { createCosmosClient } from "../shared/cosmos/cosmos-client";
import { currentAgreement } from "../shared/domain/agreement";
import { CosmosCountReader as CosmosCounter } from "./cosmos-count-reader";
import { ActiveWatch } from "./grants-observers";
import { percentile } from "./load";
import { closeFloor, cpuSeconds, openFloor, startBenchRuntime, type Floor, type Ready } from "./pipeline";
import { seedStoredData } from "./stored-data";
import { reportFigure } from "./figures";

const accepts = Number(process.env.BENCH_ACCEPTS ?? 400);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const stored = Number(process.env.BENCH_STORED ?? 1_000);
const growth = process.env.BENCH_GROWTH !== "0";
const profileDir = process.env.BENCH_PROFILE;

const partnerTenantId = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
const globalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
const roles = ["729827e3-9c14-49f7-bb1b-9608f156bbb8", "fe930be7-5e62-47db-91af-98c3a49a38b1"];

// ---- a fixed number of items through a closed loop of workers -----------------------------------------------

interface Run {
  readonly items: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly runtimeCpuMsPerItem: number;
  readonly cosmosPerItem: number;
  readonly byKind: Record<string, number>;
  readonly byContainer: Record<string, number>;
}

async function runItems(
  child: ChildProcess,
  counter: CosmosCounter,
  count: number,
  item: (worker: number, n: number) => Promise<number>
): Promise<Run> {
  const before = await counter.settled();
  const cpuBefore = cpuSeconds(child.pid);
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < count) {
        const n = next++;
        try {
          latencies.push(await item(worker, n));
        } catch (error) {
          errors += 1;
          if (errors <= 3) console.error(String(error));
        }
      }
    })
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const after = await counter.settled();
  const cpuMs = (cpuSeconds(child.pid) - cpuBefore) * 1000;
  latencies.sort((a, b) => a - b);
  const done = latencies.length;
  const perItem = (field: "byKind" | "byContainer") =>
    Object.fromEntries(
      Object.entries(after[field])
        .map(([name, n]) => [name, (n - (before[field][name] ?? 0)) / done])
        .filter(([, n]) => (n as number) > 0)
    );
  return {
    items: done,
    perSecond: done / elapsedSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors,
    runtimeCpuMsPerItem: cpuMs / done,
    cosmosPerItem: (after.total - before.total) / done,
    byKind: perItem("byKind"),
    byContainer: perItem("byContainer")
  };
}

// ---- the product: invitations made beforehand, each accepted and followed to active ---------------------------

interface Invitation {
  readonly relationshipId: string;
  readonly token: string;
  readonly customerToken: string;
}

async function issueToken(ready: Ready, claims: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${ready.url}/dev/issuer/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId: randomUUID(), expiresInSeconds: 3_600, ...claims })
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function invite(ready: Ready, partnerToken: string, runId: string, n: number): Promise<Invitation> {
  const customerTenantId = randomUUID();
  const response = await fetch(`${ready.url}/api/relationships`, {
    method: "POST",
    headers: { authorization: `Bearer ${partnerToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      partnerType: "partnerWithGdap",
      displayName: `grants ${runId} ${n}`,
      customer: { adminEmail: `admin-${runId}-${n}@customer.example`, tenantId: customerTenantId },
      accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
      duration: "P365D",
      autoExtendDuration: "PT0S"
    })
  });
  const body = (await response.json()) as { id: string; invitationLink: string };
  if (response.status !== 201) throw new Error(`invitation answered ${response.status}: ${JSON.stringify(body)}`);
  const customerToken = await issueToken(ready, {
    tenantId: customerTenantId,
    wids: [globalAdministrator],
    name: "Customer GA"
  });
  return {
    relationshipId: body.id,
    token: body.invitationLink.slice(body.invitationLink.lastIndexOf("/") + 1),
    customerToken
  };
}

async function prepare(ready: Ready, partnerToken: string, runId: string, count: number): Promise<Invitation[]> {
  const invitations: Invitation[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const n = next++;
        invitations.push(await invite(ready, partnerToken, runId, n));
      }
    })
  );
  return invitations;
}

async function acceptItem(ready: Ready, watch: ActiveWatch, invitation: Invitation): Promise<number> {
  const started = performance.now();
  const active = watch.waitFor(invitation.relationshipId);
  active.catch(() => undefined); // awaited below; a failed accept must not leave an unhandled rejection
  const response = await fetch(`${ready.url}/api/invitations/${invitation.token}/accept`, {
    method: "POST",
    headers: { authorization: `Bearer ${invitation.customerToken}`, "content-type": "application/json" },
    body: JSON.stringify({ agreementVersion: currentAgreement.version, acknowledged: true })
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`accept answered ${response.status}`);
  return (await active) - started;
}

// ---- the floor: the same writes and one queue round trip, nothing else ----------------------------------------

async function floorItem(floor: Floor, runId: string, worker: number, n: number): Promise<number> {
  const started = performance.now();
  const id = `${runId}-${n}`;
  // The acceptance: a relationship-sized document.
  const { resource } = await floor.container.items.upsert({
    id,
    pk: partnerTenantId,
    status: "approved",
    padding: "x".repeat(2_000)
  });
  await floor.sender.sendMessages({
    body: { kind: "applyGrants", partnerTenantId, relationshipId: id },
    messageId: id,
    contentType: "application/json"
  });
  const receiver = floor.receivers[worker] as ServiceBusReceiver;
  const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5_000 });
  if (!message) throw new Error("no message");
  // One grant per role, then the activation.
  for (const role of roles)
    await floor.container.items.create({
      id: `${id}-${role}`,
      pk: partnerTenantId,
      relationshipId: id,
      endDateTime: new Date().toISOString()
    });
  await floor.container.item(id, partnerTenantId).replace({ ...resource, status: "active" });
  await receiver.completeMessage(message);
  return performance.now() - started;
}

// ---- the benchmark ------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-grants-"));
  const countsFile = join(dataDir, "cosmos-counts.json");
  const nodeArgs = [
    "--require",
    resolve(__dirname, "cosmos-counter.js"),
    ...(profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [])
  ];
  const { child, ready } = await startBenchRuntime(join(dataDir, "runtime"), {
    nodeArgs,
    env: { BENCH_COSMOS_COUNTS: countsFile }
  });
  const watch = new ActiveWatch(child);
  const counter = new CosmosCounter(child, countsFile);
  try {
    const runId = randomUUID().slice(0, 8);
    const partnerToken = await issueToken(ready, {
      tenantId: partnerTenantId,
      roles: ["Partner.Admin"],
      name: "Bench partner"
    });
    const floor = await openFloor(ready, concurrency);
    const cosmos = createCosmosClient(
      { kind: "emulator", connectionString: ready.cosmos.connectionString, endpoint: ready.cosmos.endpoint },
      () => {
        throw new Error("emulator only");
      }
    );
    const database = cosmos.database(defaultDatabaseName);
    const seedTargets = {
      relationships: database.container(containerIds.relationships),
      access: database.container(containerIds.access),
      audit: database.container(containerIds.audit)
    };

    const measureAt = async (label: string, storedNow: number) => {
      const invitations = await prepare(ready, partnerToken, `${runId}-${label}`, accepts + 40);
      // Warm-up outside the figures: JIT, connections, the queue consumers.
      await runItems(child, counter, 40, (worker, n) => floorItem(floor, `warm-${runId}-${label}`, worker, n));
      await runItems(child, counter, 40, (_worker, n) => acceptItem(ready, watch, invitations[n] as Invitation));
      const floorBefore = await runItems(child, counter, accepts / 2, (worker, n) =>
        floorItem(floor, `${runId}-${label}-a`, worker, n)
      );
      const product = await runItems(child, counter, accepts, (_worker, n) =>
        acceptItem(ready, watch, invitations[40 + n] as Invitation)
      );
      const floorAfter = await runItems(child, counter, accepts / 2, (worker, n) =>
        floorItem(floor, `${runId}-${label}-b`, worker, n)
      );
      return { label, storedNow, product, floor: joinRuns(floorBefore, floorAfter) };
    };

    await seedStoredData(seedTargets, 0, stored);
    const results = [await measureAt("1x", stored)];
    if (growth) {
      await seedStoredData(seedTargets, stored, stored * 10);
      results.push(await measureAt("10x", stored * 10));
    }
    cosmos.dispose();
    await closeFloor(floor);

    console.log(
      `bench:grants  accept → role-grants queue → ${roles.length} grants written → active; ${accepts} accepts per run, ${concurrency} workers (closed loop); floor ${accepts / 2} items before and after`
    );
    console.log(
      `${"".padEnd(62)} ${"items/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"CPU ms/item".padStart(11)} ${"Cosmos/item".padStart(11)} ${"errors".padStart(6)}`
    );
    const row = (name: string, r: Run) =>
      `${name.padEnd(62)} ${r.perSecond.toFixed(1).padStart(8)} ${r.p50Ms.toFixed(0).padStart(7)} ${r.p99Ms.toFixed(0).padStart(7)} ${r.runtimeCpuMsPerItem.toFixed(2).padStart(11)} ${r.cosmosPerItem.toFixed(2).padStart(11)} ${String(r.errors).padStart(6)}`;
    for (const result of results) {
      const storedText = `${result.storedNow.toLocaleString("en-US")} relationships stored`;
      console.log(
        row(`floor: ${roles.length + 2} Cosmos writes + SB send/receive/complete (${storedText})`, result.floor)
      );
      console.log(row(`product: accept → active (${storedText})`, result.product));
      console.log(
        `  throughput product/floor: ${(result.product.perSecond / result.floor.perSecond).toFixed(2)}x; runtime CPU per item floor/product: ${(result.floor.runtimeCpuMsPerItem / result.product.runtimeCpuMsPerItem).toFixed(2)}x`
      );
      const list = (counts: Record<string, number>) =>
        Object.entries(counts)
          .map(([name, n]) => `${name} ${n.toFixed(2)}`)
          .join(", ");
      console.log(
        `  product Cosmos requests per item by kind: ${list(result.product.byKind)}; by container: ${list(result.product.byContainer)}`
      );
      const figure = {
        bench: "grants",
        unit: "items/s",
        product: result.product.perSecond,
        floor: result.floor.perSecond
      };
      reportFigure({
        ...figure,
        figure: `throughput, product/floor (${storedText})`,
        ratio: result.product.perSecond / result.floor.perSecond
      });
      const cpu = { product: result.product.runtimeCpuMsPerItem, floor: result.floor.runtimeCpuMsPerItem };
      reportFigure({
        bench: "grants",
        figure: `runtime CPU ms/item, floor/product (${storedText})`,
        unit: "ms/item",
        ...cpu,
        ratio: cpu.floor / cpu.product
      });
    }
  } finally {
    child.kill("SIGINT");
    await new Promise((resolveExit) => child.once("exit", resolveExit));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The floor's two halves as one run: throughput and per-item figures weighted by items, percentiles averaged. */
function joinRuns(a: Run, b: Run): Run {
  const items = a.items + b.items;
  const weighted = (f: (r: Run) => number) => (f(a) * a.items + f(b) * b.items) / items;
  const names = (field: "byKind" | "byContainer") => [...new Set([...Object.keys(a[field]), ...Object.keys(b[field])])];
  return {
    items,
    perSecond: (a.perSecond + b.perSecond) / 2,
    p50Ms: (a.p50Ms + b.p50Ms) / 2,
    p99Ms: (a.p99Ms + b.p99Ms) / 2,
    errors: a.errors + b.errors,
    runtimeCpuMsPerItem: weighted((r) => r.runtimeCpuMsPerItem),
    cosmosPerItem: weighted((r) => r.cosmosPerItem),
    byKind: Object.fromEntries(names("byKind").map((kind) => [kind, weighted((r) => r.byKind[kind] ?? 0)])),
    byContainer: Object.fromEntries(
      names("byContainer").map((name) => [name, weighted((r) => r.byContainer[name] ?? 0)])
    )
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
