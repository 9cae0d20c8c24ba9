/**
 * `npm run bench:servicebus`: messages/s for send → receive → complete through the Service Bus emulator with the
 * real SDK, beside the same loop over bare rhea (client and a minimal forwarding server that accepts settled), with
 * 1 and 16 concurrent receivers, in one run. Servers run in child processes so each side has its own event loop.
 * The ratio emulator/bare is the figure to watch; absolute numbers depend on the machine.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ServiceBusClient } from "@azure/service-bus";
import { create_container, type EventContext, type Message, type Sender, type ServerConnectionOptions } from "rhea";

const messages = Number(process.env.BENCH_MESSAGES ?? 2_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const warmup = 200;
const sendWindow = 16;
const receiverCounts = [1, 16];
const queue = "bench";
const caseTimeoutMs = 20_000;
const payload = "x".repeat(64);

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly connectionString?: string;
}

/** One client set-up (links attached once); `round(size)` sends `size` messages and resolves when all are settled. */
interface Rig {
  round(size: number): Promise<void>;
  close(): Promise<void>;
}

type RigFactory = (server: Server, receivers: number) => Promise<Rig>;

interface CaseResult {
  readonly perSecond: number;
  /** Server CPU (user + system) per message: what the broker itself costs, whatever the client can push. */
  readonly serverCpuMicros: number;
  /** This process's CPU per message: the client library's share (SDK or bare rhea). */
  readonly clientCpuMicros: number;
}

/** CPU seconds a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz on Linux)
}

/** Runs `send` for 0..count-1 with at most `sendWindow` sends awaiting their `accepted`. */
async function sendAll(count: number, send: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: sendWindow }, async () => {
      while (next < count) await send(next++);
    })
  );
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${caseTimeoutMs} ms`)), caseTimeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Counts settled messages and resolves once a round's target is reached. */
class Completion {
  private count = 0;
  private target = 0;
  private reached: () => void = () => undefined;

  expect(size: number): Promise<void> {
    this.count = 0;
    this.target = size;
    return new Promise((resolve) => (this.reached = resolve));
  }

  one(): void {
    if (++this.count === this.target) this.reached();
  }
}

/** The SDK loop: one sender, N receivers each with `subscribe` (one message at a time) and explicit complete. */
const sdkRig: RigFactory = async (server, receivers) => {
  const client = new ServiceBusClient(server.connectionString ?? "", { retryOptions: { maxRetries: 1, timeoutInMs: 10_000 } });
  const completion = new Completion();
  const subscriptions = Array.from({ length: receivers }, () => {
    const receiver = client.createReceiver(queue);
    return receiver.subscribe(
      {
        processMessage: async (message) => {
          await receiver.completeMessage(message);
          completion.one();
        },
        processError: async ({ error }) => {
          console.error(`receiver: ${String(error)}`);
        }
      },
      { autoCompleteMessages: false, maxConcurrentCalls: 1 }
    );
  });
  const sender = client.createSender(queue);
  return {
    round: async (size) => {
      const done = completion.expect(size);
      await sendAll(size, (index) => sender.sendMessages({ body: { index, payload } }));
      await done;
    },
    close: async () => {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      await client.close();
    }
  };
};

/** The floor: bare rhea client, same shape (a window of unsettled sends, receivers with credit 1 that accept). */
const bareRig: RigFactory = async (server, receivers) => {
  const connection = create_container().connect({ host: "127.0.0.1", port: server.port, reconnect: false });
  connection.on("disconnected", () => undefined); // the server is stopped right after each case
  const completion = new Completion();
  for (let index = 0; index < receivers; index++) {
    connection.open_receiver({ source: { address: queue }, credit_window: 1, autoaccept: true }).on("message", () => completion.one());
  }
  const sender = connection.open_sender({ target: { address: queue } });
  await new Promise<void>((resolve) => sender.once("sendable", () => resolve()));
  return {
    round: async (size) => {
      const done = completion.expect(size);
      let sent = 0;
      let accepted = 0;
      const pump = (): void => {
        while (sent < size && sent - accepted < sendWindow && sender.sendable()) sender.send({ body: { index: sent++, payload } });
      };
      const onAccepted = (): void => {
        accepted++;
        pump();
      };
      sender.on("accepted", onAccepted);
      sender.on("sendable", pump);
      pump();
      await done;
      sender.off("accepted", onAccepted);
      sender.off("sendable", pump);
    },
    close: async () => {
      const closed = new Promise((resolve) => connection.once("connection_close", resolve));
      connection.close();
      await closed;
    }
  };
};

async function runCase(server: Server, rigFactory: RigFactory, receivers: number): Promise<CaseResult> {
  const rig = await rigFactory(server, receivers);
  try {
    await withTimeout(rig.round(warmup), "warm-up");
    const pid = server.child.pid as number;
    const cpuBefore = cpuSeconds(pid);
    const clientBefore = process.cpuUsage();
    const rates: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = process.hrtime.bigint();
      await withTimeout(rig.round(messages), "round");
      rates.push(messages / (Number(process.hrtime.bigint() - started) / 1e9));
    }
    const serverCpuMicros = ((cpuSeconds(pid) - cpuBefore) * 1e6) / (messages * rounds);
    const client = process.cpuUsage(clientBefore);
    const clientCpuMicros = (client.user + client.system) / (messages * rounds);
    return { perSecond: [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)] ?? 0, serverCpuMicros, clientCpuMicros };
  } finally {
    await rig.close();
  }
}

/** Child-process mode: the minimal rhea server that accepts (settled) and forwards to receivers with credit. */
function serveBare(): void {
  const container = create_container({ id: "bare" });
  const consumers: Sender[] = [];
  const backlog: Message[] = [];
  const sent = new Map<Sender, number>();
  let turn = 0;
  // Credit counted as the emulator does: rhea lowers `credit` only when a transfer is written, a tick later.
  const creditLeft = (sender: Sender): number => {
    const link = sender as unknown as { credit: number; delivery_count: number };
    return link.credit + link.delivery_count - (sent.get(sender) ?? 0);
  };
  const nextWithCredit = (): Sender | undefined => {
    for (let offset = 0; offset < consumers.length; offset++) {
      const index = (turn + offset) % consumers.length;
      const consumer = consumers[index];
      if (consumer !== undefined && creditLeft(consumer) > 0) {
        turn = index + 1;
        return consumer;
      }
    }
    return undefined;
  };
  const flush = (): void => {
    for (let consumer = nextWithCredit(); consumer !== undefined && backlog.length > 0; consumer = nextWithCredit()) {
      sent.set(consumer, (sent.get(consumer) ?? 0) + 1);
      consumer.send(backlog.shift() as Message);
    }
  };
  container.on("sender_open", (context: EventContext) => {
    if (context.sender === undefined) return;
    consumers.push(context.sender);
    context.sender.on("sender_flow", flush);
  });
  container.on("disconnected", () => undefined); // clients just go away at the end of a case
  container.on("message", (context: EventContext) => {
    if (context.message !== undefined) backlog.push(context.message);
    flush();
  });
  const server = container.listen({ host: "127.0.0.1", port: 0, tcp_no_delay: true } as ServerConnectionOptions);
  server.on("listening", () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ ready: true, port: typeof address === "object" && address !== null ? address.port : 0 })}\n`);
  });
}

