import { randomUUID } from "node:crypto";
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmailServer } from "../../../local/email/index";
import { clientFor, sampleMessage, sendAndWait, startTestEmailServer, type TestEmailServer } from "./email-kit";

describe("local email server: persistence", () => {
  let email: TestEmailServer;

  beforeEach(async () => {
    email = await startTestEmailServer();
  });
  afterEach(async () => {
    await email.dispose();
  });

  it("keeps messages, newest first, across a restart on the same dataDir", async () => {
    const first = sampleMessage();
    const second = sampleMessage();
    await sendAndWait(clientFor(email.server.connectionString), first);
    await sendAndWait(clientFor(email.server.connectionString), second, randomUUID());
    const before = email.server.mailbox.list();

    const restarted = await email.restart();

    expect(restarted.mailbox.list()).toEqual(before);
    expect(restarted.mailbox.list().map((m) => m.subject)).toEqual([second.content.subject, first.content.subject]);
  });

  it("writes each accepted message to mailbox.jsonl before answering", async () => {
    const message = sampleMessage();

    await sendAndWait(clientFor(email.server.connectionString), message);

    const lines = readFileSync(join(email.dataDir, "mailbox.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ subject: message.content.subject });
  });

  it("still treats an operation id as already sent after a restart", async () => {
    const operationId = randomUUID();
    await sendAndWait(clientFor(email.server.connectionString), sampleMessage(), operationId);

    const restarted = await email.restart();
    const result = await sendAndWait(clientFor(restarted.connectionString), sampleMessage(), operationId);

    expect(result).toEqual({ id: operationId, status: "Succeeded" });
    expect(restarted.mailbox.list()).toHaveLength(1);
  });

  it("restores the intact lines and keeps appending when the last write was cut short", async () => {
    const kept = sampleMessage();
    await sendAndWait(clientFor(email.server.connectionString), kept);
    await email.server.stop();
    appendFileSync(join(email.dataDir, "mailbox.jsonl"), '{"id":"half-writ');
    const lines: string[] = [];

    const reopened = await startEmailServer({ dataDir: email.dataDir, log: (line) => lines.push(line) });
    const later = sampleMessage();
    await sendAndWait(clientFor(reopened.connectionString), later);
    await reopened.stop();
    const restarted = await email.restart();

    expect(lines.some((line) => line.includes("mailbox.jsonl line 2: skipped") && line.includes("cut short"))).toBe(
      true
    );
    expect(restarted.mailbox.list().map((m) => m.subject)).toEqual([later.content.subject, kept.content.subject]);
  });

  it("stays empty after a restart once cleared", async () => {
    await sendAndWait(clientFor(email.server.connectionString), sampleMessage());

    email.server.mailbox.clear();
    const restarted = await email.restart();

    expect(restarted.mailbox.list()).toEqual([]);
  });

  it("keeps nothing on disk when started without a dataDir", async () => {
    const memoryOnly = await startEmailServer();
    await sendAndWait(clientFor(memoryOnly.connectionString), sampleMessage());
    const count = memoryOnly.mailbox.list().length;
    await memoryOnly.stop();

    const fresh = await startEmailServer();
    const freshCount = fresh.mailbox.list().length;
    await fresh.stop();

    expect([count, freshCount]).toEqual([1, 0]);
  });
});
