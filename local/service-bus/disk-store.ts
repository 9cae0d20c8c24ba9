/**
 * Persistence under `dataDir`: `service-bus.snapshot.jsonl` (the state at the last compaction) plus
 * `service-bus.journal.jsonl` (every change since). Start = snapshot + journal replay, then compaction; clean stop
 * compacts again. Locks are not persisted, so messages that were locked are ready again after a restart. A
 * damaged journal line is logged and skipped; a damaged snapshot stops the start, since the messages on that line
 * would be lost without anyone noticing.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { AppendLog } from "../storage/append-log";
import { replaceFileAtomically } from "../storage/atomic-file";
import type { FileIo } from "../storage/file-io";
import { readRecordLines } from "../storage/record-lines";
import { describeCode, errorCode, StoreStartError, toStorageError, unwritableAtStart } from "../storage/storage-errors";
import { FileJournal, type JournalRecord } from "./journal";

export type AddRecord = Extract<JournalRecord, { o: "add" }>;

export interface RecoveredEntity {
  nextSeq: number;
  readonly messages: Map<number, AddRecord>;
}

const snapshotName = "service-bus.snapshot.jsonl";
const journalName = "service-bus.journal.jsonl";

export class DiskStore {
  readonly journal: FileJournal;
  private readonly snapshotFile: string;
  private readonly log: AppendLog;

  private constructor(
    private readonly dataDir: string,
    private readonly io: FileIo,
    private readonly warn: (line: string) => void,
    onLarge: () => void
  ) {
    this.snapshotFile = join(dataDir, snapshotName);
    this.log = new AppendLog(join(dataDir, journalName), io);
    this.journal = new FileJournal(this.log, onLarge);
  }

  /** Reads what an earlier run left (nothing is written yet), then journals from here on. */
  static open(
    dataDir: string,
    io: FileIo,
    log: (line: string) => void,
    onLarge: () => void
  ): { store: DiskStore; recovered: Map<string, RecoveredEntity> } {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw unwritableAtStart(dataDir, error);
    }
    const recovered = new Map<string, RecoveredEntity>();
    const snapshot = readRecords(join(dataDir, snapshotName), () => undefined);
    if (snapshot.skipped > 0 || snapshot.unreadable !== undefined) throw damagedSnapshot(dataDir, snapshot.unreadable);
    for (const record of snapshot.records) apply(record, recovered);
    const warn = (line: string) => log(`service-bus: ${line}`);
    for (const record of readRecords(join(dataDir, journalName), warn).records) apply(record, recovered);
    return { store: new DiskStore(dataDir, io, log, onLarge), recovered };
  }

  /**
   * Writes the whole live state as the new snapshot, then empties the journal. Waits until the journal is quiet:
   * a snapshot must hold exactly what the device holds, no change still being written and none not yet applied.
   */
  compact(liveState: () => readonly JournalRecord[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.journal.onceQuiet(() => {
        try {
          this.compactNow(liveState);
          resolve();
        } catch (error) {
          reject(toStorageError(error, this.snapshotFile));
        }
      });
    });
  }

  /** The first compaction, before anything runs: a disk that cannot take it stops the start, in one line. */
  compactAtStart(liveState: () => readonly JournalRecord[]): void {
    try {
      this.compactNow(liveState);
    } catch (error) {
      this.log.close();
      throw unwritableAtStart(this.dataDir, error);
    }
  }

  /** Compacts when it can; when it cannot (a full disk), the journal keeps everything and is replayed next time. */
  async close(liveState: () => readonly JournalRecord[]): Promise<void> {
    await this.compact(liveState).catch((error: unknown) => {
      this.warn(
        `service-bus: the journal was not folded into the snapshot at stop (${(error as Error).message}); it is replayed at the next start`
      );
    });
    this.log.close();
  }

  private compactNow(liveState: () => readonly JournalRecord[]): void {
    const records = liveState();
    replaceFileAtomically(this.snapshotFile, linesOf(records), this.io);
    // A crash right here replays the old journal over the new snapshot: harmless, records are idempotent.
    this.log.reset();
    this.journal.compacted();
  }
}

function* linesOf(records: readonly JournalRecord[]): Generator<string> {
  for (const record of records) yield `${JSON.stringify(record)}\n`;
}

const recordSchema = z.discriminatedUnion("o", [
  z.object({
    o: z.literal("add"),
    q: z.string(),
    s: z.number(),
    t: z.number(),
    m: z.string(),
    n: z.number().optional(),
    d: z.literal(1).optional(),
    at: z.number().optional()
  }),
  z.object({ o: z.literal("del"), q: z.string(), s: z.number() }),
  z.object({
    o: z.literal("upd"),
    q: z.string(),
    s: z.number(),
    n: z.number(),
    d: z.literal(1).optional(),
    m: z.string().optional()
  }),
  z.object({ o: z.literal("seq"), q: z.string(), s: z.number() })
]);

function asRecord(value: unknown): JournalRecord | undefined {
  const parsed = recordSchema.safeParse(value);
  return parsed.success ? (parsed.data as JournalRecord) : undefined;
}

function readRecords(
  file: string,
  warn: (line: string) => void
): { records: JournalRecord[]; skipped: number; unreadable?: string } {
  if (!existsSync(file)) return { records: [], skipped: 0 };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return {
      records: [],
      skipped: 0,
      unreadable: `it cannot be read, ${describeCode(errorCode(error))} (${errorCode(error)})`
    };
  }
  return readRecordLines(text, file, asRecord, warn);
}

function damagedSnapshot(dataDir: string, unreadable: string | undefined): StoreStartError {
  const file = join(dataDir, snapshotName);
  const journal = readRecords(join(dataDir, journalName), () => undefined).records.length;
  const reason = unreadable ?? "some of its lines are damaged, and the messages on them would be lost";
  return new StoreStartError(
    `${file} is damaged: ${reason}. The journal beside it holds ${journal} readable change(s) made after that ` +
      "snapshot was written; without the whole snapshot they are not the whole data, so nothing was loaded and nothing was changed.",
    file
  );
}

function apply(record: JournalRecord, into: Map<string, RecoveredEntity>): void {
  let entity = into.get(record.q);
  if (entity === undefined) {
    entity = { nextSeq: 1, messages: new Map() };
    into.set(record.q, entity);
  }
  switch (record.o) {
    case "add":
      entity.messages.set(record.s, record);
      entity.nextSeq = Math.max(entity.nextSeq, record.s + 1);
      break;
    case "del":
      entity.messages.delete(record.s);
      break;
    case "upd": {
      const current = entity.messages.get(record.s);
      if (current === undefined) break;
      const { d: _wasDeferred, ...rest } = current;
      entity.messages.set(record.s, {
        ...rest,
        n: record.n,
        m: record.m ?? current.m,
        ...(record.d === 1 ? { d: 1 } : {})
      });
      break;
    }
    case "seq":
      entity.nextSeq = Math.max(entity.nextSeq, record.s);
      break;
  }
}
