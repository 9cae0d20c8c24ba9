import { CosmosClient, type Container } from "@azure/cosmos";
import {
  closeSync,
  cpSync,
  fdatasync,
  fstatSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync
} from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { emulatorKey, startEmbeddedCosmos, type EmbeddedCosmos } from "../../../local/cosmos/cosmos-server";
import type { FileIo } from "../../../local/storage/file-io";
import { smallDisk, type SmallDisk } from "../small-disk";

const databaseId = "durability";
const containerId = "docs";

interface Started {
  readonly cosmos: EmbeddedCosmos;
  readonly container: Container;
  readonly lines: string[];
}

async function start(dataDir: string, io?: FileIo): Promise<Started> {
  const lines: string[] = [];
  const cosmos = await startEmbeddedCosmos({
    port: 0,
    dataDir,
    log: (line) => lines.push(line),
    ...(io ? { io } : {})
  });
  running.push(cosmos);
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: emulatorKey,
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true })
  });
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  const { container } = await database.containers.createIfNotExists({
    id: containerId,
    partitionKey: { paths: ["/pk"] }
  });
  return { cosmos, container, lines };
}

async function stop(started: Started): Promise<void> {
  running.splice(running.indexOf(started.cosmos), 1);
  await started.cosmos.stop();
}

const running: EmbeddedCosmos[] = [];
const folders: string[] = [];
function newFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "cosmos-durability-"));
  folders.push(dir);
  return dir;
}

afterEach(async () => {
  for (const cosmos of running.splice(0)) await cosmos.stop().catch(() => undefined);
});
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** The folder as a crash right now would leave it (every acknowledged write has been written before its answer). */
function crashCopy(dir: string): string {
  const copy = join(newFolder(), "cosmos");
  cpSync(dir, copy, { recursive: true });
  return copy;
}

function cutLastBytes(file: string, count: number): void {
  const fd = openSync(file, "r+");
  try {
    ftruncateSync(fd, fstatSync(fd).size - count);
  } finally {
    closeSync(fd);
  }
}

const padding = (bytes: number) => "x".repeat(bytes);

describe("embedded Cosmos DB: journal damage", () => {
  it("keeps the previous version when the last record, an unacknowledged replace, was cut short", async () => {
    const dir = join(newFolder(), "cosmos");
    const first = await start(dir);
    await first.container.items.create({ id: "doc", pk: "p", version: 1 });
    await first.container.item("doc", "p").replace({ id: "doc", pk: "p", version: 2, note: padding(200) });
    const copy = crashCopy(dir);
    await stop(first);
    // The crash came in the middle of writing the replace: its record is cut short, so it was never acknowledged.
    cutLastBytes(join(copy, "journal.jsonl"), 60);

    const second = await start(copy);
    const { resource } = await second.container.item("doc", "p").read();
    expect(resource?.version).toBe(1);
    expect(
      second.lines.some((line) => line.includes("journal.jsonl") && /line \d+/.test(line) && line.includes("cut short"))
    ).toBe(true);
  });

  it("logs a damaged line in the middle with file and line number, never its content, and replays what follows", async () => {
    const dir = join(newFolder(), "cosmos");
    const first = await start(dir);
    await first.container.items.create({ id: "before", pk: "p", secret: "token-before" });
    await first.container.items.create({ id: "damaged", pk: "p", secret: "token-damaged" });
    await first.container.items.create({ id: "after", pk: "p", secret: "token-after" });
    await first.container.item("before", "p").replace({ id: "before", pk: "p", secret: "token-before", v: 2 });
    const copy = crashCopy(dir);
    await stop(first);
    const journal = join(copy, "journal.jsonl");
    const lines = readFileSync(journal, "utf8").split("\n");
    const damagedIndex = lines.findIndex((line) => line.includes("token-damaged"));
    expect(damagedIndex).toBeGreaterThan(0);
    lines[damagedIndex] = (lines[damagedIndex] as string).replace('"id":"damaged"', '"id":"damag\u0000\u0000');
    writeFileSync(journal, lines.join("\n"));

    const second = await start(copy);
    const read = async (id: string) =>
      (await second.container.item(id, "p").read()).resource as { v?: number } | undefined;
    expect(await read("after")).toBeDefined();
    expect((await read("before"))?.v).toBe(2);
    expect(await read("damaged")).toBeUndefined();
    const warning = second.lines.find((line) => line.includes(`line ${damagedIndex + 1}`));
    expect(warning).toContain("journal.jsonl");
    expect(second.lines.join("\n")).not.toContain("token-damaged");
  });
});

