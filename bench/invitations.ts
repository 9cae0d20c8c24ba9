/**
 * `node dist/bench/invitations.js`: how many invitations per second the whole pipeline carries — `POST
 * /api/relationships` → Cosmos DB write + outbox → Service Bus → processInvitationEmails → email accepted by the
 * email server — and the create→email latency (p50/p99), beside a floor measured in the same run against the same
 * local runtime: per item, one Cosmos DB write, one Service Bus send + receive + complete (its own queue) and one
 * email send through the product's own EmailClient sender, i.e. the least any design doing those three things
 * could do. Both at the same fixed concurrency (closed loop: each worker starts its next item when its previous
 * email has arrived). The ratio product/floor is the figure.
 *
 * Latency is measured without polling: the email server appends every accepted email to
 * `<dataDir>/email/mailbox.jsonl` before answering, with the time it accepted it; the bench tails that file and
 * matches each email to its invitation by the relationship's display name (unique per item) in the subject.
 *
 * "runtime CPU" is the runtime process's own CPU time per item (from /proc): it serves Cosmos DB, Service Bus and
 * email for both, so on a small machine it is the figure that does not depend on what the load generator can push.
 *
 * Settings: BENCH_SECONDS (product phase, default 60), BENCH_FLOOR_SECONDS (default 20, half before and half
 * after the product), BENCH_CONCURRENCY (default 16, the host's maxConcurrentCalls), BENCH_PROFILE (a folder for
 * a CPU profile of the runtime). Everything listens on loopback; the data folder is temporary.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ServiceBusClient, type ServiceBusReceiver, type ServiceBusSender } from "@azure/service-bus";
import type { Container } from "@azure/cosmos";
import { createCosmosClient } from "../shared/cosmos/cosmos-client";
import { CommunicationEmailSender, createEmailClient } from "../shared/email/email-sender";
import { percentile } from "./load";

const productSeconds = Number(process.env.BENCH_SECONDS ?? 60);
const floorSeconds = Number(process.env.BENCH_FLOOR_SECONDS ?? Math.min(20, productSeconds));
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** `BENCH_PROFILE=<dir>`: run the runtime under `node --cpu-prof`; the profile is written there when it stops. */
const profileDir = process.env.BENCH_PROFILE;
/** How long a worker waits for its email before counting the item as failed. */
const emailTimeoutMs = 30_000;

const appRoot = resolve(__dirname, "..", "..");
const partnerTenantId = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
const floorQueue = "bench-floor";
const floorContainer = "bench-floor";

interface Ready {
  readonly url: string;
  readonly cosmos: { readonly endpoint: string; readonly connectionString: string };
  readonly serviceBus: { readonly connectionString: string };
  readonly email: { readonly connectionString: string };
  readonly dataDir: string;
}

interface Phase {
  /** Items completed in each 10-second window, as items/s: shows whether throughput holds as data grows. */
  readonly windows: readonly number[];
  readonly items: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

// ---- the runtime, as `npm start` runs it ---------------------------------------------------------------------

async function startRuntime(dataDir: string): Promise<{ child: ChildProcess; ready: Ready }> {
  const args = ["dist/local/start.js", "--port", "0", "--cosmos-port", "0", "--service-bus-port", "0", "--email-port", "0"];
  args.push("--data-dir", dataDir, "--ready-json", "--queue", floorQueue);
  // The host logs one JSON line per invocation; the bench reads only the ready line and drops the rest.
  const nodeArgs = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  // One partner sends thousands of invitations here: far past its abuse limits, which still count (and cost) as usual.
  const env = { ...process.env, LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: "1000000", LIMIT_INVITATIONS_PER_PARTNER_PER_DAY: "1000000" };
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: appRoot, env, stdio: ["ignore", "pipe", "ignore"] });
  const ready = await new Promise<Ready>((resolveReady, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error("the local runtime was not ready in 60 s")), 60_000);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split("\n").find((candidate) => candidate.startsWith('{"ready":true'));
      if (!line) {
        buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
        return;
      }
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stdout?.resume(); // keep draining so the runtime never blocks on a full pipe
      resolveReady(JSON.parse(line) as Ready);
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the local runtime exited (${code}) before it was ready`)));
  });
  return { child, ready };
}

// ---- emails as the email server stores them ------------------------------------------------------------------

/** Tails mailbox.jsonl and resolves the waiter registered for each subject suffix with the server's accept time. */
class MailboxTail {
  private offset = 0;
  private partial = "";
  private readonly waiters = new Map<string, (acceptedAtMs: number) => void>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly file: string) {
    this.timer = setInterval(() => this.read(), 2);
  }

  /** Resolves with the email's accept time (epoch ms), or rejects after `timeoutMs`. */
  waitFor(name: string, timeoutMs: number): Promise<number> {
    return new Promise((resolveWait, reject) => {
      const timeout = setTimeout(() => {
        this.waiters.delete(name);
        reject(new Error(`no email for ${name} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(name, (at) => {
        clearTimeout(timeout);
        resolveWait(at);
      });
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private read(): void {
    let size: number;
    try {
      size = statSync(this.file).size;
    } catch {
      return; // not written yet
    }
    if (size <= this.offset) return;
    const buffer = Buffer.alloc(size - this.offset);
    const fd = openSync(this.file, "r");
    try {
      readSync(fd, buffer, 0, buffer.length, this.offset);
    } finally {
      closeSync(fd);
    }
    this.offset = size;
    const lines = (this.partial + buffer.toString("utf8")).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      const mail = JSON.parse(line) as { subject: string; receivedAt: string };
      const name = mail.subject.slice(mail.subject.lastIndexOf(": ") + 2);
      const waiter = this.waiters.get(name);
      if (!waiter) continue;
      this.waiters.delete(name);
      waiter(Date.parse(mail.receivedAt));
    }
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; NaN elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return Number.NaN;
  }
}

