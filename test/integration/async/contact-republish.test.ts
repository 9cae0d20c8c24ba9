import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, drainQueue } from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

const contactBody = {
  location: "Leeds, United Kingdom",
  contact: { name: "Robin Customer", email: "robin@customer.example" },
  organisationName: "Tailspin Toys",
  organisationSize: "10-49",
  industry: "Retail",
  businessNeeds: "Help moving our mailboxes."
};

describe("Contact me when Service Bus refuses the message", () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ env: queueConsumersDisabled });
  });
  afterAll(async () => {
    await call(runtime, "POST", "/dev/clock", { body: { reset: true } });
    await runtime?.stop();
  });

  it("still answers 202 with the request stored, and the outbox timer queues its message once, later", async () => {
    const refused = await call(runtime, "POST", "/dev/service-bus/refuse-sends", {
      body: { queue: "notifications", count: 5 }
    });
    expect(refused.status).toBeLessThan(300);
    const response = await call<{ id: string }>(runtime, "POST", `/api/partners/${demoPartnerTenants[0]}/contact`, {
      body: contactBody
    });
    expect(response.status).toBe(202);
    expect(await drainQueue(runtime, "notifications")).toHaveLength(0);

    // Within the grace period the timer leaves it to the request that stored it.
    await call(runtime, "POST", "/dev/service-bus/refuse-sends", { body: { queue: "notifications", count: 0 } });
    expect((await call(runtime, "POST", "/admin/functions/timerOutbox", { body: { input: null } })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await drainQueue(runtime, "notifications", 10, 300)).toHaveLength(0);

    await call(runtime, "POST", "/dev/clock", { body: { advanceMs: 120_000 } });
    await call(runtime, "POST", "/admin/functions/timerOutbox", { body: { input: null } });
    await expect
      .poll(async () => (await drainQueue(runtime, "notifications", 10, 300)).map((m) => m.body), { timeout: 10_000 })
      .toEqual([
        { kind: "contactPartner", partnerTenantId: demoPartnerTenants[0], contactRequestId: response.body.id }
      ]);
    // Published and marked: another run publishes nothing more.
    await call(runtime, "POST", "/admin/functions/timerOutbox", { body: { input: null } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await drainQueue(runtime, "notifications", 10, 300)).toHaveLength(0);
  });
});
