/**
 * `node dist/bench/access.js`: requests/s, p50/p99 latency and server CPU per request of the access check
 * (`GET /api/access`, with a verified bearer token) through the local runtime, beside a bare node:http server doing
 * the same single point read with the same SDK and adapter against the same Cosmos DB — one run, alternating
 * rounds (bare, host, bare, host...), medians reported; the ratio is the figure.
 *
 * Layout: the embedded Cosmos DB runs in a process of its own (the same server `npm start` embeds), so the host and
 * the bare server each do only their own part — HTTP in, the SDK's request to Cosmos DB, JSON out — and compete
 * for the same cores alike. `BENCH_COSMOS=embedded` uses the runtime's own embedded Cosmos DB instead (then the
 * host process also serves Cosmos DB for both). Processes: this one is the load generator; the rest are children.
 *
 * Security groups (`BENCH_GROUPS`, 8 unless given): the token is a partner user's with that many groups in its
 * `groups` claim, one of them assigned the role, and the bare server makes the same decision over the same groups.
 * `BENCH_GROUPS=0` measures the tenant-level check with a consuming platform's token, as before groups.
 *
 * Modes of this file: (none) runs the benchmark; `cosmos` and `bare <connection string> [groups]` are its child servers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { containerIds, defaultDatabaseName } from "../shared/cosmos/containers";
import { createCosmosClient } from "../shared/cosmos/cosmos-client";
import { CosmosGrantStore } from "../shared/cosmos/cosmos-grant-store";
import { decideAccess } from "../shared/use-cases/check-access";
import { runLoad as runLoadWith, type LoadResult } from "./load";
import { seedStoredData } from "./stored-data";
import { reportFigure } from "./figures";

const runLoad = (url: string, headers: Record<string, string>, durationMs: number): Promise<LoadResult> =>
  runLoadWith(url, connections, durationMs, headers);

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const roundMs = Number(process.env.BENCH_ROUND_MS ?? 4_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const cosmosLayout = process.env.BENCH_COSMOS === "embedded" ? "embedded" : "separate";
/** `BENCH_PROFILE=<dir>`: run the runtime and the bare server under `node --cpu-prof`, profiles written there when they stop. */
const profileDir = process.env.BENCH_PROFILE;
const groupCount = Number(process.env.BENCH_GROUPS ?? 8);
/** `BENCH_STORED=<n>`: n other relationships, each with two grants and two audit records, stored before measuring (growth runs). */
const storedCount = Number(process.env.BENCH_STORED ?? 0);
/** The user's groups; the last one holds the role through an access assignment. */
const groups = Array.from({ length: groupCount }, (_, n) => `9a0c0000-0000-4000-8000-${String(n).padStart(12, "0")}`);
const assignedGroup = groups[groups.length - 1];

const appRoot = resolve(__dirname, "..", "..");
const partnerTenantId = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
const customerTenantId = "c0ffee00-0000-4000-8000-00000000be0c";
const roleDefinitionId = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const accessQuery = `partnerTenantId=${partnerTenantId}&customerTenantId=${customerTenantId}&roleDefinitionId=${roleDefinitionId}`;

// ---- child: the embedded Cosmos DB on its own --------------------------------------------------------------

async function serveCosmos(): Promise<void> {
  const { startEmbeddedCosmos } = await import("../local/cosmos/cosmos-server");
  const cosmos = await startEmbeddedCosmos({ port: 0 });
  process.stdout.write(`${JSON.stringify({ connectionString: cosmos.connectionString })}\n`);
}

// ---- child: the bare server ---------------------------------------------------------------------------------

