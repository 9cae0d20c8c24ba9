/**
 * The local Functions host: loads the compiled function files, collects their registrations through the
 * provided `@azure/functions-core`, and runs them — HTTP on a node:http listener, timers on their schedules,
 * other triggers through listeners plugged in by the caller (Service Bus queues).
 */
import type { AddressInfo } from "node:net";
import { isFunctionDisabled } from "./app-settings";
import { createFrontDoor, type DevRoute } from "./http-front-door";
import { jsonLinesLog, type HostLog } from "./host-log";
import { readHostJson, type HostJson } from "./host-json";
import { invoke } from "./invoke";
import { provideFunctionsCore, type HookName } from "./functions-core";
import { expandPattern, functionFilesFromPackageMain, requireFunctionFiles } from "./load-functions";
import { toRegisteredFunction, type RegisteredFunction } from "./registry";
import { TimerScheduler } from "./timer-scheduler";

/** Runs the functions of one non-HTTP, non-timer trigger kind (e.g. Service Bus queues). */
export interface TriggerListener {
  readonly kind: RegisteredFunction["trigger"]["kind"];
  start(functions: readonly RegisteredFunction[]): Promise<void>;
  /** Runs one function once with `input` as its trigger payload (admin API). */
  invokeOnce(fn: RegisteredFunction, input: unknown): Promise<void>;
  stop(): Promise<void>;
}

export interface HostContext {
  readonly log: HostLog;
  readonly hostJson: HostJson;
  readonly env: NodeJS.ProcessEnv;
}

export interface FunctionsHostOptions {
  readonly appRoot: string;
  /** Function files or `dir/*.js` patterns; defaults to package.json `main`. */
  readonly functionFiles?: readonly string[];
  readonly hostname?: string;
  readonly port?: number;
  readonly log?: HostLog;
  /** Where timer schedule status is kept; undefined keeps nothing. */
  readonly dataDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly devRoutes?: readonly DevRoute[];
  /** Dev route paths that take an HTML form post; every other dev route and the admin API take JSON. */
  readonly devFormPaths?: readonly string[];
  readonly listeners?: readonly ((context: HostContext) => TriggerListener)[];
  /** "manual": timers run only through `POST /admin/functions/{name}`, never on their schedules (for tests). */
  readonly timers?: "scheduled" | "manual";
}

export interface FunctionsHost {
  readonly url: string;
  readonly port: number;
  readonly functions: readonly RegisteredFunction[];
  readonly skipped: readonly { name: string; reason: string }[];
  stop(): Promise<void>;
}

export async function startFunctionsHost(options: FunctionsHostOptions): Promise<FunctionsHost> {
  const log = options.log ?? jsonLinesLog();
  const env = options.env ?? process.env;
  const hostJson = readHostJson(options.appRoot, env);
  const { functions, hooks } = loadRegistrations(options, log);

  const skipped: { name: string; reason: string }[] = [];
  const enabled = functions.filter((fn) => {
    if (isFunctionDisabled(fn.name, env))
      skipped.push({ name: fn.name, reason: `AzureWebJobs.${fn.name}.Disabled is true` });
    else if (fn.trigger.kind === "unsupported")
      skipped.push({ name: fn.name, reason: `trigger ${fn.trigger.type} is not run locally` });
    else return true;
    return false;
  });

  const context: HostContext = { log, hostJson, env };
  const timers = new TimerScheduler(enabled, log, env, options.dataDir);
  const listeners = (options.listeners ?? []).map((create) => create(context));
  for (const fn of enabled) {
    if (
      fn.trigger.kind !== "http" &&
      fn.trigger.kind !== "timer" &&
      !listeners.some((l) => l.kind === fn.trigger.kind)
    ) {
      skipped.push({ name: fn.name, reason: `no local listener for ${fn.trigger.kind} triggers` });
    }
  }
  const runnable = enabled.filter((fn) => !skipped.some((s) => s.name === fn.name));
  for (const { name, reason } of skipped)
    log.write({ level: "warning", message: `Function ${name} skipped: ${reason}`, event: "host" });

  await runHooks(hooks, "appStart", log);
  const server = createFrontDoor({
    routePrefix: hostJson.routePrefix,
    httpFunctions: runnable.filter((fn) => fn.trigger.kind === "http"),
    log,
    devRoutes: options.devRoutes ?? [],
    devFormPaths: options.devFormPaths,
    invokeByAdmin: (name, input) => {
      const fn = runnable.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (!fn) return "unknown";
      if (fn.trigger.kind === "http") return "http";
      void runOnce(fn, input);
      return "started";
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 7071, options.hostname ?? "127.0.0.1", () => resolve());
  });
  if (options.timers !== "manual") timers.start(runnable);
  for (const listener of listeners) await listener.start(runnable.filter((fn) => fn.trigger.kind === listener.kind));

  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.hostname ?? "127.0.0.1"}:${port}`,
    port,
    functions: runnable,
    skipped,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await timers.stop();
      for (const listener of listeners) await listener.stop();
      await runHooks(hooks, "appTerminate", log);
    }
  };

  async function runOnce(fn: RegisteredFunction, input: unknown): Promise<void> {
    if (fn.trigger.kind === "timer") return timers.runNow(fn.name);
    const listener = listeners.find((l) => l.kind === fn.trigger.kind);
    if (listener) return listener.invokeOnce(fn, input);
    await invoke(log, { fn, input });
  }
}

type HookCallback = (context: unknown) => unknown;

function loadRegistrations(options: FunctionsHostOptions, log: HostLog) {
  const functions: RegisteredFunction[] = [];
  const hooks = new Map<HookName, HookCallback[]>();
  provideFunctionsCore({
    onRegister: (metadata, handler) => functions.push(toRegisteredFunction(metadata, handler)),
    onHook: (name, callback) => hooks.set(name, [...(hooks.get(name) ?? []), callback]),
    onLog: (level, category, message) =>
      log.write({ level: level as "information", message, category, event: "worker" })
  });
  const files = options.functionFiles
    ? options.functionFiles.flatMap((pattern) => expandPattern(pattern))
    : functionFilesFromPackageMain(options.appRoot);
  requireFunctionFiles(files);
  const names = new Set<string>();
  for (const fn of functions) {
    if (names.has(fn.name.toLowerCase())) throw new Error(`Two functions are named ${fn.name}.`);
    names.add(fn.name.toLowerCase());
  }
  return { functions, hooks };
}

async function runHooks(hooks: Map<HookName, HookCallback[]>, name: HookName, log: HostLog): Promise<void> {
  for (const callback of hooks.get(name) ?? []) {
    try {
      await callback({ hookData: {}, appHookData: {} });
    } catch (error) {
      log.write({ level: "error", message: `${name} hook failed: ${String(error)}`, event: "host" });
    }
  }
}
