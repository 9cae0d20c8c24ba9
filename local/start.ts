/**
 * `npm start`: the whole system on one machine with no Azure account — the embedded Cosmos DB, then the
 * Functions host running the same compiled functions that run on Azure. Ctrl-C stops everything and saves the
 * data under the data folder; `--fresh` starts empty.
 */
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, connectionStringPart, parseConfig } from "../shared/config";
import { containers } from "../shared/cosmos/containers";
import { createCosmosClient } from "../shared/cosmos/cosmos-client";
import { ensureCosmosResources } from "./cosmos/ensure-resources";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "./cosmos/cosmos-server";
import { applySettings, readLocalSettings } from "./host/app-settings";
import { startFunctionsHost } from "./host/functions-host";
import { jsonLinesLog } from "./host/host-log";
import { parseRuntimeArgs } from "./runtime-args";

const appRoot = resolve(__dirname, "..", "..");

async function main(): Promise<void> {
  const args = parseRuntimeArgs(process.argv.slice(2));
  const dataDir = resolve(appRoot, args.dataDir);
  if (args.fresh) rmSync(dataDir, { recursive: true, force: true });

  const env = process.env;
  applySettings(env, readLocalSettings(appRoot));
  const cosmos = args.cosmosConnectionString
    ? externalCosmos(args.cosmosConnectionString)
    : await startEmbeddedCosmos({ port: args.cosmosPort, dataDir: resolve(dataDir, "cosmos") });
  // The runtime's own emulators win over copied settings, unless Azure is configured in identity form.
  if (!env.CosmosDb__accountEndpoint) env.CosmosDb = cosmos.connectionString;
  applySettings(env, { EMAIL_SENDER_ADDRESS: "DoNotReply@partner-relationships.local" });

  const config = parseConfig(env);
  if (config.cosmos.connection.kind === "emulator") {
    const client = createCosmosClient(config.cosmos.connection, () => {
      throw new Error("The local runtime creates containers only in an emulator.");
    });
    await ensureCosmosResources(client, config.cosmos.databaseName, containers).catch((error: unknown) => {
      process.stderr.write(`Cosmos DB did not answer; containers were not created: ${(error as Error).message}\n`);
    });
  }

  const host = await startFunctionsHost({
    appRoot,
    port: args.port,
    dataDir,
    functionFiles: args.functionFiles?.map((file) => resolve(appRoot, file)),
    log: jsonLinesLog(process.stdout)
  });

  const ready = { ready: true, url: host.url, cosmos: { endpoint: cosmos.endpoint, connectionString: cosmos.connectionString }, dataDir, restoredDocuments: cosmos.restoredDocuments };
  if (args.readyJson) process.stdout.write(`${JSON.stringify(ready)}\n`);
  else printSummary(ready, host.functions.map((fn) => fn.name));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      process.stderr.write("Forced exit.\n");
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`\n${signal}: stopping the local runtime...\n`);
    await host.stop();
    await cosmos.stop();
    process.stderr.write(`Stopped. Data saved under ${dataDir}\n`);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

/** An emulator someone else runs (Microsoft's, on another machine): used as is, never stopped or saved. */
function externalCosmos(connectionString: string): EmbeddedCosmos {
  const endpoint = connectionStringPart(connectionString, "AccountEndpoint") ?? "";
  return { endpoint, port: Number(new URL(endpoint).port), connectionString, restoredDocuments: 0, stop: async () => undefined };
}

function printSummary(ready: { url: string; cosmos: { endpoint: string; connectionString: string }; dataDir: string; restoredDocuments: number }, functionNames: string[]) {
  const lines = [
    "",
    "partner-relationships is running locally (no Azure account needed)",
    `  Functions host   ${ready.url}/api/...   (try ${ready.url}/api/health)`,
    `  Cosmos DB        ${ready.cosmos.endpoint}`,
    `                   CosmosDb=${ready.cosmos.connectionString}`,
    `  Data folder      ${ready.dataDir}  (${ready.restoredDocuments} documents restored; npm start -- --fresh starts empty)`,
    `  Functions        ${functionNames.join(", ")}`,
    "  Ctrl-C stops everything and saves the data.",
    ""
  ];
  process.stderr.write(`${lines.join("\n")}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`The local runtime could not start:\n${message}\n`);
  process.exit(1);
});
