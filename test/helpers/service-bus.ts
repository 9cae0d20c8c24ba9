/**
 * Shared set-up for the Service Bus emulator's conformance tests: an in-process emulator on a free port with
 * randomly named queues, and SDK clients that fail fast (a wrong reply costs 5 s, not 60 s times 3 retries).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ServiceBusClient, type ServiceBusReceivedMessage, type ServiceBusReceiver } from "@azure/service-bus";
import type { QueueDeclaration } from "../../shared/messaging/queues";
import { startServiceBusEmulator, type ServiceBusEmulator } from "../../local/service-bus/index";

export const fastRetry = { maxRetries: 1, timeoutInMs: 5000, retryDelayInMs: 100, maxRetryDelayInMs: 200 };

/** A queue declaration with a random name (so files and tests never share one); product defaults unless given. */
export function testQueue(label: string, overrides: Partial<Omit<QueueDeclaration, "name">> = {}): QueueDeclaration {
  return {
    name: `${label}-${randomUUID().slice(0, 8)}`,
    lockDurationSeconds: 60,
    maxDeliveryCount: 10,
    deadLetteringOnMessageExpiration: true,
    ...overrides
  };
}

export interface TestBus {
  readonly emulator: ServiceBusEmulator;
  readonly client: ServiceBusClient;
  close(): Promise<void>;
}

export async function startTestBus(queues: readonly QueueDeclaration[], dataDir?: string): Promise<TestBus> {
  const emulator = await startServiceBusEmulator({ port: 0, queues, ...(dataDir === undefined ? {} : { dataDir }) });
  const client = newClient(emulator.connectionString);
  return {
    emulator,
    client,
    close: async () => {
      await client.close();
      await emulator.stop();
    }
  };
}

export function newClient(connectionString: string, retryOptions: Partial<typeof fastRetry> = {}): ServiceBusClient {
  return new ServiceBusClient(connectionString, { retryOptions: { ...fastRetry, ...retryOptions } });
}

/** Receives until `count` messages arrived or `timeoutMs` passed. */
export async function receiveAtLeast(
  receiver: ServiceBusReceiver,
  count: number,
  timeoutMs = 5000
): Promise<ServiceBusReceivedMessage[]> {
  const received: ServiceBusReceivedMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (received.length < count && Date.now() < deadline) {
    const batch = await receiver.receiveMessages(count - received.length, {
      maxWaitTimeInMs: Math.max(100, deadline - Date.now())
    });
    received.push(...batch);
  }
  return received;
}

export interface EmulatorProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly connectionString: string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
}

export const cliPath = join(__dirname, "..", "..", "dist", "local", "service-bus", "cli.js");

/** Starts `dist/local/service-bus/cli.js` (built by `npm test` / `tsc`) and waits for its ready line. */
export async function startEmulatorProcess(args: readonly string[]): Promise<EmulatorProcess> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npx tsc -p tsconfig.json\` first`);
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"))
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ port: number; connectionString: string }>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`emulator did not start within 10 s: ${stderr}`)), 10_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n")[0];
      if (!stdout.includes("\n") || line === undefined) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as { port: number; connectionString: string });
    });
    void exited.then((code) => reject(new Error(`emulator exited (${code}) before it was ready: ${stderr}`)));
  });
  return { child, exited, ...ready };
}
