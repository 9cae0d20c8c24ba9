/**
 * What bench:grants watches in the runtime without adding work to it: the log line processRoleGrants writes when a
 * relationship is active (the runtime's stdout). Its Cosmos DB requests are read with cosmos-count-reader.ts.
 */
import type { ChildProcess } from "node:child_process";

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
