/**
 * `node dist/local/service-bus/cli.js [--port N] [--host H] [--data-dir D] [--queue name[:lockSeconds[:maxDelivery]]]... [--quiet]`
 * Starts the Service Bus emulator with the product's queues (plus any `--queue`), prints one JSON line
 * `{"ready":true,"port":N,"connectionString":"..."}` on stdout once it listens (logs go to stderr), and stops
 * cleanly on SIGINT or SIGTERM.
 */
import { parseArgs } from "node:util";
import { queues, type QueueDeclaration } from "../../shared/messaging/queues";
import { startServiceBusEmulator } from "./index";
import { StoreStartError } from "../storage/storage-errors";

/** `name[:lockSeconds[:maxDelivery]]`, defaults as the product's queues. */
export function parseQueueOption(text: string): QueueDeclaration {
  const [name, lock, maxDelivery] = text.split(":");
  if (name === undefined || name === "") throw new Error(`--queue needs a name, got '${text}'`);
  const lockDurationSeconds = lock === undefined || lock === "" ? 60 : Number(lock);
  const maxDeliveryCount = maxDelivery === undefined || maxDelivery === "" ? 10 : Number(maxDelivery);
  if (!(lockDurationSeconds > 0) || !Number.isInteger(maxDeliveryCount) || maxDeliveryCount < 1) {
    throw new Error(`--queue '${text}': lock seconds must be > 0 and max delivery a whole number >= 1`);
  }
  return { name, lockDurationSeconds, maxDeliveryCount, deadLetteringOnMessageExpiration: true };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "5672" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      queue: { type: "string", multiple: true, default: [] },
      quiet: { type: "boolean", default: false }
    },
    strict: true
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);

  const emulator = await startServiceBusEmulator({
    port,
    queues: [...queues, ...values.queue.map(parseQueueOption)],
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values["data-dir"] === undefined ? {} : { dataDir: values["data-dir"] }),
    log: values.quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`)
  });
  process.stdout.write(
    `${JSON.stringify({ ready: true, port: emulator.port, connectionString: emulator.connectionString })}\n`
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`service-bus: stop after ${signal} failed: ${String(error)}\n`);
        process.exit(1);
      }
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`service-bus: ${error instanceof Error ? error.message : String(error)}\n`);
    if (error instanceof StoreStartError && error.damagedFile !== undefined)
      process.stderr.write("service-bus: to start anyway, give another --data-dir; this one is kept as it is\n");
    process.exit(1);
  });
}