describe("embedded Cosmos DB on a full disk", () => {
  let disk: SmallDisk | undefined;
  afterEach(() => {
    disk?.dispose();
    disk = undefined;
  });

  it("refuses writes with 503 and Retry-After, keeps serving reads, works again once space is back, and loses no acknowledged write", async () => {
    disk = smallDisk();
    const dir = join(disk.dir, "cosmos");
    const first = await start(dir, disk.io);
    await first.container.items.create({ id: "stable", pk: "p", version: 1 });
    disk.fill(40 * 1024);

    const acknowledged: string[] = [];
    let refusal: { code?: number; retryAfterInMs?: number; headers?: Record<string, unknown> } | undefined;
    for (let i = 0; i < 200 && refusal === undefined; i++) {
      try {
        await first.container.items.create({ id: `doc-${i}`, pk: "p", body: padding(6000) });
        acknowledged.push(`doc-${i}`);
      } catch (error) {
        refusal = error as typeof refusal;
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refusal?.code).toBe(503);
    expect(refusal?.headers?.["retry-after"]).toBeDefined();
    disk.fill(0);

    // A replace that cannot be written changes nothing, not even in memory.
    const replace = first.container
      .item("stable", "p")
      .replace({ id: "stable", pk: "p", version: 2, body: padding(6000) });
    await expect(replace).rejects.toMatchObject({ code: 503 });
    expect((await first.container.item("stable", "p").read()).resource?.version).toBe(1);
    const { resources: counted } = await first.container.items.query("SELECT VALUE COUNT(1) FROM c").fetchAll();
    expect(counted[0]).toBe(acknowledged.length + 1);
    const crashed = disk.crashCopy();

    disk.free();
    await first.container.items.create({ id: "after-space-returned", pk: "p" });
    // One line when writes start failing and one when they work again, not one per refused write.
    expect(first.lines.filter((line) => line.includes("refusing writes")).length).toBe(1);
    expect(first.lines.some((line) => line.includes("ENOSPC"))).toBe(true);
    expect(first.lines.some((line) => line.includes("saved again"))).toBe(true);
    await stop(first);

    // What a crash while the disk was full left: every acknowledged write, nothing that was refused.
    const fromCrash = await start(join(crashed, "cosmos"));
    const { resources: ids } = await fromCrash.container.items.query<{ id: string }>("SELECT c.id FROM c").fetchAll();
    expect(ids.map((doc) => doc.id).sort()).toEqual(["stable", ...acknowledged].sort());
    expect((await fromCrash.container.item("stable", "p").read()).resource?.version).toBe(1);
    await stop(fromCrash);

    const restarted = await start(dir, disk.io);
    const { resources: all } = await restarted.container.items.query<{ id: string }>("SELECT c.id FROM c").fetchAll();
    expect(all.map((doc) => doc.id).sort()).toEqual(["after-space-returned", "stable", ...acknowledged].sort());
  });

  it("answers 503 and rolls the change back when the flush to the device fails", async () => {
    const dir = join(newFolder(), "cosmos");
    let failSyncs = false;
    const io: FileIo = {
      write: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
      datasync: (fd, done) =>
        failSyncs
          ? setImmediate(() => done(Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" })))
          : fdatasync(fd, done),
      truncate: (fd, length) => ftruncateSync(fd, length)
    };
    const first = await start(dir, io);
    await first.container.items.create({ id: "kept", pk: "p", version: 1 });
    failSyncs = true;
    await expect(first.container.items.create({ id: "lost", pk: "p" })).rejects.toMatchObject({ code: 503 });
    await expect(first.container.item("kept", "p").replace({ id: "kept", pk: "p", version: 2 })).rejects.toMatchObject({
      code: 503
    });
    failSyncs = false;
    expect((await first.container.item("lost", "p").read()).statusCode).toBe(404);
    expect((await first.container.item("kept", "p").read()).resource?.version).toBe(1);
    const copy = crashCopy(dir);
    await stop(first);

    const second = await start(copy);
    expect((await second.container.item("lost", "p").read()).statusCode).toBe(404);
    expect((await second.container.item("kept", "p").read()).resource?.version).toBe(1);
  });
});
