/**
 * `npm run bench:servicebus`: messages/s for send → receive → complete through the Service Bus emulator with the
 * real SDK, beside the same loop over bare rhea (client and a minimal forwarding server that accepts settled), with
 * 1 and 16 concurrent receivers, in one run. Servers run in child processes so each side has its own event loop.
 * The ratio emulator/bare is the figure to watch; absolute numbers depend on the machine. The growth run repeats
 * the emulator's cases with ten times a round's messages stored beside the loop (`service-bus-seed.ts`).
 * `BENCH_PROFILE_DIR=dir` writes a CPU profile of every server process there; `BENCH_RECEIVERS=16` and
 * `BENCH_VARIANTS=memory` narrow the run; `BENCH_BASELINE_DIST=<another build's dist>` adds that build's emulator.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { reportFigure } from "./figures";
import {
  barePeekLockRig,
  bareRig,
  benchQueue,
  sdkRig,
  sendWindow,
  serveBare,
  type BenchServer,
  type Rig,
  type RigFactory
} from "./service-bus-rigs";
import { idleQueue, seedStored, storedMix, type StoredMix } from "./service-bus-seed";

const messages = Number(process.env.BENCH_MESSAGES ?? 2_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const stored = Number(process.env.BENCH_STORED ?? messages * 10);
const receiverCounts = (process.env.BENCH_RECEIVERS ?? "1,16").split(",").map(Number);
const profileDir = process.env.BENCH_PROFILE_DIR;
/** `BENCH_VARIANTS="memory;journal"` runs those beside the bare floor only (for profiling one of them). */
const onlyVariants = process.env.BENCH_VARIANTS?.split(";");
const warmup = 200;
const caseTimeoutMs = 30_000;

interface Server extends BenchServer {
  readonly child: ChildProcess;
}

interface CaseResult {
  readonly perSecond: number;
  /** Server CPU (user + system) per message: what the broker itself costs, whatever the client can push. */
  readonly serverCpuMicros: number;
  /** This process's CPU per message: the client library's share (SDK or bare rhea). */
  readonly clientCpuMicros: number;
}

interface Variant {
  readonly name: string;
  readonly rig: RigFactory;
  readonly args: (dataDir: string) => string[];
  readonly seed: boolean;
}

/** CPU seconds a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz on Linux)
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${caseTimeoutMs} ms`)), caseTimeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** One variant's server and client, set up once per receiver count; its rounds alternate with the others'. */
interface Case {
  readonly server: Server;
  readonly rig: Rig;
  readonly dataDir: string;
  readonly rates: number[];
  serverCpuSeconds: number;
  clientCpuMicros: number;
}

async function openCase(variant: Variant, receivers: number, mix: StoredMix): Promise<Case> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-service-bus-"));
  const server = await startServer(variant.args(dataDir));
  if (variant.seed) await seedStored(server.connectionString ?? "", mix);
  const rig = await variant.rig(server, receivers);
  await withTimeout(rig.round(warmup), "warm-up");
  return { server, rig, dataDir, rates: [], serverCpuSeconds: 0, clientCpuMicros: 0 };
}

async function measureRound(running: Case): Promise<void> {
  const pid = running.server.child.pid as number;
  const cpuBefore = cpuSeconds(pid);
  const clientBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await withTimeout(running.rig.round(messages), "round");
  running.rates.push(messages / (Number(process.hrtime.bigint() - started) / 1e9));
  const client = process.cpuUsage(clientBefore);
  running.clientCpuMicros += client.user + client.system;
  running.serverCpuSeconds += cpuSeconds(pid) - cpuBefore;
}

function resultOf(running: Case): CaseResult {
  const total = messages * running.rates.length;
  const sorted = [...running.rates].sort((a, b) => a - b);
  return {
    perSecond: sorted[Math.floor(sorted.length / 2)] ?? 0,
    serverCpuMicros: (running.serverCpuSeconds * 1e6) / total,
    clientCpuMicros: running.clientCpuMicros / total
  };
}

async function closeCase(running: Case): Promise<void> {
  await running.rig.close().catch(() => undefined);
  await stopServer(running.server);
  rmSync(running.dataDir, { recursive: true, force: true });
}

/**
 * All variants' servers run at once and their rounds alternate (bare, memory, journal, ..., bare, memory...), so
 * a busy spell on this shared machine weighs on every variant alike instead of on whichever ran then.
 */
async function runAlternating(
  variants: readonly Variant[],
  receivers: number,
  mix: StoredMix
): Promise<Map<string, CaseResult>> {
  const cases = new Map<string, Case>();
  try {
    for (const variant of variants) cases.set(variant.name, await openCase(variant, receivers, mix));
    for (let round = 0; round < rounds; round++) for (const running of cases.values()) await measureRound(running);
    return new Map([...cases].map(([name, running]) => [name, resultOf(running)]));
  } finally {
    for (const running of cases.values()) await closeCase(running);
  }
}

