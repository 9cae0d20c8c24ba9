/**
 * Reads the Cosmos DB request counts of a runtime started with dist/bench/cosmos-counter.js preloaded (bench:bulk,
 * bench:cost): SIGUSR2 makes the counter write its counts to a file, with a sequence number this waits for.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { CosmosCounts } from "./cosmos-counter";

export class CosmosCountReader {
  private sequence = 0;
  constructor(
    private readonly child: ChildProcess,
    private readonly file: string
  ) {}

  async read(): Promise<CosmosCounts> {
    this.child.kill("SIGUSR2");
    const deadline = Date.now() + 5_000;
    for (;;) {
      if (existsSync(this.file)) {
        const counts = JSON.parse(readFileSync(this.file, "utf8")) as CosmosCounts;
        if (counts.sequence > this.sequence) {
          this.sequence = counts.sequence;
          return counts;
        }
      }
      if (Date.now() > deadline) throw new Error("the runtime did not report its Cosmos DB requests");
      await new Promise((resolveWait) => setTimeout(resolveWait, 10));
    }
  }

  /** Counts once the runtime has gone quiet (no Cosmos request for `quietMs`): work set off asynchronously is counted too. */
  async settled(quietMs = 1_000): Promise<CosmosCounts> {
    let last = await this.read();
    for (;;) {
      await new Promise((resolveWait) => setTimeout(resolveWait, quietMs));
      const now = await this.read();
      if (now.total === last.total) return now;
      last = now;
    }
  }
}

/** What one field of the counts grew by between two readings, without the zeros. */
export function countsDifference(
  after: CosmosCounts,
  before: CosmosCounts,
  field: "byKind" | "byContainer" | "byContainerKind"
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after[field])
      .map(([name, count]) => [name, count - (before[field][name] ?? 0)])
      .filter(([, count]) => (count as number) > 0)
  );
}