/** node:http, the same adapter and SDK client settings as the product, one point read, the same decision. */
async function serveBare(connectionString: string | undefined, groupList: string | undefined): Promise<void> {
  if (!connectionString) throw new Error("usage: access.js bare <cosmos connection string> [groups]");
  const askedGroups = groupList ? groupList.split(",") : undefined;
  const endpoint = /AccountEndpoint=([^;]+)/.exec(connectionString)?.[1] ?? "";
  const client = createCosmosClient({ kind: "emulator", connectionString, endpoint }, () => {
    throw new Error("emulator only");
  });
  const store = new CosmosGrantStore(client.database(defaultDatabaseName).container(containerIds.access));
  const server = createServer((req, res) => {
    const query = new URL(req.url ?? "/", "http://localhost").searchParams;
    const role = query.get("roleDefinitionId") ?? "";
    store
      .get(query.get("customerTenantId") ?? "", query.get("partnerTenantId") ?? "", role)
      .then((document) => {
        const body = Buffer.from(JSON.stringify(decideAccess(document, role, new Date(), askedGroups)));
        res.writeHead(200, {
          "content-type": "application/json",
          "content-length": body.length,
          "cache-control": "no-store"
        });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
}

// ---- the benchmark ------------------------------------------------------------------------------------------

interface Child {
  readonly child: ChildProcess;
  readonly firstLine: Promise<string>;
}

function spawnChild(args: readonly string[], nodeArgs: readonly string[] = []): Child {
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: appRoot, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4_000)));
  const firstLine = new Promise<string>((resolveLine, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output
        .split("\n")
        .find((candidate) => candidate.startsWith('{"ready":true') || /^\{"connectionString"|^\d+$/.test(candidate));
      if (!line) return;
      resolveLine(line);
      output = "";
      // Keep reading (and dropping) what the child logs, so a full pipe never blocks it.
      child.stdout?.off("data", onData);
      child.stdout?.resume();
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`${args.join(" ")} exited (${code}) before it was ready:\n${output}\n${errors}`))
    );
  });
  return { child, firstLine };
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function fetchJson(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

interface Round extends LoadResult {
  /** CPU of every server-side process (the one answering, and Cosmos DB) per request. */
  readonly serverMicros: number;
  /** CPU of the answering process alone per request (with BENCH_COSMOS=embedded the host's includes Cosmos DB). */
  readonly frontMicros: number;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

function combine(results: Round[]): Round {
  return {
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    perSecond: median(results.map((r) => r.perSecond)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    serverMicros: median(results.map((r) => r.serverMicros)),
    frontMicros: median(results.map((r) => r.frontMicros))
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-access-"));
  const children: ChildProcess[] = [];
  try {
    const cosmos = cosmosLayout === "separate" ? spawnChild([join(__dirname, "access.js"), "cosmos"]) : undefined;
    if (cosmos) children.push(cosmos.child);
    const externalCosmos = cosmos
      ? (JSON.parse(await cosmos.firstLine) as { connectionString: string }).connectionString
      : undefined;

    const runtimeArgs = [
      "dist/local/start.js",
      "--port",
      "0",
      "--cosmos-port",
      "0",
      "--service-bus-port",
      "0",
      "--email-port",
      "0",
      "--data-dir",
      dataDir,
      "--ready-json"
    ];
    runtimeArgs.push("--functions", "dist/functions/check-access.js");
    if (externalCosmos) runtimeArgs.push("--cosmos-connection-string", externalCosmos);
    const profileArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${resolve(profileDir)}`] : [];
    const runtime = spawnChild(runtimeArgs, profileArgs);
    children.push(runtime.child);
    const ready = JSON.parse(await runtime.firstLine) as { url: string; cosmos: { connectionString: string } };
    const cosmosConnection = externalCosmos ?? ready.cosmos.connectionString;

    // One active grant, written by the product's own adapter; a token for a consuming platform.
    const endpoint = /AccountEndpoint=([^;]+)/.exec(cosmosConnection)?.[1] ?? "";
    const seeder = createCosmosClient({ kind: "emulator", connectionString: cosmosConnection, endpoint }, () => {
      throw new Error("emulator only");
    });
    const now = Date.now();
    const grantStore = new CosmosGrantStore(seeder.database(defaultDatabaseName).container(containerIds.access));
    const relationshipId = randomUUID();
    await grantStore.putGrant(customerTenantId, partnerTenantId, roleDefinitionId, {
      relationshipId,
      grantedDateTime: new Date(now).toISOString(),
      endDateTime: new Date(now + 365 * 86_400_000).toISOString()
    });
    if (assignedGroup)
      await grantStore.putGroup(customerTenantId, partnerTenantId, roleDefinitionId, {
        relationshipId,
        securityGroupId: assignedGroup,
        accessAssignmentId: randomUUID()
      });
    const database = seeder.database(defaultDatabaseName);
    if (storedCount > 0)
      await seedStoredData(
        {
          relationships: database.container(containerIds.relationships),
          access: database.container(containerIds.access),
          audit: database.container(containerIds.audit)
        },
        0,
        storedCount
      );
    seeder.dispose();
    // With groups: a partner user asking about its own tenant, its groups in the token; without: a consuming platform.
    const claims =
      groupCount > 0 ? { tenantId: partnerTenantId, groups } : { tenantId: randomUUID(), roles: ["Access.Check"] };
    const { access_token: token } = (await fetchJson(`${ready.url}/dev/issuer/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...claims, userId: randomUUID(), expiresInSeconds: 3_600 })
    })) as { access_token: string };

    const bare = spawnChild(
      [join(__dirname, "access.js"), "bare", cosmosConnection, ...(groupCount > 0 ? [groups.join(",")] : [])],
      profileArgs
    );
    children.push(bare.child);
    const bareUrl = `http://127.0.0.1:${await bare.firstLine}/?${accessQuery}`;
    const hostUrl = `${ready.url}/api/access?${accessQuery}`;
    const headers = { authorization: `Bearer ${token}` };

    for (const url of [bareUrl, hostUrl]) {
      const answer = (await fetchJson(url, { headers })) as { allowed: boolean; securityGroupId?: string };
      if (answer.allowed !== true || answer.securityGroupId !== assignedGroup)
        throw new Error(`${url} did not allow through the assigned group: ${JSON.stringify(answer)}`);
    }

    const measure = async (url: string, front: ChildProcess): Promise<Round> => {
      const pids = [...new Set([front.pid, runtime.child.pid, cosmos?.child.pid])];
      const before = pids.map(cpuSeconds);
      const frontBefore = cpuSeconds(front.pid);
      const result = await runLoad(url, headers, roundMs);
      const used = pids.map(cpuSeconds).reduce((sum, after, i) => sum + after - (before[i] as number), 0);
      const frontUsed = cpuSeconds(front.pid) - frontBefore;
      return {
        ...result,
        serverMicros: (used * 1e6) / result.requests,
        frontMicros: (frontUsed * 1e6) / result.requests
      };
    };

    const warmBare = await runLoad(bareUrl, headers, 1_000); // warm-up: JIT, sockets, the SDK's connections
    const warmHost = await runLoad(hostUrl, headers, 1_000);
    const bareRounds: Round[] = [];
    const hostRounds: Round[] = [];
    for (let round = 0; round < rounds; round += 1) {
      bareRounds.push(await measure(bareUrl, bare.child));
      hostRounds.push(await measure(hostUrl, runtime.child));
    }
    const b = combine(bareRounds);
    const h = combine(hostRounds);
    const row = (name: string, r: Round) =>
      `${name.padEnd(26)} ${r.perSecond.toFixed(0).padStart(8)} ${r.p50Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)} ${r.frontMicros.toFixed(1).padStart(12)} ${r.serverMicros.toFixed(1).padStart(13)} ${String(r.errors).padStart(7)}`;
    const who =
      groupCount > 0 ? `a partner user with ${groupCount} groups in its token` : "a platform token, no groups";
    const storedText =
      storedCount > 0
        ? `; ${storedCount.toLocaleString("en-US")} other relationships stored, with ${(storedCount * 2).toLocaleString("en-US")} grant documents`
        : "";
    console.log(
      `bench:access  GET /api/access (bearer token: ${who}; one point read${storedText})  ${connections} keep-alive connections, ${rounds} alternating rounds of ${roundMs} ms (medians); Cosmos DB ${cosmosLayout === "separate" ? "in its own process" : "embedded in the runtime"}`
    );
    console.log(
      `${"server".padEnd(26)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"front µs/req".padStart(12)} ${"server µs/req".padStart(13)} ${"errors".padStart(7)}`
    );
    console.log(row("bare node:http + SDK", b));
    console.log(row("local Functions host", h));
    console.log(`throughput ratio host/bare: ${(h.perSecond / b.perSecond).toFixed(2)}x (goal >= 0.80x, issue 13)`);
    console.log(
      `server CPU per request, bare/host: ${(b.serverMicros / h.serverMicros).toFixed(2)}x (all server processes, Cosmos DB included)`
    );
    console.log(
      `front CPU per request, bare/host: ${(b.frontMicros / h.frontMicros).toFixed(2)}x (the answering process alone)`
    );
    // With profiles: how many requests each process answered in all, to read the profiles per request.
    if (profileDir)
      console.log(
        `requests answered, warm-up included: bare ${warmBare.requests + b.requests} (pid ${bare.child.pid}), host ${warmHost.requests + h.requests} (pid ${runtime.child.pid})`
      );
    reportFigure(
      {
        bench: "access",
        figure: "throughput, host/bare",
        unit: "req/s",
        product: h.perSecond,
        floor: b.perSecond,
        ratio: h.perSecond / b.perSecond
      },
      0.8
    );
    reportFigure({
      bench: "access",
      figure: "front CPU µs/req, bare/host",
      unit: "µs/req",
      product: h.frontMicros,
      floor: b.frontMicros,
      ratio: b.frontMicros / h.frontMicros
    });
  } finally {
    for (const child of children.reverse()) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolveExit) => child.once("exit", resolveExit));
      child.kill("SIGINT"); // the runtime stops cleanly (and writes its CPU profile, if asked)
      await Promise.race([exited, new Promise((resolveWait) => setTimeout(resolveWait, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
// A child stopped with Ctrl-C exits normally, so `--cpu-prof` can write its profile.
if (mode === "cosmos" || mode === "bare") process.on("SIGINT", () => process.exit(0));
const run = mode === "cosmos" ? serveCosmos() : mode === "bare" ? serveBare(process.argv[3], process.argv[4]) : main();
run.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