async function startServer(args: readonly string[]): Promise<Server> {
  const nodeArgs = profileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${resolve(profileDir)}`];
  const child = spawn(process.execPath, [...nodeArgs, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const ready = await new Promise<{ port: number; connectionString?: string }>((resolveReady, reject) => {
    child.stdout?.once("data", (chunk: Buffer) =>
      resolveReady(JSON.parse(chunk.toString().split("\n")[0] ?? "{}") as { port: number })
    );
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}`)));
  });
  return { child, ...ready };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolveExit) => server.child.once("exit", resolveExit));
  server.child.kill("SIGTERM");
  await exited;
}

async function main(): Promise<void> {
  const cli = join(__dirname, "..", "local", "service-bus", "cli.js");
  const emulator = [cli, "--port", "0", "--queue", benchQueue, "--queue", idleQueue, "--quiet"];
  const variants: Variant[] = [
    { name: "bare rhea", rig: bareRig, args: () => [__filename, "--serve-bare"], seed: false },
    { name: "bare, peek-lock", rig: barePeekLockRig, args: () => [__filename, "--serve-bare"], seed: false },
    { name: "memory", rig: sdkRig, args: () => emulator, seed: false },
    { name: "journal", rig: sdkRig, args: (dataDir) => [...emulator, "--data-dir", dataDir], seed: false },
    { name: "memory, stored", rig: sdkRig, args: () => emulator, seed: true },
    { name: "journal, stored", rig: sdkRig, args: (dataDir) => [...emulator, "--data-dir", dataDir], seed: true }
  ];
  // Before/after in one run: the emulator of another build (e.g. main's `dist`) beside this one.
  const baseline = process.env.BENCH_BASELINE_DIST;
  if (baseline !== undefined) {
    const before = [join(resolve(baseline), "local", "service-bus", "cli.js"), ...emulator.slice(1)];
    variants.push({ name: "memory, baseline build", rig: sdkRig, args: () => before, seed: false });
    variants.push({
      name: "journal, baseline build",
      rig: sdkRig,
      args: (dataDir) => [...before, "--data-dir", dataDir],
      seed: false
    });
  }
  if (onlyVariants !== undefined)
    variants.splice(1, variants.length, ...variants.slice(1).filter((variant) => onlyVariants.includes(variant.name)));
  const mix = storedMix(stored);
  console.log(
    `Service Bus send → receive → complete: ${messages} messages per round, median of ${rounds} alternating rounds after ${warmup} warm-up,`
  );
  console.log(
    `${sendWindow} sends in flight, receivers take one message at a time; loopback, servers in their own process.`
  );
  console.log(
    `"stored": ${stored.toLocaleString("en-US")} messages stored beside the loop (${mix.active} active in another queue, ${mix.scheduled} scheduled a day ahead, ${mix.deadLettered} dead-lettered).`
  );
  console.log("cells: msg/s (CPU µs per message: server / client); ratio = emulator/bare rhea");
  const header = ["receivers", ...variants.map((variant) => variant.name)];
  const widths = [9, ...variants.map(() => 26)];
  const line = (cells: string[]) => cells.map((cell, index) => cell.padStart(widths[index] ?? 0)).join(" | ");
  console.log(line(header));
  for (const receivers of receiverCounts) {
    const results = await runAlternating(variants, receivers, mix);
    const bare = results.get("bare rhea") as CaseResult;
    const cell = (result: CaseResult) =>
      `${Math.round(result.perSecond).toLocaleString("en-US")} (${Math.round(result.serverCpuMicros)} / ${Math.round(result.clientCpuMicros)})` +
      (result === bare ? "" : ` ${(result.perSecond / bare.perSecond).toFixed(2)}x`);
    console.log(line([String(receivers), ...[...results.values()].map(cell)]));
    const ofReceivers = `${receivers} receiver${receivers === 1 ? "" : "s"}`;
    for (const [name, result] of results) {
      if (result === bare) continue;
      if (name === "bare, peek-lock") {
        reportFigure({
          bench: "servicebus",
          figure: `${ofReceivers}, fairer floor: bare peek-lock/bare`,
          unit: "msg/s",
          product: result.perSecond,
          floor: bare.perSecond,
          ratio: result.perSecond / bare.perSecond
        });
        continue;
      }
      reportFigure(
        {
          bench: "servicebus",
          figure: `${ofReceivers}, ${name}`,
          unit: "msg/s",
          product: result.perSecond,
          floor: bare.perSecond,
          ratio: result.perSecond / bare.perSecond
        },
        0.5
      );
    }
    for (const plain of ["memory", "journal"]) {
      const before = results.get(plain);
      const after = results.get(`${plain}, stored`);
      if (before === undefined || after === undefined) continue;
      const figure = `growth: server µs/msg, ${ofReceivers}, ${plain}, empty/stored`;
      reportFigure({
        bench: "servicebus",
        figure,
        unit: "µs/msg",
        product: after.serverCpuMicros,
        floor: before.serverCpuMicros,
        ratio: before.serverCpuMicros / after.serverCpuMicros
      });
    }
  }
}

if (process.argv.includes("--serve-bare")) {
  serveBare();
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
