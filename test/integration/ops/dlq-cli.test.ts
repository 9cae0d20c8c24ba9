import { spawn } from "node:child_process";
import { join } from "node:path";
import type { ServiceBusClient } from "@azure/service-bus";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants } from "../../helpers/api";
import { repoRoot, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { emailsWithLink, failNextSends, invite, partnerToken, sendRaw, serviceBus, until } from "../async/emails-kit";

interface Listed {
  queue: string;
  count: number;
  more: boolean;
  messages: {
    sequenceNumber: string;
    enqueuedTime?: string;
    deliveryCount?: number;
    reason?: string;
    description?: string;
    messageId?: string;
  }[];
}

const cliPath = join(repoRoot, "dist", "ops", "dlq", "cli.js");

// Issue 10, item 14: dead-lettered messages could be neither seen, replayed nor purged.
describe("npm run dlq against the local runtime", () => {
  let runtime: LocalRuntime;
  let bus: ServiceBusClient;
  let partner: string;

  beforeAll(async () => {
    // Ten attempts in seconds: no backoff, and the email server's 429s ask for no wait.
    runtime = await startLocalRuntime({ env: { QUEUE_RETRY_MAX_DELAY_SECONDS: "0" } });
    bus = serviceBus(runtime);
    partner = await partnerToken(runtime, demoPartnerTenants[1]);
  });
  afterEach(async () => {
    await failNextSends(runtime, 0, 500);
  });
  afterAll(async () => {
    await bus?.close();
    await runtime?.stop();
  });

  const dlq = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // No local.settings.json is read from the test's own directory: the environment names this runtime's emulator.
      const child = spawn(process.execPath, [cliPath, ...args], {
        cwd: repoRoot,
        env: { ...process.env, ServiceBus: runtime.serviceBus.connectionString }
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  const listed = async (queue: string): Promise<Listed> => {
    const result = await dlq("list", queue, "--json");
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Listed;
  };
  const deadLetterOf = async (queue: string, messageId: string) =>
    (
      await until(
        () => listed(queue),
        (list) => list.messages.some((m) => m.messageId === messageId),
        60_000,
        500
      )
    ).messages.find((m) => m.messageId === messageId);

  it("lists a message the email handler gave up on, shows it, and replays it: the email goes out once and the dead letter is gone", async () => {
    await failNextSends(runtime, 10_000, 429, 0);
    const created = await invite(runtime, partner);
    const messageId = `${created.id}:1:publish:0`;
    const dead = await deadLetterOf("invitation-emails", messageId);
    expect(dead).toMatchObject({
      reason: "RetriesExhausted",
      description: expect.stringContaining("The email service answered 429"),
      sequenceNumber: expect.stringMatching(/^\d+$/)
    });
    const seq = dead?.sequenceNumber as string;

    const text = await dlq("list", "invitation-emails");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^invitation-emails: \d+ dead-lettered message/);
    expect(text.stdout).toContain(messageId);
    expect(text.stdout).toContain("RetriesExhausted");
    expect(text.stdout).not.toContain(created.invitationLink);

    const shown = await dlq("show", "invitation-emails", seq);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`"relationshipId": "${created.id}"`);
    expect(shown.stdout).toContain("RetriesExhausted");

    await failNextSends(runtime, 0, 500);
    const replayed = await dlq("replay", "invitation-emails", seq);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toContain(`replayed 1 message(s) from invitation-emails: ${seq}`);
    await expect
      .poll(async () => (await emailsWithLink(runtime, created.invitationLink)).length, {
        timeout: 20_000,
        interval: 250
      })
      .toBe(1);
    expect((await listed("invitation-emails")).messages.map((m) => m.sequenceNumber)).not.toContain(seq);
    const read = await until(
      () =>
        call<{ invitationEmail?: { state: string }; lastError?: unknown }>(
          runtime,
          "GET",
          `/api/relationships/${created.id}`,
          { token: partner }
        ),
      (response) => response.body.invitationEmail?.state === "sent"
    );
    expect(read.body.lastError).toBeUndefined();

    // Nothing is left under that number: said so, with a failing exit code.
    const again = await dlq("replay", "invitation-emails", seq);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`not found in invitation-emails/$DeadLetterQueue: ${seq}`);
  }, 120_000);

  it("purges one dead letter by sequence number, then all of them, and lists an empty queue", async () => {
    const ids = ["purge-a", "purge-b", "purge-c"].map((label) => `${label}-${Date.now()}`);
    for (const id of ids) await sendRaw(bus, "notifications", { kind: "notAMessage", id }, id);
    for (const id of ids) await deadLetterOf("notifications", id);
    const first = (await listed("notifications")).messages.find((m) => m.messageId === ids[0]);
    expect(first?.reason).toBe("InvalidPayload");

    const one = await dlq("purge", "notifications", first?.sequenceNumber as string);
    expect(one.code, one.stderr).toBe(0);
    expect((await listed("notifications")).messages.map((m) => m.messageId)).toEqual(
      expect.not.arrayContaining([ids[0]])
    );

    const refused = await dlq("purge", "notifications");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--all");

    const all = await dlq("purge", "notifications", "--all");
    expect(all.code, all.stderr).toBe(0);
    expect(await listed("notifications")).toMatchObject({ queue: "notifications", count: 0, messages: [] });
    expect((await dlq("list", "notifications")).stdout).toMatch(/^notifications: 0 dead-lettered messages/);
  }, 90_000);

  it("names an unknown queue or command plainly, with exit code 2", async () => {
    const unknownQueue = await dlq("list", "no-such-queue");
    expect(unknownQueue.code).toBe(2);
    expect(unknownQueue.stderr).toContain("invitation-emails, role-grants, notifications");
    const unknownCommand = await dlq("explode", "notifications");
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/list\|show\|replay\|purge/);
  });
});
