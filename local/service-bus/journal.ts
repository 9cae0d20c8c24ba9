/**
 * The write-ahead journal. Every change a client is told about is written to the file before the answer goes out,
 * and a new message is also flushed to the device first (it must survive a power loss). A settlement only waits
 * for the write: a power loss may undo the last moment's settlements, and their messages are delivered once more,
 * which at-least-once delivery allows. The changes of one turn of the event loop are written together (one
 * `write`) and flushed together (one fdatasync). A batch that cannot be written or flushed fails every change in
 * it that still waits; the file is left as it was (see `AppendLog`).
 */
import { AppendLog } from "../storage/append-log";
import { toStorageError } from "../storage/storage-errors";

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
  | {
      readonly o: "upd";
      readonly q: string;
      readonly s: number;
      readonly n: number;
      readonly d?: 1;
      readonly m?: string;
    }
  | { readonly o: "seq"; readonly q: string; readonly s: number };

export type Durable = (error?: Error) => void;

/** `flushed`: `done` once the device holds it (survives a power loss); `written`: once the file does (survives a kill). */
export type WaitFor = "flushed" | "written";

export interface Journal {
  /** `records` is only called when something is persisted, so memory-only brokers never encode messages. */
  write(records: () => readonly JournalRecord[], done: Durable, waitFor?: WaitFor): void;
}

export const memoryJournal: Journal = {
  write: (_records, done) => done()
};

export class FileJournal implements Journal {
  private lines: string[] = [];
  private waiting: Durable[] = [];
  private waitingForWrite: Durable[] = [];
  private flushQueued = false;
  /** Batches written whose callbacks have not run yet: until they have, memory may lag behind the file. */
  private inFlight = 0;
  private whenQuiet: (() => void)[] = [];
  private bytesSinceCompaction = 0;

  constructor(
    private readonly log: AppendLog,
    /** Called once the journal has grown past `compactAfterBytes`. */
    private readonly onLarge: () => void,
    private readonly compactAfterBytes = 64 * 1024 * 1024
  ) {}

  write(records: () => readonly JournalRecord[], done: Durable, waitFor: WaitFor = "flushed"): void {
    for (const record of records()) this.lines.push(JSON.stringify(record));
    (waitFor === "flushed" ? this.waiting : this.waitingForWrite).push(done);
    if (!this.flushQueued) {
      this.flushQueued = true;
      process.nextTick(() => this.flush());
    }
  }

  /** Nothing is waiting to be written or flushed, and every callback has run: memory and disk agree. */
  get quiet(): boolean {
    return this.lines.length === 0 && this.inFlight === 0 && this.log.settled;
  }

  /** Runs `action` as soon as the journal is quiet (at once if it is). */
  onceQuiet(action: () => void): void {
    if (this.lines.length > 0) this.flush();
    if (this.quiet) return action();
    this.whenQuiet.push(action);
    if (this.inFlight === 0)
      void this.log.durable().then(
        () => this.checkQuiet(),
        () => this.checkQuiet()
      );
  }

  /** The snapshot now holds everything journaled so far. */
  compacted(): void {
    this.bytesSinceCompaction = 0;
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.waiting.length === 0 && this.waitingForWrite.length === 0) return;
    const waiting = this.waiting;
    const written = this.waitingForWrite;
    const text = this.lines.length === 0 ? "" : `${this.lines.join("\n")}\n`;
    this.lines = [];
    this.waiting = [];
    this.waitingForWrite = [];
    try {
      this.log.append(text);
    } catch (error) {
      const failure = toStorageError(error, this.log.file);
      for (const done of [...written, ...waiting]) done(failure);
      return;
    }
    for (const done of written) done();
    this.bytesSinceCompaction += text.length;
    // Only what must survive a power loss waits for the device; the next such batch flushes the rest with it.
    if (waiting.length === 0) return this.afterBatch(true);
    this.inFlight++;
    const finish = (failure?: Error) => {
      this.inFlight--;
      for (const done of waiting) done(failure);
      this.afterBatch(failure === undefined);
    };
    this.log.durable().then(
      () => finish(),
      (error: unknown) => finish(toStorageError(error, this.log.file))
    );
  }

  private afterBatch(succeeded: boolean): void {
    if (succeeded && this.bytesSinceCompaction > this.compactAfterBytes) {
      this.bytesSinceCompaction = 0;
      this.onLarge();
    }
    this.checkQuiet();
  }

  private checkQuiet(): void {
    if (this.whenQuiet.length === 0) return;
    if (!this.quiet) {
      if (this.inFlight === 0 && this.lines.length === 0)
        void this.log.durable().then(
          () => this.checkQuiet(),
          () => this.checkQuiet()
        );
      return;
    }
    const actions = this.whenQuiet;
    this.whenQuiet = [];
    for (const action of actions) action();
  }
}
