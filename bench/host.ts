/**
 * `npm run bench:host`: requests/s and p50/p99 latency of a trivial function through the local Functions host,
 * beside a bare node:http server returning the same body, measured in one run with the same load generator.
 * Rounds alternate (bare, host, bare, host...) so a noisy neighbour hurts both alike; the ratio is the figure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
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

async function startServer(kind: "bare" | "host"): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(__dirname, "serve.js"), kind], { stdio: ["ignore", "pipe", "ignore"] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}${kind === "host" ? "/api/hello" : "/"}` };
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
  try {
    await runLoad(bare.url, connections, 500); // warm-up: JIT, sockets
    await runLoad(host.url, connections, 500);
    const bareResults: Round[] = [];
    const hostResults: Round[] = [];
    for (let round = 0; round < rounds; round += 1) {
      bareResults.push(await measure(bare));
      hostResults.push(await measure(host));
    }
    const b = combine(bareResults);
    const h = combine(hostResults);
    const row = (name: string, r: Round) =>
      `${name.padEnd(22)} ${r.perSecond.toFixed(0).padStart(8)} ${r.p50Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)} ${r.cpuMicrosPerRequest.toFixed(1).padStart(12)} ${String(r.errors).padStart(7)}`;
    console.log(`bench:host  ${connections} keep-alive connections, ${rounds} alternating rounds of ${roundMs} ms each (medians)`);
    console.log(`${"server".padEnd(22)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"server µs/req".padStart(12)} ${"errors".padStart(7)}`);
    console.log(row("bare node:http", b));
    console.log(row("local Functions host", h));
    console.log(`throughput ratio host/bare: ${(h.perSecond / b.perSecond).toFixed(2)}x (goal >= 0.50x)`);
    // With one core for the load generator, both servers can hit the client's ceiling; CPU per request cannot.
    console.log(`server CPU per request, bare/host: ${(b.cpuMicrosPerRequest / h.cpuMicrosPerRequest).toFixed(2)}x (the throughput the host could reach on a core of its own, relative to bare)`);
  } finally {
    bare.child.kill();
    host.child.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
