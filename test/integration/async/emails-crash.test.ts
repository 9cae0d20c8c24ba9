import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, gdapInvitation, tokenOfLink } from "../../helpers/api";
import { newDataDir, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  invite,
  invocationsOf,
  mailbox,
  partnerToken,
  sendRaw,
  serviceBus,
  sleep,
  type MailSummary
} from "./emails-kit";

const total = 200;
const killAfterCreated = 100;
const concurrency = 10;

describe("invitation emails across a crash of the whole runtime", () => {
  const running: LocalRuntime[] = [];
  afterAll(async () => {
    for (const runtime of running) await runtime.stop();
  });

  it("sends exactly one email per relationship after a kill in the middle of a batch of 200 invitations and a restart on the same data", async () => {
    const dataDir = newDataDir();
    const partnerTenantId = demoPartnerTenants[0];
    const prefix = `Crash ${randomUUID().slice(0, 6)}`;
    const first = await startLocalRuntime({ dataDir });
    running.push(first);
    const firstToken = await partnerToken(first, partnerTenantId);

    // ~10 creates at a time; SIGKILL once 100 have been answered 201, with others still in flight.
    let next = 0;
    let created = 0;
    let killed: Promise<void> | undefined;
    const worker = async () => {
      while (next < total && !killed) {
        const displayName = `${prefix} ${next++}`;
        try {
          const response = await call(first, "POST", "/api/relationships", {
            token: firstToken,
            body: gdapInvitation({ displayName })
          });
          if (response.status === 201) created += 1;
        } catch {
          // cut off by the kill: this relationship may or may not exist
        }
        if (created >= killAfterCreated && !killed) killed = first.kill();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await killed;
    expect(created).toBeGreaterThanOrEqual(killAfterCreated);

    const second = await startLocalRuntime({ dataDir });
    running.push(second);
    const token = await partnerToken(second, partnerTenantId);
    const listed = await call<{ value: { id: string; displayName: string }[] }>(
      second,
      "GET",
      "/api/relationships?$top=300",
      { token }
    );
    expect(listed.status).toBe(200);
    const names = listed.body.value.map((r) => r.displayName).filter((name) => name.startsWith(prefix));
    expect(names.length).toBeGreaterThanOrEqual(created);

    // Outbox entries written but not published before the kill are re-published by the outbox timer once they
    // are older than its grace period: move the product clock past it and run the timer now instead of waiting.
    await fetch(`${second.url}/dev/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: 120_000 })
    });
    const counts = async () => countBySubjectSuffix(await mailbox(second), prefix);
    const deadline = Date.now() + 90_000;
    let latest = await counts();
    while (Date.now() < deadline && !names.every((name) => latest.get(name) === 1)) {
      await fetch(`${second.url}/admin/functions/timerOutbox`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}"
      });
      await sleep(1_000);
      latest = await counts();
    }
    const missing = names.filter((name) => latest.get(name) === undefined);
    const duplicated = [...latest].filter(([, count]) => count > 1);
    expect({ missing, duplicated }).toEqual({ missing: [], duplicated: [] });
    // Nothing for a relationship that does not exist, and nothing more arrives later.
    expect([...latest.keys()].filter((name) => !names.includes(name))).toEqual([]);
    await sleep(2_000);
    expect([...(await counts()).values()].every((count) => count === 1)).toBe(true);
  }, 180_000);

  it("sends one email when three copies of a message wait on the queue and are handled side by side", async () => {
    const dataDir = newDataDir();
    const partnerTenantId = demoPartnerTenants[0];
    // First with the handler off, so the API's message and two copies pile up; then with it on.
    const paused = await startLocalRuntime({
      dataDir,
      env: { "AzureWebJobs.processInvitationEmails.Disabled": "true" }
    });
    running.push(paused);
    const created = await invite(paused, await partnerToken(paused, partnerTenantId));
    const bus = serviceBus(paused);
    const body = { kind: "sendInvitationEmail", partnerTenantId, relationshipId: created.id, sendNumber: 1 };
    await sendRaw(bus, "invitation-emails", body, `copy-a-${created.id}`);
    await sendRaw(bus, "invitation-emails", body, `copy-b-${created.id}`);
    await bus.close();
    await paused.stop();

    const resumed = await startLocalRuntime({ dataDir });
    running.push(resumed);
    // The host's address (and so the link's) changed with the restart; the token in it did not.
    const token = tokenOfLink(created.invitationLink);
    const withToken = async () => (await mailbox(resumed)).filter((mail) => mail.text.includes(token));
    await expect
      .poll(
        () =>
          [`copy-a-${created.id}`, `copy-b-${created.id}`, `${created.id}:1:publish:0`].every(
            (id) => invocationsOf(resumed, "processInvitationEmails", id).length > 0
          ),
        { timeout: 15_000 }
      )
      .toBe(true);
    await sleep(500);
    expect(await withToken()).toHaveLength(1);
  });
});

/** Emails per relationship display name (the invitation subject ends with ": <display name>"). */
function countBySubjectSuffix(mails: readonly MailSummary[], prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of mails) {
    const name = mail.subject.slice(mail.subject.lastIndexOf(": ") + 2);
    if (name.startsWith(prefix)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}
