/**
 * What the pipeline benchmarks share (bench:invitations, bench:bulk): the runtime as `npm start` runs it in a process
 * of its own, emails read as the email server stores them (mailbox.jsonl, with its accept time), the runtime's CPU
 * per item, a closed loop of workers, and the floor — per item one Cosmos DB write, one Service Bus send, receive and
 * complete, and one email send through the product's own sender: the least any design doing those three could do.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { ServiceBusClient, type ServiceBusReceiver, type ServiceBusSender } from "@azure/service-bus";
import type { Container } from "@azure/cosmos";
import { createCosmosClient } from "../shared/cosmos/cosmos-client";
import { CommunicationEmailSender, createEmailClient } from "../shared/email/email-sender";
import { percentile } from "./load";

const appRoot = resolve(__dirname, "..", "..");
const partnerTenantId = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
const floorQueue = "bench-floor";
const floorContainer = "bench-floor";

export interface Ready {
  readonly url: string;
  readonly cosmos: { readonly endpoint: string; readonly connectionString: string };
  readonly serviceBus: { readonly connectionString: string };
  readonly email: { readonly connectionString: string };
  readonly dataDir: string;
}

export interface Phase {
  /** Items completed in each 10-second window, as items/s: shows whether throughput holds as data grows. */
  readonly windows: readonly number[];
  readonly items: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

export interface RuntimeOptions {
  /** Node options before the script: `--cpu-prof`, `--require <preload>`. */
  readonly nodeArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Runtime options after the script's own (`--timers manual`). */
  readonly args?: readonly string[];
}

/** The runtime as `npm start` runs it, in a process of its own, with the floor's queue declared. */
export async function startBenchRuntime(
  dataDir: string,
  options: RuntimeOptions = {}
): Promise<{ child: ChildProcess; ready: Ready }> {
  const args = [
    "dist/local/start.js",
    "--port",
    "0",
    "--cosmos-port",
    "0",
    "--service-bus-port",
    "0",
    "--email-port",
    "0"
  ];
  args.push("--data-dir", dataDir, "--ready-json", "--queue", floorQueue, ...(options.args ?? []));
  // The host logs one JSON line per invocation; the bench reads only the ready line and drops the rest.
  const nodeArgs = options.nodeArgs ?? [];
  // One partner sends thousands of invitations here: far past its abuse limits, which still count (and cost) as usual.
  const env = {
    ...process.env,
    LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: "1000000",
    LIMIT_INVITATIONS_PER_PARTNER_PER_DAY: "1000000",
    ...options.env
  };
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: appRoot,
    env,
    stdio: ["ignore", "pipe", "ignore"]
  });
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
export class MailboxTail {
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
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
  } catch {
    return Number.NaN;
  }
}

/** Runs a phase and adds the runtime process's CPU time per item (it serves Cosmos DB, Service Bus and email for both). */
export async function measured(pid: number | undefined, phase: () => Promise<Phase>): Promise<Measured> {
  const before = cpuSeconds(pid);
  const result = await phase();
  return { ...result, runtimeCpuMsPerItem: ((cpuSeconds(pid) - before) * 1000) / result.items };
}

// ---- a closed loop of `concurrency` workers -------------------------------------------------------------------

export async function runPhase(
  seconds: number,
  concurrency: number,
  item: (worker: number, n: number) => Promise<number>
): Promise<Phase> {
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
  return {
    windows,
    items: latencies.length,
    perSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors
  };
}

/**
 * An open loop: item n starts at n / rate seconds whatever the earlier ones are doing, for `seconds`, so a backlog
 * shows as latency rather than as a slower rate. "perSecond" is the items completed over the whole run.
 */
export async function runFixedRate(
  seconds: number,
  rate: number,
  item: (n: number) => Promise<number>
): Promise<Phase> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const total = Math.round(seconds * rate);
  const runs: Promise<void>[] = [];
  for (let n = 0; n < total; n += 1) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolveWait) => setTimeout(resolveWait, wait));
    runs.push(
      item(n).then(
        (ms) => void latencies.push(ms),
        () => void (errors += 1)
      )
    );
  }
  await Promise.all(runs);
  const elapsedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    windows: [],
    items: latencies.length,
    perSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    errors
  };
}

// ---- the floor: the three services once each, with the same SDKs, nothing else --------------------------------

export interface Floor {
  readonly container: Container;
  readonly client: ServiceBusClient;
  readonly sender: ServiceBusSender;
  readonly receivers: readonly ServiceBusReceiver[];
  readonly email: CommunicationEmailSender;
}

export async function openFloor(ready: Ready, concurrency: number): Promise<Floor> {
  const cosmos = createCosmosClient(
    { kind: "emulator", connectionString: ready.cosmos.connectionString, endpoint: ready.cosmos.endpoint },
    () => {
      throw new Error("emulator only");
    }
  );
  const { database } = await cosmos.databases.createIfNotExists({ id: "bench-floor" });
  const { container } = await database.containers.createIfNotExists({
    id: floorContainer,
    partitionKey: { paths: ["/pk"] }
  });
  const client = new ServiceBusClient(ready.serviceBus.connectionString);
  const endpoint = /endpoint=([^;]+)/i.exec(ready.email.connectionString)?.[1] ?? "";
  const emailClient = createEmailClient(
    { kind: "emulator", connectionString: ready.email.connectionString, endpoint },
    () => {
      throw new Error("emulator only");
    }
  );
  return {
    container,
    client,
    sender: client.createSender(floorQueue),
    // One receiver per worker: an SDK receiver takes one receiveMessages call at a time.
    receivers: Array.from({ length: concurrency }, () =>
      client.createReceiver(floorQueue, { receiveMode: "peekLock" })
    ),
    email: new CommunicationEmailSender(emailClient, "DoNotReply@partner-relationships.local")
  };
}

export async function floorItem(floor: Floor, runId: string, worker: number, n: number): Promise<number> {
  const started = performance.now();
  const id = `${runId}-${n}`;
  // About the size of a stored relationship with its outbox.
  await floor.container.items.create({
    id,
    pk: partnerTenantId,
    status: "approvalPending",
    padding: "x".repeat(2_000)
  });
  await floor.sender.sendMessages({
    body: { kind: "sendInvitationEmail", partnerTenantId, relationshipId: id, sendNumber: 1 },
    messageId: id,
    contentType: "application/json"
  });
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

export async function closeFloor(floor: Floor): Promise<void> {
  await Promise.all(floor.receivers.map((receiver) => receiver.close()));
  await floor.sender.close();
  await floor.client.close();
}

export type Measured = Phase & { readonly runtimeCpuMsPerItem: number };

/** Two runs of one phase as one: throughput and CPU weighted by items, percentiles as the mean of the two. */
export function combine(a: Measured, b: Measured): Measured {
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
