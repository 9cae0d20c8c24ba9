/**
 * One set of cases for both relationship stores: the Cosmos DB store against the embedded Cosmos DB (a real server,
 * through the real SDK) and the in-memory one the unit tests use. What the use cases rely on must hold for both, so
 * a unit test on the in-memory store means what it says: taken ids and live names conflict (409), a stale ETag
 * fails the replace (412), removing twice is no error, and the outbox timer's list finds what it must.
 */
import type { CosmosClient } from "@azure/cosmos";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../../local/cosmos/cosmos-server";
import { ensureCosmosResources } from "../../../local/cosmos/ensure-resources";
import { containerIds, containers, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { createCosmosClient } from "../../../shared/cosmos/cosmos-client";
import { CosmosRelationshipStore } from "../../../shared/cosmos/cosmos-relationship-store";
import { ConflictError, PreconditionFailedError } from "../../../shared/errors";
import type { RelationshipStore } from "../../../shared/relationships/ports";
import type { StoredRelationship } from "../../../shared/relationships/relationship-document";
import { newDataDir } from "../../helpers/local-runtime";
import { InMemoryRelationshipStore } from "../../support/in-memory/relationship-store";

function relationship(partnerTenantId: string, fields: Partial<StoredRelationship> = {}): StoredRelationship {
  const displayName = fields.displayName ?? `Helpdesk ${randomUUID().slice(0, 8)}`;
  return {
    id: randomUUID(),
    partnerTenantId,
    displayName,
    uniqueName: displayName.toLowerCase(),
    partnerType: "partnerWithGdap",
    partner: { tenantId: partnerTenantId, displayName: "Contoso Partners" },
    customer: { adminEmail: "admin@customer.example" },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" }] },
    duration: "P730D",
    autoExtendDuration: "PT0S",
    status: "approvalPending",
    createdDateTime: "2027-03-01T09:00:00.000Z",
    lastModifiedDateTime: "2027-03-01T09:00:00.000Z",
    version: 1,
    outbox: [],
    ...fields
  };
}

let cosmos: EmbeddedCosmos;
let client: CosmosClient;
beforeAll(async () => {
  cosmos = await startEmbeddedCosmos({ port: 0, dataDir: newDataDir() });
  client = createCosmosClient(
    { kind: "emulator", connectionString: cosmos.connectionString, endpoint: cosmos.endpoint },
    () => {
      throw new Error("emulator only");
    }
  );
  await ensureCosmosResources(client, defaultDatabaseName, containers);
});
afterAll(async () => {
  client?.dispose();
  await cosmos?.stop();
});

const stores: [string, () => RelationshipStore][] = [
  [
    "CosmosRelationshipStore on the embedded Cosmos DB",
    () => new CosmosRelationshipStore(client.database(defaultDatabaseName).container(containerIds.relationships))
  ],
  ["InMemoryRelationshipStore", () => new InMemoryRelationshipStore()]
];

describe.each(stores)("%s", (_name, makeStore) => {
  it("creates a relationship and reads back the same document under an ETag", async () => {
    const store = makeStore();
    const document = relationship(randomUUID());
    const created = await store.create(document);
    const read = await store.get(document.partnerTenantId, document.id);
    expect(created.document).toEqual(document);
    expect(read).toEqual(created);
    expect(await store.get(document.partnerTenantId, randomUUID())).toBeUndefined();
  });

  it("refuses a taken id, and a display name another live relationship of the partner has, as a ConflictError", async () => {
    const store = makeStore();
    const partner = randomUUID();
    const first = relationship(partner);
    await store.create(first);
    await expect(store.create({ ...first, displayName: "Another", uniqueName: "another" })).rejects.toBeInstanceOf(
      ConflictError
    );
    await expect(store.create(relationship(partner, { displayName: first.displayName }))).rejects.toBeInstanceOf(
      ConflictError
    );
    // The name is unique per partner only.
    await expect(store.create(relationship(randomUUID(), { displayName: first.displayName }))).resolves.toBeDefined();
  });

  it("replaces under the ETag it was read with, and refuses a stale one as a PreconditionFailedError", async () => {
    const store = makeStore();
    const created = await store.create(relationship(randomUUID()));
    const replaced = await store.replace({ ...created.document, version: 2 }, created.etag);
    expect(replaced.etag).not.toBe(created.etag);
    expect(replaced.document.version).toBe(2);
    await expect(store.replace({ ...created.document, version: 3 }, created.etag)).rejects.toBeInstanceOf(
      PreconditionFailedError
    );
    expect((await store.get(created.document.partnerTenantId, created.document.id))?.document.version).toBe(2);
  });

  it("refuses a replace onto a live name another relationship has, and frees a name once it is no longer live", async () => {
    const store = makeStore();
    const partner = randomUUID();
    const taken = await store.create(relationship(partner));
    const other = await store.create(relationship(partner));
    await expect(
      store.replace({ ...other.document, uniqueName: taken.document.uniqueName }, other.etag)
    ).rejects.toBeInstanceOf(ConflictError);
    // A final relationship's unique name is `name#id`, so the name can be used again.
    await store.replace(
      { ...taken.document, status: "terminated", uniqueName: `${taken.document.uniqueName}#${taken.document.id}` },
      taken.etag
    );
    await expect(
      store.replace({ ...other.document, uniqueName: taken.document.uniqueName }, other.etag)
    ).resolves.toBeDefined();
  });

  it("removes a relationship, and removing it again is no error", async () => {
    const store = makeStore();
    const created = await store.create(relationship(randomUUID()));
    await store.remove(created.document.partnerTenantId, created.document.id);
    await store.remove(created.document.partnerTenantId, created.document.id);
    expect(await store.get(created.document.partnerTenantId, created.document.id)).toBeUndefined();
  });

  it("lists relationships whose outbox has waited since before a time, oldest first", async () => {
    const store = makeStore();
    const partner = randomUUID();
    const older = await store.create(relationship(partner, { outboxSince: "2001-01-01T00:01:00.000Z" }));
    const oldest = await store.create(relationship(partner, { outboxSince: "2001-01-01T00:00:00.000Z" }));
    await store.create(relationship(partner, { outboxSince: "2001-01-01T00:10:00.000Z" }));
    await store.create(relationship(partner));

    const page = await store.listWithStaleOutbox("2001-01-01T00:05:00.000Z", 10);

    expect(page.items).toEqual([
      { partnerTenantId: partner, id: oldest.document.id },
      { partnerTenantId: partner, id: older.document.id }
    ]);
  });
});
