import { isServiceBusError, type ServiceBusClient } from "@azure/service-bus";
import { cpSync, fdatasync, ftruncateSync, mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { QueueDeclaration } from "../../../shared/messaging/queues";
import { startServiceBusEmulator, type ServiceBusEmulator } from "../../../local/service-bus/index";
import type { FileIo } from "../../../local/storage/file-io";
import { newClient, receiveAtLeast, testQueue } from "../../helpers/service-bus";
import { smallDisk, type SmallDisk } from "../small-disk";

interface Bus {
  readonly emulator: ServiceBusEmulator;
  readonly client: ServiceBusClient;
  readonly lines: string[];
}

const running: Bus[] = [];
const folders: string[] = [];

async function start(queue: QueueDeclaration, dataDir: string, io?: FileIo): Promise<Bus> {
  const lines: string[] = [];
  const emulator = await startServiceBusEmulator({
    port: 0,
    queues: [queue],
    dataDir,
    log: (line) => lines.push(line),
    ...(io ? { io } : {})
  });
  const bus = { emulator, client: newClient(emulator.connectionString), lines };
  running.push(bus);
  return bus;
}

async function stop(bus: Bus): Promise<void> {
  running.splice(running.indexOf(bus), 1);
  await bus.client.close();
  await bus.emulator.stop();
}

function newFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "service-bus-durability-"));
  folders.push(dir);
  return dir;
}

function firstWord(body: unknown): string {
  return String(body).split(" ")[0] as string;
}

/** The SDK wraps the errors of its retries in an AggregateError; the last one says why it gave up. */
function codeOf(error: unknown): string {
  if (error instanceof AggregateError) return codeOf(error.errors.at(-1));
  return isServiceBusError(error) ? error.code : String(error);
}

function crashCopy(dir: string): string {
  const copy = join(newFolder(), "service-bus");
  cpSync(dir, copy, { recursive: true });
  return copy;
}

async function bodiesIn(bus: Bus, queue: string, expected: number): Promise<string[]> {
  const receiver = bus.client.createReceiver(queue, { receiveMode: "receiveAndDelete" });
  const received = await receiveAtLeast(receiver, expected, 3000);
  // Nothing more than expected may be there either.
  received.push(...(await receiver.receiveMessages(10, { maxWaitTimeInMs: 300 })));
  await receiver.close();
  return received.map((message) => firstWord(message.body)).sort();
}

