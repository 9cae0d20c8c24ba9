/**
 * What bench:grants watches in the runtime without adding work to it: the log line processRoleGrants writes when a
 * relationship is active (the runtime's stdout), and the Cosmos DB requests the preloaded counter
 * (cosmos-counter.js) saw, written to a file on SIGUSR2.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { CosmosCounts } from "./cosmos-counter";

const activeTimeoutMs = 60_000;

// ---- the runtime's log: "applyGrants <id>: status active" -------------------------------------------------

export class ActiveWatch {
  private partial = "";
  private readonly waiters = new Map<string, () => void>();

  constructor(child: ChildProcess) {
    child.stdout?.on("data", (chunk: Buffer) => {
      const lines = (this.partial + chunk.toString("utf8")).split("\n");
      this.partial = lines.pop() ?? "";
      for (const line of lines) {
        const match = /"message":"applyGrants ([0-9a-f-]{36}): status active/.exec(line);
        const waiter = match ? this.waiters.get(match[1] as string) : undefined;
        if (!waiter) continue;
        this.waiters.delete(match?.[1] as string);
        waiter();
      }
    });
  }

  /** Resolves with the time (performance.now()) the relationship was reported active. */
  waitFor(relationshipId: string): Promise<number> {
    return new Promise((resolveWait, reject) => {
      const timeout = setTimeout(() => {
        this.waiters.delete(relationshipId);
        reject(new Error(`${relationshipId} was not active in ${activeTimeoutMs} ms`));
      }, activeTimeoutMs);
      this.waiters.set(relationshipId, () => {
        clearTimeout(timeout);
        resolveWait(performance.now());
      });
    });
  }
}

// ---- Cosmos DB requests as the server counted them -------------------------------------------------------

export class CosmosCounter {
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

  /** Once nothing has reached Cosmos DB for a second: work that trails the last item is counted too. */
  async settled(): Promise<CosmosCounts> {
    let last = await this.read();
    for (;;) {
      await new Promise((resolveWait) => setTimeout(resolveWait, 1_000));
      const now = await this.read();
      if (now.total === last.total) return now;
      last = now;
    }
  }
}
