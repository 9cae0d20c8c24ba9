import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { batchesPath, customers, isFinished, newTemplate, readBatch, waitForBatch, type Batch } from "./bulk-kit";
import { invocationsOf, mailbox, partnerToken } from "./emails-kit";
import { advanceClock, productNow } from "./timer-helpers";

// Five invitations an hour: a batch of eight must wait for the next hour for its last three.
const env = {
  LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: "5",
  LIMIT_INVITATIONS_PER_PARTNER_PER_DAY: "1000",
  LIMIT_INVITATION_BATCHES_PER_PARTNER_PER_HOUR: "2"
};
const secondsBeforeTheHour = 20;

describe("a bulk batch slowed by the invitation limits", () => {
  let runtime: LocalRuntime;
  let token: string;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ env });
    token = await partnerToken(runtime, demoPartnerTenants[0]);
    // The product's clock a little before an hour ends, so the next window opens while the test watches.
    const now = await productNow(runtime);
    const nextHour = Math.ceil((now.getTime() + 1) / 3_600_000) * 3_600_000;
    await advanceClock(runtime, { ms: nextHour - now.getTime() - secondsBeforeTheHour * 1_000 });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("never goes faster than the limit: waits with its estimated completion, and the scheduled step finishes it when the window opens", async () => {
    const template = await newTemplate(runtime, token);
    const submitted = await call<Batch>(runtime, "POST", batchesPath, {
      token,
      body: { templateId: template.id, customers: customers(8) }
    });
    expect(submitted.status).toBe(202);
    const now = await productNow(runtime);
    const nextHour = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
    // Said at once: five now, three when the next hour opens.
    expect(Date.parse(submitted.body.estimatedCompletionDateTime ?? "")).toBeGreaterThanOrEqual(nextHour.getTime());
    expect(Date.parse(submitted.body.estimatedCompletionDateTime ?? "")).toBeLessThan(nextHour.getTime() + 60_000);

    const waiting = await waitForBatch(
      runtime,
      token,
      submitted.body.id,
      (batch) => batch.status === "waiting",
      15_000
    );
    expect(waiting.counts).toEqual({ total: 8, invited: 5, failed: 0, pending: 3 });
    expect(waiting.waiting).toEqual({ limit: "invitationsPerPartnerPerHour", untilDateTime: nextHour.toISOString() });
    expect(Date.parse(waiting.estimatedCompletionDateTime ?? "")).toBeGreaterThanOrEqual(nextHour.getTime());
    // The partner's own requests meet the same limit meanwhile.
    const direct = await call(runtime, "POST", "/api/relationships", {
      token,
      body: { templateId: template.id, displayName: "One more", customer: { adminEmail: "one.more@customer.example" } }
    });
    expect(direct.status).toBe(429);

    // The step scheduled for the window's end (not a retry: nothing failed) invites the rest.
    const done = await waitForBatch(
      runtime,
      token,
      submitted.body.id,
      isFinished,
      (secondsBeforeTheHour + 30) * 1_000,
      250
    );
    expect(done.status).toBe("completed");
    expect(done.counts).toEqual({ total: 8, invited: 8, failed: 0, pending: 0 });
    expect(Date.parse((await productNow(runtime)).toISOString())).toBeGreaterThanOrEqual(nextHour.getTime());
    const resumed = invocationsOf(runtime, "processInvitationBatches", `${submitted.body.id}:step:2`);
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed.every((line) => line.outcome === "succeeded")).toBe(true);
    expect((await readBatch(runtime, token, submitted.body.id)).waiting).toBeUndefined();
    await expect
      .poll(async () => (await mailbox(runtime)).filter((mail) => mail.subject.includes(template.displayName)).length, {
        timeout: 15_000
      })
      .toBe(8);
  }, 90_000);

  it("limits how many batches a partner submits an hour (each is a large write, whatever its rows): a 429 that says when, and nothing written", async () => {
    const template = await newTemplate(runtime, token);
    const before = (await call<{ value: unknown[] }>(runtime, "GET", `${batchesPath}?$top=100`, { token })).body.value
      .length;
    // A batch of bad rows only costs the write of the batch: it is counted all the same.
    const submit = () =>
      call<Batch & { limit?: string; retryAfterDateTime?: string }>(runtime, "POST", batchesPath, {
        token,
        body: { templateId: template.id, customers: [{ tenantId: "not-a-tenant", adminEmail: "nobody" }] }
      });
    const statuses = [(await submit()).status, (await submit()).status];
    const refused = await submit();
    expect([...statuses, refused.status]).toEqual([202, 202, 429]);
    expect(refused.body.limit).toBe("invitationBatchesPerPartnerPerHour");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const nextHour = Math.ceil((await productNow(runtime)).getTime() / 3_600_000) * 3_600_000;
    expect(Date.parse(refused.body.retryAfterDateTime ?? "")).toBe(nextHour);
    expect(
      (await call<{ value: unknown[] }>(runtime, "GET", `${batchesPath}?$top=100`, { token })).body.value
    ).toHaveLength(before + 2);
  });
});
