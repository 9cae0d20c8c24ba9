import { CosmosClient } from "@azure/cosmos";
import { Agent } from "node:https";
import { afterEach, describe, expect, it } from "vitest";
import { newDataDir, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

const databaseId = "partner-relationships";
const containerId = "relationships";

function clientFor(runtime: LocalRuntime): CosmosClient {
  const key = /AccountKey=([^;]+)/.exec(runtime.cosmos.connectionString)?.[1] ?? "";
  return new CosmosClient({
    endpoint: runtime.cosmos.endpoint,
    key,
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true })
  });
}

describe("embedded Cosmos DB persistence", () => {
  const running: LocalRuntime[] = [];
  const start = async (dataDir: string, args: string[] = []) => {
    const runtime = await startLocalRuntime({ dataDir, functions: ["dist/functions/*.js"], args });
    running.push(runtime);
    return runtime;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((runtime) => runtime.kill()));
  });

  it("creates the declared database and containers at start", async () => {
    const runtime = await start(newDataDir());
    const { resource } = await clientFor(runtime).database(databaseId).container(containerId).read();
    expect(resource?.partitionKey?.paths).toEqual(["/partnerTenantId"]);
  });

  it("keeps created, replaced and deleted documents across a clean restart, ETags included", async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    const container = clientFor(first).database(databaseId).container(containerId);
    const { resource: kept } = await container.items.create({
      id: "kept",
      partnerTenantId: "p1",
      uniqueName: "kept",
      n: 1
    });
    await container.items.create({ id: "replaced", partnerTenantId: "p1", uniqueName: "replaced", n: 1 });
    await container
      .item("replaced", "p1")
      .replace({ id: "replaced", partnerTenantId: "p1", uniqueName: "replaced", n: 2 });
    await container.items.create({ id: "deleted", partnerTenantId: "p2", uniqueName: "deleted" });
    await container.item("deleted", "p2").delete();
    expect(await first.stop()).toBe(0);

    const second = await start(dataDir);
    expect(second.restoredDocuments).toBeGreaterThan(0);
    const again = clientFor(second).database(databaseId).container(containerId);
    const { resource: keptAgain } = await again.item("kept", "p1").read();
    expect(keptAgain?._etag).toBe(kept?._etag);
    expect((await again.item("replaced", "p1").read()).resource?.n).toBe(2);
    expect((await again.item("deleted", "p2").read()).statusCode).toBe(404);
    // New writes after a restore must not collide with restored resource ids.
    await again.items.create({ id: "after-restart", partnerTenantId: "p1", uniqueName: "after-restart" });
    const { resources } = await again.items
      .query({
        query: "SELECT c.id FROM c WHERE c.partnerTenantId = @p ORDER BY c.id",
        parameters: [{ name: "@p", value: "p1" }]
      })
      .fetchAll();
    expect(resources.map((r: { id: string }) => r.id)).toEqual(["after-restart", "kept", "replaced"]);
  });

  it("keeps every acknowledged write when the process is killed with SIGKILL", async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    const container = clientFor(first).database(databaseId).container(containerId);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        container.items.create({ id: `doc-${i}`, partnerTenantId: `p${i % 3}`, uniqueName: `doc-${i}` })
      )
    );
    await first.kill();

    const second = await start(dataDir);
    const { resources } = await clientFor(second)
      .database(databaseId)
      .container(containerId)
      .items.query("SELECT VALUE COUNT(1) FROM c")
      .fetchAll();
    expect(resources[0]).toBe(50);
  });

  it("starts empty with --fresh", async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    await clientFor(first)
      .database(databaseId)
      .container(containerId)
      .items.create({ id: "old", partnerTenantId: "p", uniqueName: "old" });
    await first.stop();
    const second = await start(dataDir, ["--fresh"]);
    expect(second.restoredDocuments).toBe(0);
    expect(
      (await clientFor(second).database(databaseId).container(containerId).item("old", "p").read()).statusCode
    ).toBe(404);
  });
});
