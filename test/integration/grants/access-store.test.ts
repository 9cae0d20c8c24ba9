import { randomUUID } from "node:crypto";
import { Agent } from "node:https";
import { CosmosClient, type CosmosClientOptions, type PluginConfig } from "@azure/cosmos";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../../local/cosmos/cosmos-server";
import { ensureCosmosResources } from "../../../local/cosmos/ensure-resources";
import { containerIds, containers, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { CosmosGrantStore } from "../../../shared/cosmos/cosmos-grant-store";

const role = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const grant = (relationshipId: string) => ({
  relationshipId,
  grantedDateTime: "2027-01-03T10:00:00.000Z",
  endDateTime: "2028-01-03T10:00:00.000Z"
});

describe("CosmosGrantStore against the embedded Cosmos DB, through the real SDK: what a grant costs", () => {
  let cosmos: EmbeddedCosmos;
  let store: CosmosGrantStore;
  /** Every document request the SDK sends. */
  const sent: string[] = [];
  const counting: PluginConfig = {
    on: "request",
    plugin: async (context, _diagnostics, next) => {
      if (context.resourceType === "docs") sent.push(String(context.operationType));
      return next(context);
    }
  };
  const requests = async (work: () => Promise<unknown>) => {
    sent.length = 0;
    await work();
    return [...sent];
  };

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({ port: 0 });
    const key = /AccountKey=([^;]+)/.exec(cosmos.connectionString)?.[1] ?? "";
    // `plugins` is in the SDK's options but hidden from its typings.
    const options = {
      endpoint: cosmos.endpoint,
      key,
      agent: new Agent({ rejectUnauthorized: false, keepAlive: true }),
      plugins: [counting]
    };
    const client = new CosmosClient(options as CosmosClientOptions);
    await ensureCosmosResources(client, defaultDatabaseName, containers);
    store = new CosmosGrantStore(client.database(defaultDatabaseName).container(containerIds.access));
  });
  afterAll(async () => {
    await cosmos?.stop();
  });

  it("writes the first grant of a (customer, partner, role) that is likely new with one create, no read first", async () => {
    const customer = randomUUID();
    const partner = randomUUID();
    expect(await requests(() => store.putGrant(customer, partner, role, grant("rel-1"), { likelyNew: true }))).toEqual([
      "create"
    ]);
    expect((await store.get(customer, partner, role))?.grants).toEqual({ "rel-1": grant("rel-1") });
  });

  it("keeps the grants and groups already there when a grant thought new meets an existing document", async () => {
    const customer = randomUUID();
    const partner = randomUUID();
    await store.putGrant(customer, partner, role, grant("rel-1"));
    await store.putGroup(customer, partner, role, {
      relationshipId: "rel-1",
      securityGroupId: "g-1",
      accessAssignmentId: "a-1"
    });

    expect(await requests(() => store.putGrant(customer, partner, role, grant("rel-2"), { likelyNew: true }))).toEqual([
      "create",
      "read",
      "replace"
    ]);
    expect((await store.get(customer, partner, role))?.grants).toEqual({
      "rel-1": { ...grant("rel-1"), groups: { "g-1": "a-1" } },
      "rel-2": grant("rel-2")
    });
  });

  it("reads first without the hint, and writes nothing when the same grant is put again", async () => {
    const customer = randomUUID();
    const partner = randomUUID();
    expect(await requests(() => store.putGrant(customer, partner, role, grant("rel-1")))).toEqual(["read", "create"]);
    expect(await requests(() => store.putGrant(customer, partner, role, grant("rel-1")))).toEqual(["read"]);
  });
});
