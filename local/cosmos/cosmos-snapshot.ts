/**
 * The embedded Cosmos DB's snapshot: every database, collection and document with the `_rid` counters, as one
 * JSON document. Written in pieces (one per document) so a large account is never one giant string, and read
 * back only after its shape is checked, so a damaged file is reported instead of half-loaded.
 */
import { z } from "zod";
import type { AccountInternals, ResourceBody } from "./cosmos-internals";

const resource = z.looseObject({ id: z.string(), _rid: z.string(), _self: z.string() });
const snapshotSchema = z.object({
  version: z.literal(1),
  ridCount: z.number(),
  databases: z.array(
    z.object({
      body: resource,
      ridCount: z.number(),
      collections: z.array(z.object({ body: resource, ridCount: z.number(), documents: z.array(resource) }))
    })
  )
});

export type Snapshot = z.infer<typeof snapshotSchema>;

/** The snapshot, or a short reason why the text is not one (never the text itself). */
export function parseSnapshot(text: string): Snapshot | { damaged: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { damaged: "it is not valid JSON" };
  }
  const parsed = snapshotSchema.safeParse(json);
  return parsed.success ? parsed.data : { damaged: "it is JSON but not a snapshot of this server" };
}

export function restoreSnapshot(account: AccountInternals, snapshot: Snapshot): void {
  const databases = account.databases;
  for (const db of snapshot.databases) {
    databases._set(db.body as ResourceBody);
    const database = account.database(db.body._rid);
    for (const coll of db.collections) {
      database.collections._set(coll.body as ResourceBody);
      const documents = database.collection(coll.body._rid).documents;
      for (const doc of coll.documents) documents._set(doc as ResourceBody);
      documents._ridCount = coll.ridCount;
    }
    database.collections._ridCount = db.ridCount;
  }
  databases._ridCount = snapshot.ridCount;
}

/** The account as JSON text, in pieces. */
export function* snapshotChunks(account: AccountInternals): Generator<string> {
  yield `{"version":1,"ridCount":${account.databases._ridCount},"databases":[`;
  let firstDb = true;
  for (const dbItem of account.databases._data.values()) {
    const body = dbItem.read();
    const database = account.database(body._rid);
    yield `${firstDb ? "" : ","}{"body":${JSON.stringify(body)},"ridCount":${database.collections._ridCount},"collections":[`;
    firstDb = false;
    let firstColl = true;
    for (const collItem of database.collections._data.values()) {
      const collBody = collItem.read();
      const documents = database.collection(collBody._rid).documents;
      yield `${firstColl ? "" : ","}{"body":${JSON.stringify(collBody)},"ridCount":${documents._ridCount},"documents":[`;
      firstColl = false;
      let firstDoc = true;
      for (const doc of documents._data.values()) {
        yield `${firstDoc ? "" : ","}${JSON.stringify(doc.read())}`;
        firstDoc = false;
      }
      yield "]}";
    }
    yield "]}";
  }
  yield "]}";
}

export function countDocuments(account: AccountInternals): number {
  let count = 0;
  for (const dbItem of account.databases._data.values()) {
    const database = account.database(dbItem.read()._rid);
    for (const collItem of database.collections._data.values())
      count += database.collection(collItem.read()._rid).documents._data.size;
  }
  return count;
}
