/**
 * Keeps the embedded Cosmos DB's data on disk: a snapshot plus a journal of every change since. A change is one
 * journal record (a replace too), written synchronously inside the server's write, so a write that cannot be
 * journaled is undone in memory and refused before the server answers; the answer then waits until the journal is
 * flushed to the device (`durable`). Restore = snapshot + journal replay; the journal is folded into a new
 * snapshot at start, at a clean stop and when it grows long, but only when no write is still in flight.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { AppendLog } from "../storage/append-log";
import { replaceFileAtomically } from "../storage/atomic-file";
import type { FileIo } from "../storage/file-io";
import { readRecordLines } from "../storage/record-lines";
import {
  describeCode,
  errorCode,
  StoreStartError,
  toStorageError,
  unwritableAtStart,
  type StorageError
} from "../storage/storage-errors";
import { applyDelete, applySet, listenToChanges, type Change, type CosmosRecord, type Scope } from "./cosmos-changes";
import type { AccountInternals, ItemsInternals } from "./cosmos-internals";
import { countDocuments, parseSnapshot, restoreSnapshot, snapshotChunks, type Snapshot } from "./cosmos-snapshot";

const compactAfterEntries = 50_000;

let activeJournal: CosmosJournal | undefined;

export class CosmosJournal {
  private log: AppendLog | undefined;
  private entries = 0;
  private compactionQueued = false;
  /** Changes journaled so far: a request that saw this move made (or raced) a change and waits for the flush. */
  changes = 0;
  /** What made writes fail, while they do: reported once when it starts and once when it ends. */
  private failing: string | undefined;
  private readonly snapshotFile: string;
  private readonly journalFile: string;

  constructor(
    private readonly account: AccountInternals,
    private readonly dataDir: string,
    private readonly io: FileIo,
    private readonly warn: (line: string) => void
  ) {
    this.snapshotFile = join(dataDir, "snapshot.json");
    this.journalFile = join(dataDir, "journal.jsonl");
  }

  /** Loads what is on disk into the account, compacts it, and starts journaling. One per process. */
  open(): { documents: number } {
    if (activeJournal) throw new Error("Only one persisted Cosmos DB server can run in a process.");
    try {
      mkdirSync(this.dataDir, { recursive: true });
    } catch (error) {
      throw unwritableAtStart(this.dataDir, error);
    }
    const snapshot = this.readSnapshot();
    if (snapshot !== undefined) restoreSnapshot(this.account, snapshot);
    for (const record of this.readJournal(this.warn)) this.apply(record);
    try {
      this.compact();
    } catch (error) {
      throw unwritableAtStart(this.dataDir, error);
    }
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the request wrapper finds the running journal here
    activeJournal = this;
    listenToChanges((change) => this.record(change));
    return { documents: countDocuments(this.account) };
  }

  /** Resolves once every change made so far is on the device; rejects (changes already undone) when it is not. */
  durable(): Promise<void> {
    return this.log?.durable() ?? Promise.resolve();
  }

  async close(): Promise<void> {
    if (activeJournal !== this) return;
    listenToChanges(undefined);
    activeJournal = undefined;
    await this.durable().catch(() => undefined);
    try {
      if (this.log?.settled) this.compact();
    } catch (error) {
      this.warn(
        `cosmos: the journal was not folded into the snapshot at stop (${toStorageError(error, this.snapshotFile).message}); it is replayed at the next start`
      );
    }
    this.log?.close();
    this.log = undefined;
  }

  private record(change: Change): void {
    const log = this.log as AppendLog;
    try {
      log.append(`${JSON.stringify(change.record)}\n`, () => change.undo());
    } catch (error) {
      change.undo();
      const failure = toStorageError(error, this.journalFile);
      this.noteFailure(failure);
      throw failure;
    }
    this.noteSuccess();
    this.changes++;
    this.entries++;
    if (this.entries >= compactAfterEntries) this.compactWhenSettled();
  }

  /** A snapshot must hold only what the device holds: wait until no write is in flight. */
  private compactWhenSettled(): void {
    if (this.compactionQueued) return;
    this.compactionQueued = true;
    const attempt = () => {
      if (activeJournal !== this) return;
      if (!this.log?.settled) return void this.durable().then(attempt, attempt);
      this.compactionQueued = false;
      try {
        this.compact();
      } catch (error) {
        this.warn(
          `cosmos: compaction failed, the journal keeps growing (${toStorageError(error, this.snapshotFile).message})`
        );
        this.entries = 0;
      }
    };
    setImmediate(attempt);
  }

  private compact(): void {
    replaceFileAtomically(this.snapshotFile, snapshotChunks(this.account), this.io);
    if (this.log === undefined) this.log = new AppendLog(this.journalFile, this.io);
    this.log.reset();
    this.entries = 0;
  }

  private readSnapshot(): Snapshot | undefined {
    if (!existsSync(this.snapshotFile)) return undefined;
    let text: string;
    try {
      text = readFileSync(this.snapshotFile, "utf8");
    } catch (error) {
      throw this.damaged(`it cannot be read, ${describeCode(errorCode(error))} (${errorCode(error)})`);
    }
    const parsed = parseSnapshot(text);
    if ("damaged" in parsed) throw this.damaged(parsed.damaged);
    return parsed;
  }

  private damaged(reason: string): StoreStartError {
    const journal = existsSync(this.journalFile) ? this.readJournal(() => undefined).length : 0;
    return new StoreStartError(
      `${this.snapshotFile} is damaged: ${reason}. The journal beside it holds ${journal} readable change(s) made after ` +
        "that snapshot was written; without the snapshot they are not the whole data, so nothing was loaded and nothing was changed.",
      this.snapshotFile
    );
  }

  private readJournal(warn: (line: string) => void): CosmosRecord[] {
    if (!existsSync(this.journalFile)) return [];
    return readRecordLines(readFileSync(this.journalFile, "utf8"), this.journalFile, asRecord, (line) =>
      warn(`cosmos: ${line}`)
    ).records;
  }

  private apply(record: CosmosRecord): void {
    const items = this.itemsFor(record);
    if (!items) return;
    if (record.op === "set") applySet(items, record.body, record.ridCount);
    else applyDelete(items, record.id, record.partition);
  }

  private itemsFor(scope: Scope): ItemsInternals | undefined {
    if (scope.kind === "db") return this.account.databases;
    const database = this.account.database(scope.db);
    if (!database?.read()) return undefined;
    if (scope.kind === "coll") return database.collections;
    const collection = database.collection(scope.coll);
    return collection?.read() ? collection.documents : undefined;
  }

  private noteFailure(failure: StorageError): void {
    if (this.failing === failure.code) return;
    this.failing = failure.code;
    this.warn(`cosmos: refusing writes with 503 until they can be saved: ${failure.message}; reads keep working`);
  }

  private noteSuccess(): void {
    if (this.failing === undefined) return;
    this.failing = undefined;
    this.warn("cosmos: writes are saved again");
  }
}

/** The journal whose store is running, for the server's request wrapper. */
export function runningJournal(): CosmosJournal | undefined {
  return activeJournal;
}

const body = z.looseObject({ id: z.string(), _rid: z.string(), _self: z.string() });
const change = z.discriminatedUnion("op", [
  z.object({ op: z.literal("set"), ridCount: z.number(), body }),
  z.object({ op: z.literal("del"), id: z.string(), partition: z.unknown().optional() })
]);
const scope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("db") }),
  z.object({ kind: z.literal("coll"), db: z.string() }),
  z.object({ kind: z.literal("doc"), db: z.string(), coll: z.string() })
]);
const recordSchema = z.intersection(scope, change);

function asRecord(value: unknown): CosmosRecord | undefined {
  const parsed = recordSchema.safeParse(value);
  return parsed.success ? (parsed.data as CosmosRecord) : undefined;
}
