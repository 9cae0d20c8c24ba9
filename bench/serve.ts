/**
 * One benchmark server per process, so the load generator (in the parent) and each server get a core each:
 * `bare` is node:http answering the body itself; `host` is the local Functions host running hello-function;
 * `host-routes` the same host with many more routes registered beside it (bench:host's growth run).
 * Prints the port on stdout when listening.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { startFunctionsHost } from "../local/host/functions-host";
import { jsonLinesLog } from "../local/host/host-log";

async function main(kind: string | undefined): Promise<void> {
  if (kind === "bare") {
    const body = Buffer.from(JSON.stringify({ message: "hello" }));
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      res.end(body);
    });
    server.keepAliveTimeout = 65_000;
    server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
    return;
  }
  if (kind === "host" || kind === "host-routes") {
    // The host logs one line per invocation, as in production; the parent discards it (stderr is ignored).
    const host = await startFunctionsHost({
      appRoot: resolve(__dirname, "..", ".."),
      port: 0,
      functionFiles: [
        resolve(__dirname, "fixtures", "hello-function.js"),
        ...(kind === "host-routes" ? [resolve(__dirname, "fixtures", "many-routes.js")] : [])
      ],
      log: jsonLinesLog(process.stderr)
    });
    process.stdout.write(`${host.port}\n`);
    return;
  }
  throw new Error(`usage: serve.js bare|host|host-routes (got ${kind})`);
}

void main(process.argv[2]);
