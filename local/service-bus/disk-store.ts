/**
 * Persistence under `dataDir`: `service-bus.snapshot.jsonl` (the state at the last compaction) plus
 * `service-bus.journal.jsonl` (every change since). Start = snapshot + journal replay, then compaction; clean stop
 * compacts again. Locks are not persisted, so messages that were locked are ready again after a restart.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import { FileJournal, type JournalRecord } from "./journal";

export type AddRecord = Extract<JournalRecord, { o: "add" }>;

export interface RecoveredEntity {
  nextSeq: number;
  readonly messages: Map<number, AddRecord>;
}

export class DiskStore {
  readonly journal: FileJournal;
  private readonly snapshotFile: string;
  private fd: number;

  private constructor(dataDir: string, onLarge: () => void) {
    this.snapshotFile = join(dataDir, "service-bus.snapshot.jsonl");
    this.fd = openSync(join(dataDir, "service-bus.journal.jsonl"), "a");
    this.journal = new FileJournal(this.fd, onLarge);
  }

  /** Reads what an earlier run left (nothing is written yet), then journals from here on. */
  static open(dataDir: string, log: (line: string) => void, onLarge: () => void): { store: DiskStore; recovered: Map<string, RecoveredEntity> } {
    mkdirSync(dataDir, { recursive: true });
    const recovered = new Map<string, RecoveredEntity>();
    for (const file of ["service-bus.snapshot.jsonl", "service-bus.journal.jsonl"]) {
      const path = join(dataDir, file);
      if (existsSync(path)) replay(readFileSync(path, "utf8"), recovered, (line) => log(`${file}: ${line}`));
    }
    return { store: new DiskStore(dataDir, onLarge), recovered };
  }

  /**
   * Writes the whole live state as the new snapshot, then empties the journal. The state is read only after the
   * pending journal lines are written, since writing them is what makes just-accepted messages part of it.
   */
  compact(liveState: () => readonly JournalRecord[]): void {
    this.journal.flush();
    const records = liveState();
    const temporary = `${this.snapshotFile}.tmp`;
    const fd = openSync(temporary, "w");
    try {
      for (let start = 0; start < records.length; start += 1000) {
        const text = records.slice(start, start + 1000).map((record) => `${JSON.stringify(record)}\n`).join("");
        const bytes = Buffer.from(text, "utf8");
        let offset = 0;
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.snapshotFile);
    // A crash right here replays the old journal over the new snapshot: harmless, records are idempotent.
    ftruncateSync(this.fd, 0);
    this.journal.compacted();
  }

  close(liveState: () => readonly JournalRecord[]): void {
    this.compact(liveState);
    closeSync(this.fd);
  }
}

function replay(text: string, into: Map<string, RecoveredEntity>, warn: (line: string) => void): void {
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      // Only the last line can be torn (the process died mid-write), and its change was never acknowledged.
      warn(`skipped an unreadable line (${line.length} chars)`);
      continue;
    }
    apply(record, into);
  }
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
      entity.messages.set(record.s, { ...rest, n: record.n, m: record.m ?? current.m, ...(record.d === 1 ? { d: 1 } : {}) });
      break;
    }
    case "seq":
      entity.nextSeq = Math.max(entity.nextSeq, record.s);
      break;
  }
}
