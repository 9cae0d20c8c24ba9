/**
 * Keeps the embedded Cosmos DB's data on disk: every write is appended to a journal (synchronously, before the
 * server answers, so a killed process loses nothing it acknowledged), and the journal is folded into a snapshot
 * at start, at clean stop and whenever it grows long. Restore = snapshot + journal replay, keeping each
 * document's `_rid` and `_etag`.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { Collections, Databases, Documents, Items, type AccountInternals, type ItemsInternals, type ResourceBody } from "./cosmos-internals";

type Scope = { kind: "db" } | { kind: "coll"; db: string } | { kind: "doc"; db: string; coll: string };
type JournalEntry =
  | (Scope & { op: "set"; ridCount: number; body: ResourceBody })
  | (Scope & { op: "del"; id: string; partition: unknown });

interface Snapshot {
  version: 1;
  ridCount: number;
  databases: { body: ResourceBody; ridCount: number; collections: { body: ResourceBody; ridCount: number; documents: ResourceBody[] }[] }[];
}

const compactAfterEntries = 50_000;

let activeJournal: CosmosJournal | undefined;
let hooksInstalled = false;

export class CosmosJournal {
  private fd: number | undefined;
  private entries = 0;
  private pending: string[] = [];
  private replaying = false;
  private readonly snapshotFile: string;
  private readonly journalFile: string;

  constructor(private readonly account: AccountInternals, dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.snapshotFile = join(dataDir, "snapshot.json");
    this.journalFile = join(dataDir, "journal.jsonl");
  }

  /** Loads what is on disk into the account, compacts it, and starts journaling. One per process. */
  open(): { documents: number } {
    if (activeJournal) throw new Error("Only one persisted Cosmos DB server can run in a process.");
    installHooks();
    this.replaying = true;
    try {
      if (existsSync(this.snapshotFile)) this.restoreSnapshot(JSON.parse(readFileSync(this.snapshotFile, "utf8")) as Snapshot);
      if (existsSync(this.journalFile)) this.replayJournal(readFileSync(this.journalFile, "utf8"));
    } finally {
      this.replaying = false;
    }
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the storage hooks find the journal here
    activeJournal = this;
    this.compact();
    return { documents: countDocuments(this.account) };
  }

  close(): void {
    if (activeJournal !== this) return;
    this.flush();
    this.compact();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    activeJournal = undefined;
  }

  record(items: ItemsInternals, entry: { op: "set"; body: ResourceBody } | { op: "del"; id: string; partition: unknown }): void {
    if (this.replaying) return;
    const scope = scopeOf(items);
    if (!scope) return;
    const line = entry.op === "set" ? { ...scope, ...entry, ridCount: items._ridCount } : { ...scope, ...entry };
    // A replace is a delete then a set: both must reach the file in one write, or a kill between two writes
    // would replay the delete without the set. Records of one synchronous mutation are gathered and written
    // in a microtask, which runs before the server's response continuation, so nothing is acknowledged unwritten.
    if (this.pending.length === 0) queueMicrotask(() => this.flush());
    this.pending.push(`${JSON.stringify(line)}\n`);
  }

  private flush(): void {
    if (this.pending.length === 0 || this.fd === undefined) return;
    writeSync(this.fd, this.pending.join(""));
    this.entries += this.pending.length;
    this.pending = [];
    if (this.entries >= compactAfterEntries) this.compact();
  }

  private compact(): void {
    // Whatever is gathered but unwritten is already in the account, so the snapshot holds it.
    this.pending = [];
    const temporary = `${this.snapshotFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(takeSnapshot(this.account)));
    renameSync(temporary, this.snapshotFile);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = openSync(this.journalFile, "w");
    this.entries = 0;
  }

  private restoreSnapshot(snapshot: Snapshot): void {
    const databases = this.account.databases;
    for (const db of snapshot.databases) {
      databases._set(db.body);
      const database = this.account.database(db.body._rid);
      for (const coll of db.collections) {
        database.collections._set(coll.body);
        const documents = database.collection(coll.body._rid).documents;
        for (const doc of coll.documents) documents._set(doc);
        documents._ridCount = coll.ridCount;
      }
      database.collections._ridCount = db.ridCount;
    }
    databases._ridCount = snapshot.ridCount;
  }

  private replayJournal(text: string): void {
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch {
        continue; // a line cut short by a crash mid-write was never acknowledged
      }
      const items = this.itemsFor(entry);
      if (!items) continue;
      if (entry.op === "set") {
        items._set(entry.body);
        items._ridCount = Math.max(items._ridCount, entry.ridCount);
      } else {
        try {
          items.delete(entry.id, entry.partition);
        } catch {
          // already gone: a replay after a partial compaction
        }
      }
    }
  }

  private itemsFor(scope: Scope): ItemsInternals | undefined {
    if (scope.kind === "db") return this.account.databases;
    const database = this.account.database(scope.db);
    if (!database?.read()) return undefined;
    if (scope.kind === "coll") return database.collections;
    const collection = database.collection(scope.coll);
    return collection?.read() ? collection.documents : undefined;
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const prototype = Items.prototype;
  const originalSet = prototype._set;
  const originalDelete = prototype.delete;
  prototype._set = function set(this: ItemsInternals, data: ResourceBody) {
    const stored = originalSet.call(this, data);
    activeJournal?.record(this, { op: "set", body: stored });
    return stored;
  };
  prototype.delete = function remove(this: ItemsInternals, idOrRid: string, partition?: unknown) {
    originalDelete.call(this, idOrRid, partition);
    activeJournal?.record(this, { op: "del", id: idOrRid, partition });
  };
}

function scopeOf(items: ItemsInternals): Scope | undefined {
  if (isA(items, Databases)) return { kind: "db" };
  const parent = items._parent.read();
  if (!parent) return undefined;
  if (isA(items, Collections)) return { kind: "coll", db: parent._rid };
  if (isA(items, Documents)) {
    const match = /^\/?dbs\/([^/]+)\/colls\/([^/]+)/.exec(parent._self);
    return match ? { kind: "doc", db: match[1] as string, coll: match[2] as string } : undefined;
  }
  return undefined;
}

/** A plain boolean test: the three classes share one shape, so `instanceof` narrowing would rule them out. */
function isA(items: ItemsInternals, kind: typeof Items): boolean {
  return items instanceof kind;
}

function takeSnapshot(account: AccountInternals): Snapshot {
  const databases = [...account.databases._data.values()].map((dbItem) => {
    const body = dbItem.read();
    const database = account.database(body._rid);
    const collections = [...database.collections._data.values()].map((collItem) => {
      const collBody = collItem.read();
      const documents = database.collection(collBody._rid).documents;
      return { body: collBody, ridCount: documents._ridCount, documents: [...documents._data.values()].map((d) => d.read()) };
    });
    return { body, ridCount: database.collections._ridCount, collections };
  });
  return { version: 1, ridCount: account.databases._ridCount, databases };
}

function countDocuments(account: AccountInternals): number {
  let count = 0;
  for (const dbItem of account.databases._data.values()) {
    const database = account.database(dbItem.read()._rid);
    for (const collItem of database.collections._data.values()) count += database.collection(collItem.read()._rid).documents._data.size;
  }
  return count;
}