/** Runs a phase and adds the runtime process's CPU time per item (it serves Cosmos DB, Service Bus and email for both). */
async function measured(pid: number | undefined, phase: () => Promise<Phase>): Promise<Measured> {
  const before = cpuSeconds(pid);
  const result = await phase();
  return { ...result, runtimeCpuMsPerItem: ((cpuSeconds(pid) - before) * 1000) / result.items };
}

// ---- a closed loop of `concurrency` workers -------------------------------------------------------------------

async function runPhase(seconds: number, item: (worker: number, n: number) => Promise<number>): Promise<Phase> {
  const latencies: number[] = [];
  const windowCounts: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async (index: number) => {
    while (performance.now() < deadline) {
      try {
        latencies.push(await item(index, next++));
        const window = Math.floor((performance.now() - started) / 10_000);
        windowCounts[window] = (windowCounts[window] ?? 0) + 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  const elapsedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const windows = Array.from({ length: Math.floor(seconds / 10) }, (_, i) => (windowCounts[i] ?? 0) / 10);
  return { windows, items: latencies.length, perSecond: latencies.length / elapsedSeconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), errors };
}

// ---- the product: an invitation through the API until its email is in the mailbox ------------------------------

async function productItem(ready: Ready, token: string, tail: MailboxTail, runId: string, n: number): Promise<number> {
  const displayName = `bench ${runId} ${n}`;
  const startedAt = Date.now();
  const arrived = tail.waitFor(displayName, emailTimeoutMs);
  arrived.catch(() => undefined); // awaited below; a failed create must not leave an unhandled rejection
  const response = await fetch(`${ready.url}/api/relationships`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      partnerType: "partnerWithGdap",
      displayName,
      customer: { adminEmail: `admin-${n}@customer.example` },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" }, { roleDefinitionId: "fe930be7-5e62-47db-91af-98c3a49a38b1" }] },
      duration: "P365D",
      autoExtendDuration: "PT0S"
    })
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`create answered ${response.status}`);
  return (await arrived) - startedAt;
}

// ---- the floor: the three services once each, with the same SDKs, nothing else --------------------------------

interface Floor {
  readonly container: Container;
  readonly client: ServiceBusClient;
  readonly sender: ServiceBusSender;
  readonly receivers: readonly ServiceBusReceiver[];
  readonly email: CommunicationEmailSender;
}

async function openFloor(ready: Ready): Promise<Floor> {
  const cosmos = createCosmosClient({ kind: "emulator", connectionString: ready.cosmos.connectionString, endpoint: ready.cosmos.endpoint }, () => {
    throw new Error("emulator only");
  });
  const { database } = await cosmos.databases.createIfNotExists({ id: "bench-floor" });
  const { container } = await database.containers.createIfNotExists({ id: floorContainer, partitionKey: { paths: ["/pk"] } });
  const client = new ServiceBusClient(ready.serviceBus.connectionString);
  const endpoint = /endpoint=([^;]+)/i.exec(ready.email.connectionString)?.[1] ?? "";
  const emailClient = createEmailClient({ kind: "emulator", connectionString: ready.email.connectionString, endpoint }, () => {
    throw new Error("emulator only");
  });
  return {
    container,
    client,
    sender: client.createSender(floorQueue),
    // One receiver per worker: an SDK receiver takes one receiveMessages call at a time.
    receivers: Array.from({ length: concurrency }, () => client.createReceiver(floorQueue, { receiveMode: "peekLock" })),
    email: new CommunicationEmailSender(emailClient, "DoNotReply@partner-relationships.local")
  };
}

