/**
 * `npm start`: the whole system on one machine with no Azure account. Prints what listens where; Ctrl-C stops
 * everything and saves the data under the data folder; `npm start -- --fresh` starts empty.
 */
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { jsonLinesLog } from "./host/host-log";
import { startRuntime, type RunningRuntime, type RuntimeEndpoints } from "./runtime";
import { StoreStartError } from "./storage/storage-errors";
import { parseRuntimeArgs } from "./runtime-args";
import { demoCustomers } from "./demo-data";

const appRoot = resolve(__dirname, "..", "..");

async function main(): Promise<void> {
  const args = parseRuntimeArgs(process.argv.slice(2));
  const dataDir = resolve(appRoot, args.dataDir);
  if (args.fresh) rmSync(dataDir, { recursive: true, force: true });
  let runtime: RunningRuntime;
  try {
    runtime = await startRuntime(appRoot, args, process.env, jsonLinesLog(process.stdout));
  } catch (error) {
    if (!(error instanceof StoreStartError)) throw error;
    // An expected situation (a full disk, a damaged file), not a bug: what happened and what to do, no stack trace.
    const lines = [error.message];
    if (error.damagedFile !== undefined)
      lines.push(
        `To start anyway with a new, empty data folder and keep this one as it is: npm start -- --fresh --data-dir ${dataDir}-new`
      );
    process.stderr.write(`${lines.join("\n")}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      process.stderr.write("Forced exit.\n");
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`\n${signal}: stopping the local runtime...\n`);
    await runtime.stop();
    process.stderr.write(`Stopped. Data saved under ${runtime.endpoints.dataDir}\n`);
    process.exit(0);
  };
  // Before saying "ready": whoever reads that line may stop us at once, and an unhandled signal kills outright.
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  if (args.readyJson) process.stdout.write(`${JSON.stringify({ ready: true, ...runtime.endpoints })}\n`);
  else process.stderr.write(summary(runtime.endpoints));
}

function summary(endpoints: RuntimeEndpoints): string {
  return [
    "",
    "partner-relationships is running locally (no Azure account needed)",
    `  Functions host   ${endpoints.url}/api/...   try ${endpoints.url}/api/health`,
    `  Mailbox          ${endpoints.mailboxUrl}   (every email the system sends lands here)`,
    "  App settings (these match local.settings.sample.json):",
    `    CosmosDb=${endpoints.cosmos.connectionString}`,
    `    ServiceBus=${endpoints.serviceBus.connectionString}`,
    `    Email=${endpoints.email.connectionString}`,
    `  Data folder      ${endpoints.dataDir}  (${endpoints.restoredDocuments} documents restored; npm start -- --fresh starts empty)`,
    `  Sign in (pages)  ${endpoints.url}/dev/sign-in   ·   try the whole story: npm run demo`,
    "  Demo partner tenants (registered, with directory profiles):",
    ...endpoints.demoPartners.map((partner) => `    ${partner.tenantId}  ${partner.displayName}`),
    "  Demo customer tenants:",
    ...demoCustomers.map((customer) => `    ${customer.tenantId}  ${customer.displayName}`),
    `  Functions        ${endpoints.functions.length} registered: ${endpoints.functions.join(", ")}`,
    "  Ctrl-C stops everything and saves the data.",
    "",
    ""
  ].join("\n");
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The local runtime could not start:\n${error instanceof Error ? error.message : String(error)}\n`
  );
  process.exit(1);
});
