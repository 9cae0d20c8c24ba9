/**
 * `npm run bench:host`: requests/s and p50/p99 latency of a trivial function through the local Functions host,
 * beside a bare node:http server returning the same body, measured in one run with the same load generator.
 * Rounds alternate (bare, host, host with ten times the product's routes, bare...) so a noisy neighbour hurts all
 * alike; the ratio is the figure, and the crowded host's CPU per request beside the plain one's is the growth figure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reportFigure } from "./figures";
import { runLoad, type LoadResult } from "./load";

/** CPU seconds (user + system) a process has used so far, from /proc: independent of what the client can push. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz on Linux)
}

interface Round extends LoadResult {
  readonly cpuMicrosPerRequest: number;
}

async function measure(server: { child: ChildProcess; url: string }): Promise<Round> {
  const pid = server.child.pid as number;
  const cpuBefore = cpuSeconds(pid);
  const result = await runLoad(server.url, connections, roundMs);
  return { ...result, cpuMicrosPerRequest: ((cpuSeconds(pid) - cpuBefore) * 1e6) / result.requests };
}

const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const roundMs = Number(process.env.BENCH_ROUND_MS ?? 4_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
/** Must match what `fixtures/many-routes.ts` registers (it reads the same variable). */
const extraRoutes = Number(process.env.BENCH_HOST_ROUTES ?? 1_070);

type ServerKind = "bare" | "host" | "host-routes";

async function startServer(kind: ServerKind): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(__dirname, "serve.js"), kind], { stdio: ["ignore", "pipe", "ignore"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}${kind === "bare" ? "/" : "/api/hello"}` };
}

function combine(results: Round[]): Round {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return {
    cpuMicrosPerRequest: median(results.map((r) => r.cpuMicrosPerRequest)),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    perSecond: median(results.map((r) => r.perSecond)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    errors: results.reduce((sum, r) => sum + r.errors, 0)
  };
}

async function main(): Promise<void> {
  const bare = await startServer("bare");
  const host = await startServer("host");
  // Growth (issue 13, item 6): what the host stores is its route table; ten times the product's HTTP functions.
  const crowded = await startServer("host-routes");
  try {
    for (const server of [bare, host, crowded]) await runLoad(server.url, connections, 500); // warm-up: JIT, sockets
    const results: Record<ServerKind, Round[]> = { bare: [], host: [], "host-routes": [] };
    for (let round = 0; round < rounds; round += 1) {
      results.bare.push(await measure(bare));
      results.host.push(await measure(host));
      results["host-routes"].push(await measure(crowded));
    }
    const b = combine(results.bare);
    const h = combine(results.host);
    const c = combine(results["host-routes"]);
    const row = (name: string, r: Round) =>
      `${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(8)} ${r.p50Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)} ${r.cpuMicrosPerRequest.toFixed(1).padStart(12)} ${String(r.errors).padStart(7)}`;
    console.log(
      `bench:host  ${connections} keep-alive connections, ${rounds} alternating rounds of ${roundMs} ms each (medians)`
    );
    console.log(
      `${"server".padEnd(34)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"server µs/req".padStart(12)} ${"errors".padStart(7)}`
    );
    console.log(row("bare node:http", b));
    console.log(row("local Functions host", h));
    console.log(row(`host, ${extraRoutes.toLocaleString("en-US")} more routes registered`, c));
    console.log(
      `throughput ratio host/bare: ${(h.perSecond / b.perSecond).toFixed(2)}x (goal >= 0.50x); with ${extraRoutes} more routes: ${(c.perSecond / b.perSecond).toFixed(2)}x`
    );
    // With one core for the load generator, both servers can hit the client's ceiling; CPU per request cannot.
    console.log(
      `server CPU per request, bare/host: ${(b.cpuMicrosPerRequest / h.cpuMicrosPerRequest).toFixed(2)}x (the throughput the host could reach on a core of its own, relative to bare)`
    );
    console.log(
      `growth: host CPU per request, 1x routes / ${extraRoutes} more: ${(h.cpuMicrosPerRequest / c.cpuMicrosPerRequest).toFixed(2)}x (1.00x = no growth)`
    );
    const figure = { bench: "host", unit: "req/s", floor: b.perSecond };
    reportFigure(
      { ...figure, figure: "throughput, host/bare", product: h.perSecond, ratio: h.perSecond / b.perSecond },
      0.5
    );
    reportFigure(
      {
        ...figure,
        figure: `throughput, ${extraRoutes} more routes, host/bare`,
        product: c.perSecond,
        ratio: c.perSecond / b.perSecond
      },
      0.5
    );
    reportFigure({
      bench: "host",
      figure: "server CPU µs/req, bare/host",
      unit: "µs/req",
      product: h.cpuMicrosPerRequest,
      floor: b.cpuMicrosPerRequest,
      ratio: b.cpuMicrosPerRequest / h.cpuMicrosPerRequest
    });
    reportFigure({
      bench: "host",
      figure: `growth: CPU µs/req, 1x/${extraRoutes} more routes`,
      unit: "µs/req",
      product: c.cpuMicrosPerRequest,
      floor: h.cpuMicrosPerRequest,
      ratio: h.cpuMicrosPerRequest / c.cpuMicrosPerRequest
    });
  } finally {
    for (const server of [bare, host, crowded]) server.child.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
