/**
 * `node dist/local/email/cli.js [--port N] [--data-dir D] [--host H] [--access-key K] [--quiet]`
 * Starts the local email server, prints one JSON line `{"ready":true,"port":N,"connectionString":"..."}`
 * on stdout once it listens (request logs go to stderr), and stops cleanly on SIGINT or SIGTERM.
 */
import { parseArgs } from "node:util";
import { startEmailServer } from "./index";
import { StoreStartError } from "../storage/storage-errors";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      "data-dir": { type: "string" },
      host: { type: "string" },
      "access-key": { type: "string" },
      quiet: { type: "boolean", default: false }
    },
    strict: true
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);

  const server = await startEmailServer({
    port,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values["data-dir"] === undefined ? {} : { dataDir: values["data-dir"] }),
    ...(values["access-key"] === undefined ? {} : { accessKey: values["access-key"] }),
    log: values.quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`)
  });
  process.stdout.write(
    `${JSON.stringify({ ready: true, port: server.port, connectionString: server.connectionString })}\n`
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`email: stop after ${signal} failed: ${String(error)}\n`);
        process.exit(1);
      }
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`email: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof StoreStartError && error.damagedFile !== undefined)
    process.stderr.write("email: to start anyway, give another --data-dir; this one is kept as it is\n");
  process.exit(1);
});
