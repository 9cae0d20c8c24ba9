import type { ServiceBusClient } from "@azure/service-bus";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  deadLettered,
  emailsWithLink,
  failNextSends,
  invite,
  invocationsOf,
  partnerToken,
  serviceBus,
  sleep,
  type Created
} from "./emails-kit";

// The email server's failure switch is global to the runtime: these tests run one after another in their own.
describe("invitation emails when the email service fails", () => {
  let runtime: LocalRuntime;
  let bus: ServiceBusClient;
  let partner: string;
  const partnerTenantId = demoPartnerTenants[0];

  beforeAll(async () => {
    // Retries without waiting: the backoff's ceiling at 0 s, so ten attempts take seconds, not minutes.
    runtime = await startLocalRuntime({ env: { QUEUE_RETRY_MAX_DELAY_SECONDS: "0" } });
    bus = serviceBus(runtime);
    partner = await partnerToken(runtime, partnerTenantId);
  });
  afterEach(async () => {
    await failNextSends(runtime, 0, 500);
  });
  afterAll(async () => {
    await bus?.close();
    await runtime?.stop();
  });

  const emailCountSettles = async (created: Created, expected: number, timeout: number) => {
    await expect
      .poll(async () => (await emailsWithLink(runtime, created.invitationLink)).length, { timeout, interval: 250 })
      .toBe(expected);
    await sleep(1_500);
    expect(await emailsWithLink(runtime, created.invitationLink)).toHaveLength(expected);
  };

  it("sends exactly one email when the first sends are throttled (429, retry after 1 s)", async () => {
    await failNextSends(runtime, 2, 429, 1);
    const created = await invite(runtime, partner);
    await emailCountSettles(created, 1, 15_000);
  });

  it("sends exactly one email when the first sends fail with 500, across a retry", async () => {
    // More failures than the email client's own retries: the first attempt fails and a copy is scheduled for later.
    await failNextSends(runtime, 5, 500);
    const created = await invite(runtime, partner);
    await emailCountSettles(created, 1, 40_000);
    const messageId = `${created.id}:1:publish:0`;
    // Two attempts of the same message: the rescheduled copy keeps its message id.
    expect(invocationsOf(runtime, "processInvitationEmails", messageId)).toHaveLength(2);
  });

  it("gives up after 10 deliveries: dead-letters with RetriesExhausted and shows lastError on the relationship until a resend goes out", async () => {
    await failNextSends(runtime, 100, 500);
    const created = await invite(runtime, partner);
    const messageId = `${created.id}:1:publish:0`;
    const dead = await deadLettered(bus, "invitation-emails", messageId, 170_000);
    expect(dead?.deadLetterReason).toBe("RetriesExhausted");
    expect(invocationsOf(runtime, "processInvitationEmails", messageId)).toHaveLength(10);
    const read = await call<Created & { invitationEmail?: Record<string, unknown> }>(
      runtime,
      "GET",
      `/api/relationships/${created.id}`,
      { token: partner }
    );
    expect(read.body.lastError).toMatchObject({
      code: "invitationEmailFailed",
      message: "The invitation email could not be sent; resend it or check the address."
    });
    expect(read.body.invitationEmail).toEqual({
      state: "failed",
      attempts: 10,
      lastError: "The email service answered 500 (a server error).",
      lastAttemptDateTime: expect.any(String)
    });
    expect(await emailsWithLink(runtime, created.invitationLink)).toHaveLength(0);

    // Once the service is back, a resend goes out and answers the failure.
    await failNextSends(runtime, 0, 500);
    const resent = await call<{ invitationEmail?: unknown }>(
      runtime,
      "POST",
      `/api/relationships/${created.id}/resend`,
      { token: partner }
    );
    expect(resent.status).toBe(202);
    expect(resent.body.invitationEmail).toEqual({ state: "sending" });
    await emailCountSettles(created, 1, 15_000);
    const after = await call<Created & { invitationEmail?: unknown }>(
      runtime,
      "GET",
      `/api/relationships/${created.id}`,
      { token: partner }
    );
    expect(after.body.lastError).toBeUndefined();
    expect(after.body.invitationEmail).toEqual({ state: "sent", sentDateTime: expect.any(String) });
  }, 180_000);
});
