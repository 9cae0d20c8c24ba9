import { CosmosClient, type CosmosClientOptions, type PluginConfig } from "@azure/cosmos";
import { randomUUID } from "node:crypto";
import { Agent } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../../local/cosmos/cosmos-server";
import { ensureCosmosResources } from "../../../local/cosmos/ensure-resources";
import { containerIds, containers, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { CosmosLimitStore } from "../../../shared/limits/cosmos-limit-store";
import type { WindowLimit } from "../../../shared/limits/fixed-window";
import { newDataDir } from "../../helpers/local-runtime";

const hourly: WindowLimit = { counter: "invitations", max: 3, seconds: 3_600 };
const daily: WindowLimit = { counter: "invitations", max: 5, seconds: 86_400 };
const resends: WindowLimit = { counter: "resends", max: 2, seconds: 3_600 };
const at = new Date("2027-03-04T05:10:00Z");

describe("CosmosLimitStore against the embedded Cosmos DB, through the real SDK: what each check costs", () => {
  let cosmos: EmbeddedCosmos;
  let client: CosmosClient;
  let store: CosmosLimitStore;
  /** Every document request the SDK sends (point reads and writes of the limits container). */
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
    cosmos = await startEmbeddedCosmos({ port: 0, dataDir: newDataDir() });
    const key = /AccountKey=([^;]+)/.exec(cosmos.connectionString)?.[1] ?? "";
    // `plugins` is in the SDK's options but hidden from its typings.
    const options = {
      endpoint: cosmos.endpoint,
      key,
      agent: new Agent({ rejectUnauthorized: false, keepAlive: true }),
      plugins: [counting]
    };
    client = new CosmosClient(options as CosmosClientOptions);
    await ensureCosmosResources(client, defaultDatabaseName, containers);
    store = new CosmosLimitStore(client.database(defaultDatabaseName).container(containerIds.limits));
  });
  afterAll(async () => {
    await cosmos?.stop();
  });

  it("costs one request in the usual case: a conditional patch of the hour and day windows together", async () => {
    const key = `partner:${randomUUID()}`;
    expect(await requests(() => store.take(key, [hourly, daily], at))).toEqual(["patch", "create"]);
    expect(await requests(() => store.take(key, [hourly, daily], at))).toEqual(["patch"]);
    expect(await requests(() => store.take(key, [hourly, daily], at))).toEqual(["patch"]);
  });

  it("counts every one of several first takes of a new key racing to create it", async () => {
    const key = `address:${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 4 }, () => store.take(key, [daily], at)));
    expect(results.filter((result) => result.taken)).toHaveLength(4);
    expect((await store.peek(key))[Object.keys(await store.peek(key))[0] ?? ""]?.used).toBe(4);
  });

  it("reads only to refuse (two requests), and refuses without counting", async () => {
    const key = `partner:${randomUUID()}`;
    for (let n = 0; n < 3; n += 1) expect((await store.take(key, [hourly, daily], at)).taken).toBe(true);
    let refusal: unknown;
    expect(await requests(async () => (refusal = await store.take(key, [hourly, daily], at)))).toEqual([
      "patch",
      "read"
    ]);
    expect(refusal).toEqual({ taken: false, retryAt: new Date("2027-03-04T06:00:00Z"), limit: hourly });
    const { resource } = await client
      .database(defaultDatabaseName)
      .container(containerIds.limits)
      .item(key, key)
      .read();
    expect(resource.windows.invitations_3600).toEqual({ start: Date.parse("2027-03-04T05:00:00Z") / 1000, used: 3 });
    // A TTL of twice the longest window, so Azure deletes counts nobody has touched since their windows ended.
    expect(resource.ttl).toBe(2 * 86_400);
  });

  it("opens a new window, or a counter the document has not had, with a read and an ETag-guarded replace", async () => {
    const key = `partner:${randomUUID()}`;
    for (let n = 0; n < 3; n += 1) await store.take(key, [hourly, daily], at);
    const nextHour = new Date("2027-03-04T06:01:00Z");
    expect(await requests(() => store.take(key, [hourly, daily], nextHour))).toEqual(["patch", "read", "replace"]);
    expect(await requests(() => store.take(key, [resends], nextHour))).toEqual(["patch", "read", "replace"]);
    expect(await requests(() => store.take(key, [resends], nextHour))).toEqual(["patch"]);
    // The day went on counting across the hour (resends are another counter): 3 + 2 of 5, then the day is full.
    expect((await store.take(key, [hourly, daily], nextHour)).taken).toBe(true);
    expect(await store.take(key, [hourly, daily], nextHour)).toEqual({
      taken: false,
      retryAt: new Date("2027-03-05T00:00:00Z"),
      limit: daily
    });
  });

  it("gives a use back with one request, only in the windows it was counted in", async () => {
    const key = `partner:${randomUUID()}`;
    const taken = await store.take(key, [hourly, daily], at);
    if (!taken.taken) throw new Error("expected the first use to be taken");
    expect(await requests(() => store.giveBack(key, taken.starts))).toEqual(["patch"]);
    for (let n = 0; n < 3; n += 1) expect((await store.take(key, [hourly, daily], at)).taken).toBe(true);
    // A give-back for an hour that has ended changes nothing in the new one.
    await store.take(key, [hourly, daily], new Date("2027-03-04T06:01:00Z"));
    await store.giveBack(key, taken.starts);
    const { resource } = await client
      .database(defaultDatabaseName)
      .container(containerIds.limits)
      .item(key, key)
      .read();
    expect(resource.windows).toEqual({
      invitations_3600: { start: Date.parse("2027-03-04T06:00:00Z") / 1000, used: 1 },
      invitations_86400: { start: Date.parse("2027-03-04T00:00:00Z") / 1000, used: 4 }
    });
  });

  it("never counts past a limit when many takes race on a key nobody has used yet", async () => {
    for (let round = 0; round < 5; round += 1) {
      const key = `partner:${randomUUID()}`;
      const results = await Promise.all(Array.from({ length: 20 }, () => store.take(key, [hourly, daily], at)));
      expect(results.filter((result) => result.taken)).toHaveLength(3);
    }
  });
});