async function floorItem(floor: Floor, runId: string, worker: number, n: number): Promise<number> {
  const started = performance.now();
  const id = `${runId}-${n}`;
  // About the size of a stored relationship with its outbox.
  await floor.container.items.create({ id, pk: partnerTenantId, status: "approvalPending", padding: "x".repeat(2_000) });
  await floor.sender.sendMessages({ body: { kind: "sendInvitationEmail", partnerTenantId, relationshipId: id, sendNumber: 1 }, messageId: id, contentType: "application/json" });
  const receiver = floor.receivers[worker] as ServiceBusReceiver;
  const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 5_000 });
  if (!message) throw new Error("no message");
  await receiver.completeMessage(message);
  await floor.email.send({
    to: [`admin-${n}@customer.example`],
    subject: `Floor ${id}`,
    html: `<p>Floor ${id}</p>`,
    text: `Floor ${id}`,
    operationId: randomUUID()
  });
  return performance.now() - started;
}

async function closeFloor(floor: Floor): Promise<void> {
  await Promise.all(floor.receivers.map((receiver) => receiver.close()));
  await floor.sender.close();
  await floor.client.close();
}

type Measured = Phase & { readonly runtimeCpuMsPerItem: number };

/** Two runs of one phase as one: throughput and CPU weighted by items, percentiles as the mean of the two. */
function combine(a: Measured, b: Measured): Measured {
  const items = a.items + b.items;
  const weighted = (f: (m: Measured) => number) => (f(a) * a.items + f(b) * b.items) / items;
  return {
    windows: [...a.windows, ...b.windows],
    items,
    perSecond: (a.perSecond + b.perSecond) / 2,
    p50Ms: (a.p50Ms + b.p50Ms) / 2,
    p99Ms: (a.p99Ms + b.p99Ms) / 2,
    errors: a.errors + b.errors,
    runtimeCpuMsPerItem: weighted((m) => m.runtimeCpuMsPerItem)
  };
}

// ---- the benchmark ------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-invitations-"));
  const { child, ready } = await startRuntime(dataDir);
  const tail = new MailboxTail(join(ready.dataDir, "email", "mailbox.jsonl"));
  try {
    const tokenResponse = await fetch(`${ready.url}/dev/issuer/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tenantId: partnerTenantId, userId: randomUUID(), roles: ["Partner.Admin"], name: "Bench partner" })
    });
    const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
    const runId = randomUUID().slice(0, 8);
    const floor = await openFloor(ready);

    // Warm-up: JIT, connections, containers.
    await runPhase(2, (worker, n) => floorItem(floor, `warm-${runId}`, worker, n));
    await runPhase(3, (_worker, n) => productItem(ready, token, tail, `warm-${runId}`, n));

    // The floor runs before and after the product, half its time each, so whatever grows with the data (the
    // mailbox, the journals) weighs on both alike; the two halves are combined.
    const floorBefore = await measured(child.pid, () => runPhase(floorSeconds / 2, (worker, n) => floorItem(floor, `${runId}-a`, worker, n)));
    const productResult = await measured(child.pid, () => runPhase(productSeconds, (_worker, n) => productItem(ready, token, tail, runId, n)));
    const floorAfter = await measured(child.pid, () => runPhase(floorSeconds / 2, (worker, n) => floorItem(floor, `${runId}-b`, worker, n)));
    await closeFloor(floor);
    const floorResult = combine(floorBefore, floorAfter);

    const row = (name: string, r: Measured) =>
      `${name.padEnd(58)} ${r.perSecond.toFixed(1).padStart(8)} ${r.p50Ms.toFixed(0).padStart(7)} ${r.p99Ms.toFixed(0).padStart(7)} ${r.runtimeCpuMsPerItem.toFixed(2).padStart(12)} ${String(r.items).padStart(7)} ${String(r.errors).padStart(6)}`;
    console.log(`bench:invitations  ${concurrency} workers (closed loop); product ${productSeconds} s, floor ${floorSeconds / 2} s before and ${floorSeconds / 2} s after`);
    console.log(`${"".padEnd(58)} ${"items/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"runtime CPU".padStart(12)} ${"items".padStart(7)} ${"errors".padStart(6)}`);
    console.log(row("floor: Cosmos write + SB send/receive/complete + email", floorResult));
    console.log(row("  floor before", floorBefore));
    console.log(row("  floor after", floorAfter));
    console.log(row("product: POST /api/relationships → email in the mailbox", productResult));
    if (productResult.windows.length > 1) console.log(`product items/s per 10 s window: ${productResult.windows.map((w) => w.toFixed(0)).join(" ")}`);
    console.log(`throughput ratio product/floor: ${(productResult.perSecond / floorResult.perSecond).toFixed(2)}x`);
    console.log(`runtime CPU per item, floor/product: ${(floorResult.runtimeCpuMsPerItem / productResult.runtimeCpuMsPerItem).toFixed(2)}x ("runtime CPU" is ms per item in the runtime process)`);
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
