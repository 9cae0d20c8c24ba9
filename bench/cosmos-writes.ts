/**
 * `node dist/bench/cosmos-writes.js`: how many document writes per second the embedded Cosmos DB takes through the
 * real SDK when its journal flushes every acknowledged write to the device (as `npm start` runs it), beside the
 * same server keeping data in memory only, and with the journal written but never flushed (what a killed process
 * keeps, not what a power loss keeps). Closed loop: `BENCH_IN_FLIGHT` creates of ~1 KB documents in flight (default
 * 32) for `BENCH_SECONDS` per round (default 5), 3 alternating rounds, medians reported. Server and SDK share this
 * process, so figures are for comparison within one run.
 */
import { CosmosClient } from "@azure/cosmos";
import { fdatasync, mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emulatorKey, startEmbeddedCosmos } from "../local/cosmos/cosmos-server";
import { nodeFileIo, type FileIo } from "../local/storage/file-io";
import { percentile } from "./load";
import { reportFigure } from "./figures";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const inFlight = Number(process.env.BENCH_IN_FLIGHT ?? 32);
const rounds = 3;

interface Variant {
  readonly name: string;
  readonly persisted: boolean;
  readonly io: FileIo;
}

const neverFlushed: FileIo = { ...nodeFileIo, datasync: (_fd, done) => setImmediate(() => done(null)) };
const variants: Variant[] = [
  { name: "memory only", persisted: false, io: nodeFileIo },
  { name: "journal, written, not flushed", persisted: true, io: neverFlushed },
  {
    name: "journal, flushed (npm start)",
    persisted: true,
    io: { ...nodeFileIo, datasync: (fd, done) => fdatasync(fd, done) }
  }
];

interface Result {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

async function runRound(variant: Variant): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-cosmos-writes-"));
  const cosmos = await startEmbeddedCosmos({ port: 0, io: variant.io, ...(variant.persisted ? { dataDir } : {}) });
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  const client = new CosmosClient({ endpoint: cosmos.endpoint, key: emulatorKey, agent });
  try {
    const { database } = await client.databases.createIfNotExists({ id: "bench" });
    const { container } = await database.containers.createIfNotExists({ id: "docs", partitionKey: { paths: ["/pk"] } });
    const filler = "x".repeat(900);
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const worker = async () => {
      while (performance.now() < deadline) {
        const id = `doc-${next++}`;
        const sent = performance.now();
        await container.items.create({ id, pk: `p${next % 16}`, filler });
        latencies.push(performance.now() - sent);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      perSecond: latencies.length / elapsed,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99)
    };
  } finally {
    client.dispose();
    agent.destroy();
    await cosmos.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const results = new Map<string, Result[]>(variants.map((variant) => [variant.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) results.get(variant.name)?.push(await runRound(variant));
  }
  console.log(
    `Embedded Cosmos DB creates (~1 KB documents, ${inFlight} in flight, ${seconds} s rounds, median of ${rounds})`
  );
  const baseline = median((results.get(variants[0]?.name ?? "") ?? []).map((result) => result.perSecond));
  for (const variant of variants) {
    const runs = results.get(variant.name) ?? [];
    const perSecond = median(runs.map((result) => result.perSecond));
    const p50 = median(runs.map((result) => result.p50Ms));
    const p99 = median(runs.map((result) => result.p99Ms));
    const ratio = (perSecond / baseline).toFixed(2);
    console.log(
      `${variant.name.padEnd(32)} ${Math.round(perSecond).toLocaleString("en-US").padStart(7)} writes/s  p50 ${p50.toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  ${ratio}x`
    );
    if (variant !== variants[0])
      reportFigure({
        bench: "cosmos",
        figure: `${variant.name}, ${inFlight} in flight / memory only`,
        unit: "writes/s",
        product: perSecond,
        floor: baseline,
        ratio: perSecond / baseline
      });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
