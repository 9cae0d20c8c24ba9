/**
 * Sees every change the embedded server makes to its data as ONE change per operation: a create, a replace (which
 * the library performs as a delete and a set; upsert and patch go through it too) or a delete. Each change comes
 * with its journal record and a way to undo it in memory. The listener runs synchronously inside the server's
 * write, so when it throws (the record could not be written) the change is already undone and the request fails.
 */
import {
  Collections,
  Databases,
  Documents,
  Items,
  type ItemInternals,
  type ItemsInternals,
  type ResourceBody
} from "./cosmos-internals";

export type Scope = { kind: "db" } | { kind: "coll"; db: string } | { kind: "doc"; db: string; coll: string };

/** `set` stores a whole resource by its `_rid` (a create or a replace); `del` removes one by id or `_rid`. */
export type CosmosRecord =
  | (Scope & { op: "set"; ridCount: number; body: ResourceBody })
  | (Scope & { op: "del"; id: string; partition?: unknown });

export interface Change {
  readonly record: CosmosRecord;
  undo(): void;
}

export type ChangeListener = (change: Change) => void;

let listener: ChangeListener | undefined;
/** Calls made inside a tracked call (replace → delete, upsert → replace) are part of the outer change. */
let depth = 0;
let installed = false;
const base = {
  create: Items.prototype.create,
  replace: Items.prototype.replace,
  delete: Items.prototype.delete
};

/** Starts (or, with undefined, stops) telling `next` about every change; one listener per process. */
export function listenToChanges(next: ChangeListener | undefined): void {
  install();
  listener = next;
}

function install(): void {
  if (installed) return;
  installed = true;
  const prototype = Items.prototype;
  prototype.create = function create(this: ItemsInternals, data: Record<string, unknown>) {
    return track(
      this,
      () => base.create.call(this, data),
      (scope, stored) => setChange(this, scope, stored, undefined)
    );
  };
  prototype.replace = function replace(this: ItemsInternals, data: Record<string, unknown>, original: ResourceBody) {
    const before = original?._rid === undefined ? undefined : this._data.get(original._rid);
    return track(
      this,
      () => base.replace.call(this, data, original),
      (scope, stored) => setChange(this, scope, stored, before)
    );
  };
  prototype.delete = function remove(this: ItemsInternals, idOrRid: string, partition?: unknown) {
    const existing = this._item("/id", idOrRid, partition).read();
    const before = existing === undefined ? undefined : this._data.get(existing._rid);
    track(
      this,
      () => base.delete.call(this, idOrRid, partition),
      (scope) => ({
        record: { ...scope, op: "del", id: existing?._rid ?? idOrRid },
        undo: () => {
          if (before !== undefined) putBack(this, before);
        }
      })
    );
  };
}

function track<T>(items: ItemsInternals, run: () => T, describe: (scope: Scope, result: T) => Change): T {
  const scope = listener === undefined || depth > 0 ? undefined : scopeOf(items);
  depth++;
  let result: T;
  try {
    result = run();
  } finally {
    depth--;
  }
  if (scope !== undefined) listener?.(describe(scope, result));
  return result;
}

function setChange(
  items: ItemsInternals,
  scope: Scope,
  stored: ResourceBody,
  before: ItemInternals | undefined
): Change {
  return {
    record: { ...scope, op: "set", ridCount: items._ridCount, body: stored },
    undo: () => {
      removeByRid(items, stored._rid);
      if (before !== undefined) putBack(items, before);
    }
  };
}

/** Applies a `set` record from the journal: a replace removes the old version's unique-key entries first. */
export function applySet(items: ItemsInternals, body: ResourceBody, ridCount: number): void {
  removeByRid(items, body._rid);
  items._set(body);
  items._ridCount = Math.max(items._ridCount, ridCount);
}

export function applyDelete(items: ItemsInternals, id: string, partition: unknown): void {
  if (items._item("/id", id, partition).read() !== undefined) base.delete.call(items, id, partition);
}

function removeByRid(items: ItemsInternals, rid: string): void {
  if (items._data.has(rid)) base.delete.call(items, rid, undefined);
}

/** The very object goes back: a database or collection object also holds everything inside it. */
function putBack(items: ItemsInternals, item: ItemInternals): void {
  const body = item.read();
  removeByRid(items, body._rid);
  items._set(body);
  items._data.set(body._rid, item);
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