afterEach(async () => {
  for (const bus of running.splice(0)) {
    await bus.client.close().catch(() => undefined);
    await bus.emulator.stop().catch(() => undefined);
  }
});
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("Service Bus emulator: journal damage", () => {
  it("skips a damaged line in the middle and a cut-short last line, logging file and line but no content, and keeps the rest", async () => {
    const queue = testQueue("damaged");
    const dir = join(newFolder(), "service-bus");
    const first = await start(queue, dir);
    const sender = first.client.createSender(queue.name);
    for (const body of ["first", "secret-damaged", "third", "unfinished"]) await sender.sendMessages({ body });
    const copy = crashCopy(dir);
    await stop(first);
    const journal = join(copy, "service-bus.journal.jsonl");
    const lines = readFileSync(journal, "utf8").split("\n");
    // Records carry the message base64-encoded: find them by sequence number (1..4 in send order).
    const lineOf = (seq: number) => lines.findIndex((line) => line.includes(`"s":${seq},`));
    const damaged = lineOf(2);
    const unfinished = lineOf(4);
    lines[damaged] = (lines[damaged] as string).slice(0, 20) + "\u0000garbage" + (lines[damaged] as string).slice(20);
    lines[unfinished] = (lines[unfinished] as string).slice(0, 30);
    writeFileSync(journal, lines.slice(0, unfinished + 1).join("\n"));

    const second = await start(queue, copy);
    expect(await bodiesIn(second, queue.name, 2)).toEqual(["first", "third"]);
    const warnings = second.lines.filter((line) => line.includes("skipped"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(`service-bus.journal.jsonl line ${damaged + 1}`);
    expect(warnings[1]).toContain(`service-bus.journal.jsonl line ${unfinished + 1}`);
    expect(warnings[1]).toContain("cut short");
    expect(second.lines.join("\n")).not.toContain("garbage");
  });
});

describe("Service Bus emulator: flushing to the device", () => {
  it("acknowledges a send only once it is flushed: a failed flush refuses it and the message never appears", async () => {
    const queue = testQueue("flush");
    const dir = join(newFolder(), "service-bus");
    let failFlushes = false;
    const io: FileIo = {
      write: (fd, buffer, offset, length) => writeSync(fd, buffer, offset, length),
      datasync: (fd, done) =>
        failFlushes
          ? setImmediate(() => done(Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" })))
          : fdatasync(fd, done),
      truncate: (fd, length) => ftruncateSync(fd, length)
    };
    const bus = await start(queue, dir, io);
    const sender = bus.client.createSender(queue.name);
    await sender.sendMessages({ body: "kept" });
    failFlushes = true;
    const refused = await sender.sendMessages({ body: "lost" }).catch((error: unknown) => error);
    expect(codeOf(refused)).toBe("ServiceBusy");
    expect(bus.emulator.counts()[queue.name]).toMatchObject({ active: 1 });
    const copy = crashCopy(dir);
    failFlushes = false;
    await stop(bus);

    const again = await start(queue, copy);
    expect(await bodiesIn(again, queue.name, 1)).toEqual(["kept"]);
  });
});

describe("Service Bus emulator on a full disk", () => {
  let disk: SmallDisk | undefined;
  afterEach(() => {
    disk?.dispose();
    disk = undefined;
  });

  it("refuses sends and settlements as server-busy, keeps delivering, works again once space is back, and loses no acknowledged message", async () => {
    disk = smallDisk();
    const queue = testQueue("full");
    const dir = join(disk.dir, "service-bus");
    const first = await start(queue, dir, disk.io);
    const sender = first.client.createSender(queue.name);
    // Records bigger than a page, so a refused change cannot slip into the free end of the journal's last page.
    const big = (label: string) => `${label} ${"y".repeat(8192)}`;
    await sender.sendMessages([{ body: big("before-1") }, { body: "before-2" }]);
    disk.fill(32 * 1024);

    // Too big for what is left: part of it reaches the file before the disk runs out.
    const refused = await sender.sendMessages({ body: "x".repeat(200 * 1024) }).catch((error: unknown) => error);
    expect(codeOf(refused)).toBe("ServiceBusy");
    disk.fill(0);
    const another = await sender.sendMessages({ body: big("while-full") }).catch((error: unknown) => error);
    expect(codeOf(another)).toBe("ServiceBusy");

    // Delivery keeps working; a settlement that cannot be saved fails and leaves the message locked, as it was.
    const noRetries = newClient(first.emulator.connectionString, { maxRetries: 0 });
    const receiver = noRetries.createReceiver(queue.name, { maxAutoLockRenewalDurationInMs: 0 });
    const [message] = await receiveAtLeast(receiver, 1);
    expect(firstWord(message?.body)).toBe("before-1");
    const deadLettering = await receiver
      .deadLetterMessage(message as NonNullable<typeof message>)
      .catch((error: unknown) => error);
    expect(codeOf(deadLettering)).toBe("ServiceBusy");
    expect(first.emulator.counts()[queue.name]).toMatchObject({ active: 1, locked: 1, deadLettered: 0 });
    const crashed = disk.crashCopy();

    disk.free();
    const [second] = await receiveAtLeast(receiver, 1);
    expect(second?.body).toBe("before-2");
    await receiver.completeMessage(second as NonNullable<typeof second>);
    await sender.sendMessages({ body: "after-space-returned" });
    const crashedLater = disk.crashCopy();
    await noRetries.close();
    await stop(first);

    // A crash while the disk was full, and one after space came back: every acknowledged change is there.
    const fromCrash = await start(queue, join(crashed, "service-bus"));
    expect(await bodiesIn(fromCrash, queue.name, 2)).toEqual(["before-1", "before-2"]);
    await stop(fromCrash);
    const fromLaterCrash = await start(queue, join(crashedLater, "service-bus"));
    expect(await bodiesIn(fromLaterCrash, queue.name, 2)).toEqual(["after-space-returned", "before-1"]);
    expect(fromLaterCrash.lines.filter((line) => line.includes("skipped"))).toEqual([]);
    await stop(fromLaterCrash);
    const restarted = await start(queue, dir, disk.io);
    expect(await bodiesIn(restarted, queue.name, 2)).toEqual(["after-space-returned", "before-1"]);
    expect(first.lines.filter((line) => line.includes("refusing changes"))).toHaveLength(1);
    expect(first.lines.some((line) => line.includes("ENOSPC"))).toBe(true);
    expect(first.lines.some((line) => line.includes("saved again"))).toBe(true);
  });
});
