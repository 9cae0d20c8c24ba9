/**
 * The write-ahead journal. Every change a client is told about is appended before the answer goes out; changes
 * made during one turn of the event loop are written together (one `write`, no fsync: the page cache outlives a
 * killed process, which is the failure this emulator guards against).
 */
import { writeSync } from "node:fs";

/** Idempotent records, so replaying a journal over a snapshot that already holds it changes nothing. */
export type JournalRecord =
  | {
      readonly o: "add";
      readonly q: string;
      readonly s: number;
      /** enqueued at, epoch ms */
      readonly t: number;
      /** the AMQP-encoded message, base64 */
      readonly m: string;
      readonly n?: number;
      readonly d?: 1;
      /** scheduled for, epoch ms */
      readonly at?: number;
    }
  | { readonly o: "del"; readonly q: string; readonly s: number }
  | { readonly o: "upd"; readonly q: string; readonly s: number; readonly n: number; readonly d?: 1; readonly m?: string }
  | { readonly o: "seq"; readonly q: string; readonly s: number };

export type Durable = (error?: Error) => void;

export interface Journal {
  /** `records` is only called when something is persisted, so memory-only brokers never encode messages. */
  write(records: () => readonly JournalRecord[], done: Durable): void;
  /** Writes whatever is pending now. */
  flush(): void;
}

export const memoryJournal: Journal = {
  write: (_records, done) => done(),
  flush: () => undefined
};

export class FileJournal implements Journal {
  private lines: string[] = [];
  private waiting: Durable[] = [];
  private flushQueued = false;
  private bytesSinceCompaction = 0;

  constructor(
    private readonly fd: number,
    /** Called after a flush once the journal has grown past `compactAfterBytes`. */
    private readonly onLarge: () => void,
    private readonly compactAfterBytes = 64 * 1024 * 1024
  ) {}

  write(records: () => readonly JournalRecord[], done: Durable): void {
    for (const record of records()) this.lines.push(JSON.stringify(record));
    this.waiting.push(done);
    if (!this.flushQueued) {
      this.flushQueued = true;
      process.nextTick(() => this.flush());
    }
  }

  flush(): void {
    this.flushQueued = false;
    if (this.waiting.length === 0) return;
    const waiting = this.waiting;
    const text = this.lines.length === 0 ? "" : `${this.lines.join("\n")}\n`;
    this.lines = [];
    this.waiting = [];
    let failure: Error | undefined;
    try {
      writeFully(this.fd, Buffer.from(text, "utf8"));
      this.bytesSinceCompaction += text.length;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    for (const done of waiting) done(failure);
    if (failure === undefined && this.bytesSinceCompaction > this.compactAfterBytes) {
      this.bytesSinceCompaction = 0;
      this.onLarge();
    }
  }

  /** The snapshot now holds everything journaled so far. */
  compacted(): void {
    this.bytesSinceCompaction = 0;
  }
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