async function startServer(args: readonly string[]): Promise<Server> {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const ready = await new Promise<{ port: number; connectionString?: string }>((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve(JSON.parse(chunk.toString().split("\n")[0] ?? "{}") as { port: number }));
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}`)));
  });
  return { child, ...ready };
}

async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
}

async function main(): Promise<void> {
  const cli = join(__dirname, "..", "local", "service-bus", "cli.js");
  const dataDir = mkdtempSync(join(tmpdir(), "bench-service-bus-"));
  const emulatorArgs = [cli, "--port", "0", "--queue", queue, "--quiet"];
  const variants: { start: () => Promise<Server>; rig: RigFactory }[] = [
    { start: () => startServer([__filename, "--serve-bare"]), rig: bareRig },
    { start: () => startServer(emulatorArgs), rig: sdkRig },
    { start: () => startServer([...emulatorArgs, "--data-dir", dataDir]), rig: sdkRig }
  ];
  console.log(`Service Bus send → receive → complete: ${messages} messages per round, median of ${rounds} rounds after ${warmup} warm-up,`);
  console.log(`${sendWindow} sends in flight, receivers take one message at a time; loopback, servers in their own process.`);
  console.log("cells: msg/s (CPU µs per message: server / client)");
  const header = ["receivers", "bare rhea", "emulator, memory", "ratio", "emulator, journal", "ratio"];
  const widths = [9, 20, 20, 5, 20, 5];
  const row = (cells: string[]) => cells.map((cell, index) => cell.padStart(widths[index] ?? 0)).join(" | ");
  console.log(row(header));
  try {
    for (const receivers of receiverCounts) {
      const results: CaseResult[] = [];
      for (const variant of variants) {
        const server = await variant.start();
        try {
          results.push(await runCase(server, variant.rig, receivers));
        } finally {
          await stopServer(server);
        }
      }
      const [bare, memory, journal] = results as [CaseResult, CaseResult, CaseResult];
      const cell = (result: CaseResult) =>
        `${Math.round(result.perSecond).toLocaleString("en-US")} (${Math.round(result.serverCpuMicros)} / ${Math.round(result.clientCpuMicros)})`;
      const ratio = (result: CaseResult) => (result.perSecond / bare.perSecond).toFixed(2);
      console.log(row([String(receivers), cell(bare), cell(memory), ratio(memory), cell(journal), ratio(journal)]));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
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
