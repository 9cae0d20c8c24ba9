/** Command-line options of `npm start` (the local runtime). */
import { parseArgs } from "node:util";

export interface RuntimeArgs {
  readonly port: number;
  readonly cosmosPort: number;
  readonly serviceBusPort: number;
  readonly emailPort: number;
  /** Extra emulator queues, `name[:lockSeconds[:maxDeliveryCount]]` (tests declare their own). */
  readonly extraQueues: readonly string[];
  readonly dataDir: string;
  readonly fresh: boolean;
  readonly functionFiles: readonly string[] | undefined;
  /** Use an already-running Cosmos DB emulator instead of starting the embedded one. */
  readonly cosmosConnectionString: string | undefined;
  /** `manual`: timers never fire on their schedules, only through the admin API (tests that move the clock). */
  readonly timers: "scheduled" | "manual";
  /** Print one JSON line when ready (for tests and scripts) instead of the human summary. */
  readonly readyJson: boolean;
}

export function parseRuntimeArgs(argv: readonly string[]): RuntimeArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: "string", default: "7071" },
      "cosmos-port": { type: "string", default: "8081" },
      "service-bus-port": { type: "string", default: "5672" },
      "email-port": { type: "string", default: "7072" },
      queue: { type: "string", multiple: true },
      "data-dir": { type: "string", default: ".data" },
      fresh: { type: "boolean", default: false },
      functions: { type: "string", multiple: true },
      "cosmos-connection-string": { type: "string" },
      "ready-json": { type: "boolean", default: false },
      timers: { type: "string", default: "scheduled" }
    },
    strict: true
  });
  return {
    port: toPort(values.port, "--port"),
    cosmosPort: toPort(values["cosmos-port"], "--cosmos-port"),
    serviceBusPort: toPort(values["service-bus-port"], "--service-bus-port"),
    emailPort: toPort(values["email-port"], "--email-port"),
    extraQueues: values.queue ?? [],
    dataDir: values["data-dir"],
    fresh: values.fresh,
    functionFiles: values.functions,
    cosmosConnectionString: values["cosmos-connection-string"],
    readyJson: values["ready-json"],
    timers: toTimerMode(values.timers)
  };
}

function toTimerMode(text: string): "scheduled" | "manual" {
  if (text === "scheduled" || text === "manual") return text;
  throw new Error(`--timers must be "scheduled" or "manual", not "${text}".`);
}

function toPort(text: string, flag: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${flag} must be a port number, not "${text}".`);
  return port;
}
