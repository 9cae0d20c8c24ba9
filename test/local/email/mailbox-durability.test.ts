import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startEmailServer, type EmailServer } from "../../../local/email/index";
import type { FileIo } from "../../../local/storage/file-io";
import { clientFor, sampleMessage, sendAndWait } from "./email-kit";
import { smallDisk, type SmallDisk } from "../small-disk";

interface Started {
  readonly server: EmailServer;
  readonly lines: string[];
}

const running: EmailServer[] = [];
const folders: string[] = [];

async function start(dataDir: string, io?: FileIo): Promise<Started> {
  const lines: string[] = [];
  const server = await startEmailServer({ dataDir, log: (line) => lines.push(line), ...(io ? { io } : {}) });
  running.push(server);
  return { server, lines };
}

async function stop(started: Started): Promise<void> {
  running.splice(running.indexOf(started.server), 1);
  await started.server.stop();
}

function newFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "mailbox-durability-"));
  folders.push(dir);
  return dir;
}

const subjects = (server: EmailServer) =>
  server.mailbox
    .list()
    .map((message) => message.subject.split(" ")[0])
    .sort();
const withSubject = (subject: string, size = 0) =>
  sampleMessage({ content: { subject, plainText: `body ${"z".repeat(size)}` } });

afterEach(async () => {
  for (const server of running.splice(0)) await server.stop().catch(() => undefined);
});
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("mailbox file damage", () => {
  it("skips a damaged line and a cut-short last line, logging file and line but no content, and keeps the rest", async () => {
    const dir = join(newFolder(), "email");
    const first = await start(dir);
    for (const subject of ["first", "secret-damaged", "third", "unfinished"])
      await sendAndWait(clientFor(first.server.connectionString), withSubject(subject));
    await stop(first);
    const file = join(dir, "mailbox.jsonl");
    const lines = readFileSync(file, "utf8").split("\n");
    lines[1] = (lines[1] as string).slice(0, 40) + "\u0000" + (lines[1] as string).slice(40);
    lines[3] = (lines[3] as string).slice(0, 50);
    writeFileSync(file, lines.slice(0, 4).join("\n"));

    const second = await start(dir);
    expect(subjects(second.server)).toEqual(["first", "third"]);
    const warnings = second.lines.filter((line) => line.includes("skipped"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(`${file} line 2`);
    expect(warnings[1]).toContain(`${file} line 4`);
    expect(warnings[1]).toContain("cut short");
    expect(second.lines.join("\n")).not.toContain("secret-damaged");

    // The next message starts on a line of its own and survives the next restart.
    await sendAndWait(clientFor(second.server.connectionString), withSubject("later"));
    await stop(second);
    const third = await start(dir);
    expect(subjects(third.server)).toEqual(["first", "later", "third"]);
    expect(third.lines.filter((line) => line.includes("skipped"))).toHaveLength(1);
  });
});

describe("mailbox on a full disk", () => {
  let disk: SmallDisk | undefined;
  afterEach(() => {
    disk?.dispose();
    disk = undefined;
  });

  it("answers 503 with retry-after, keeps the mailbox readable, accepts mail again once space is back, and loses no accepted email", async () => {
    disk = smallDisk();
    const dir = join(disk.dir, "email");
    const first = await start(dir, disk.io);
    const client = clientFor(first.server.connectionString, {
      retryOptions: { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 20 }
    });
    await sendAndWait(client, withSubject("before"));
    disk.fill(32 * 1024);

    // Too big for what is left: part of it reaches the file before the disk runs out.
    const refused = await sendAndWait(client, withSubject("too-big", 200 * 1024)).catch((error: unknown) => error);
    expect((refused as { statusCode?: number }).statusCode).toBe(503);
    expect(
      (refused as { response?: { headers: { get(name: string): string | undefined } } }).response?.headers.get(
        "retry-after"
      )
    ).toBe("1");
    disk.fill(0);
    const operationId = randomUUID();
    const another = await sendAndWait(client, withSubject("while-full", 8192), operationId).catch(
      (error: unknown) => error
    );
    expect((another as { statusCode?: number }).statusCode).toBe(503);
    expect(subjects(first.server)).toEqual(["before"]);
    const crashed = disk.crashCopy();

    disk.free();
    // The SDK's retry of the refused send (same operation id) goes through once there is space.
    await sendAndWait(client, withSubject("while-full", 8192), operationId);
    const crashedLater = disk.crashCopy();
    await stop(first);

    const fromCrash = await start(join(crashed, "email"));
    expect(subjects(fromCrash.server)).toEqual(["before"]);
    await stop(fromCrash);
    const fromLaterCrash = await start(join(crashedLater, "email"));
    expect(subjects(fromLaterCrash.server)).toEqual(["before", "while-full"]);
    expect(fromLaterCrash.lines.filter((line) => line.includes("skipped"))).toEqual([]);
    expect(first.lines.some((line) => line.includes("503") && line.includes("ENOSPC"))).toBe(true);
  });
});
