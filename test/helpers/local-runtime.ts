/**
 * Starts the real local runtime (`dist/local/start.js`, as `npm start` does) in a child process on free ports
 * with its own data folder, so tests never clash with a running `npm start` or with each other.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { RuntimeEndpoints } from "../../local/runtime";

export const repoRoot = resolve(__dirname, "..", "..");

/** The one JSON line `start.js --ready-json` prints once everything listens. */
export type ReadyInfo = RuntimeEndpoints;

export interface LocalRuntime extends ReadyInfo {
  readonly output: () => string;
  /** Ctrl-C: a clean stop that saves data. Resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies at once, as in a crash. */
  kill(): Promise<void>;
}

export interface RuntimeOptions {
  readonly dataDir?: string;
  /** Compiled function files or patterns, relative to the repo root (default: the product's functions). */
  readonly functions?: readonly string[];
  readonly env?: Record<string, string>;
  readonly args?: readonly string[];
}

/** App settings that switch off the product's queue-triggered functions, for tests that read the queues themselves. */
export const queueConsumersDisabled: Record<string, string> = {
  "AzureWebJobs.processInvitationEmails.Disabled": "true",
  "AzureWebJobs.processRoleGrants.Disabled": "true",
  "AzureWebJobs.processNotifications.Disabled": "true",
  "AzureWebJobs.processInvitationBatches.Disabled": "true"
};

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), "partner-relationships-test-"));
}

export function spawnRuntime(options: RuntimeOptions = {}): {
  child: ChildProcess;
  output: () => string;
  dataDir: string;
} {
  const dataDir = options.dataDir ?? newDataDir();
  const freePorts = ["--port", "0", "--cosmos-port", "0", "--service-bus-port", "0", "--email-port", "0"];
  const args = ["dist/local/start.js", ...freePorts, "--data-dir", dataDir, "--ready-json", ...(options.args ?? [])];
  for (const file of options.functions ?? []) args.push("--functions", file);
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"]
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, dataDir };
}

export async function startLocalRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const { child, output } = spawnRuntime(options);
  const ready = await waitForReady(child, output);
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  return {
    ...ready,
    output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGINT");
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    }
  };
}

/** Runs the runtime expecting it to refuse to start; resolves with its exit code and output. */
export async function expectStartFailure(options: RuntimeOptions): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnRuntime(options);
  const code = await new Promise<number | null>((resolveExit) =>
    child.once("exit", (exitCode) => resolveExit(exitCode))
  );
  return { code, output: output() };
}

function waitForReady(child: ChildProcess, output: () => string): Promise<ReadyInfo> {
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => fail(new Error(`The local runtime was not ready in 30 s:\n${output()}`)), 30_000);
    const onData = () => {
      const line = output()
        .split("\n")
        .find((candidate) => candidate.startsWith('{"ready":true'));
      if (!line) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      resolveReady(JSON.parse(line) as ReadyInfo);
    };
    const onExit = (code: number | null) =>
      fail(new Error(`The local runtime exited (${code}) before it was ready:\n${output()}`));
    function fail(error: Error) {
      clearTimeout(timer);
      child.off("exit", onExit);
      if (child.exitCode === null) child.kill("SIGKILL");
      reject(error);
    }
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
}
