import { ServiceBusClient } from "@azure/service-bus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

interface QueueRecord {
  fn: string;
  body: unknown;
  metadata: Record<string, unknown>;
  startedAt: number;
  endedAt?: number;
}

describe("local Functions host: Service Bus queue triggers", () => {
  let runtime: LocalRuntime;
  let client: ServiceBusClient;
  const records = async (fn: string): Promise<QueueRecord[]> =>
    (
      (await (await fetch(`${runtime.url}/api/fixture/queue-records`)).json()) as { records: QueueRecord[] }
    ).records.filter((r) => r.fn === fn);
  const maxActive = async () =>
    ((await (await fetch(`${runtime.url}/api/fixture/queue-records`)).json()) as { maxActive: number }).maxActive;

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      functions: ["dist/test/fixtures/queues/*.js"],
      args: [
        "--queue",
        "fixture-record",
        "--queue",
        "fixture-poison:1:3",
        "--queue",
        "fixture-slow:2",
        "--queue",
        "fixture-concurrency",
        "--queue",
        "fixture-forward"
      ],
      env: { AzureFunctionsJobHost__extensions__serviceBus__maxConcurrentCalls: "3" }
    });
    client = new ServiceBusClient(runtime.serviceBus.connectionString, {
      retryOptions: { maxRetries: 1, timeoutInMs: 5_000 }
    });
  });
  afterAll(async () => {
    await client?.close();
    await runtime?.stop();
  });

  it("hands the handler the decoded body and the message's trigger metadata, then completes the message", async () => {
    const sender = client.createSender("fixture-record");
    await sender.sendMessages({
      body: { relationshipId: "r-1" },
      messageId: "msg-record-1",
      correlationId: "corr-1",
      subject: "invitation",
      applicationProperties: { kind: "test" }
    });
    await sender.close();
    await expect
      .poll(async () => (await records("recordMessage")).some((r) => r.metadata.messageId === "msg-record-1"))
      .toBe(true);
    const entry = (await records("recordMessage")).find((r) => r.metadata.messageId === "msg-record-1") as QueueRecord;
    expect(entry.body).toEqual({ relationshipId: "r-1" });
    expect(entry.metadata).toMatchObject({
      deliveryCount: 1,
      correlationId: "corr-1",
      subject: "invitation",
      applicationProperties: { kind: "test" }
    });
    expect(Date.parse(entry.metadata.enqueuedTimeUtc as string)).toBeGreaterThan(0);
    expect(Date.parse(entry.metadata.lockedUntilUtc as string)).toBeGreaterThan(
      Date.parse(entry.metadata.enqueuedTimeUtc as string)
    );
    // Completed: nothing is left to peek at.
    const receiver = client.createReceiver("fixture-record");
    await expect.poll(async () => (await receiver.peekMessages(10)).length).toBe(0);
    await receiver.close();
  });

  it("retries a handler that always throws and dead-letters the message after the max delivery count", async () => {
    const sender = client.createSender("fixture-poison");
    await sender.sendMessages({ body: "poison", messageId: "msg-poison-1" });
    await sender.close();
    const deadLetters = client.createReceiver("fixture-poison", { subQueueType: "deadLetter" });
    const [dead] = await deadLetters.receiveMessages(1, { maxWaitTimeInMs: 20_000 });
    expect(dead?.messageId).toBe("msg-poison-1");
    expect(dead?.deadLetterReason).toBe("MaxDeliveryCountExceeded");
    await deadLetters.completeMessage(dead!);
    await deadLetters.close();
    const attempts = (await records("alwaysFails")).filter((r) => r.metadata.messageId === "msg-poison-1");
    expect(attempts.map((r) => r.metadata.deliveryCount)).toEqual([1, 2, 3]);
  });

  it("keeps renewing the lock of a handler slower than the lock duration, so it runs once", async () => {
    const sender = client.createSender("fixture-slow");
    await sender.sendMessages({ body: "slow", messageId: "msg-slow-1" });
    await sender.close();
    await expect
      .poll(async () => (await records("slowHandler")).filter((r) => r.endedAt).length, { timeout: 15_000 })
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // a lost lock would redeliver within one lock period
    expect(await records("slowHandler")).toHaveLength(1);
    const receiver = client.createReceiver("fixture-slow");
    expect(await receiver.peekMessages(10)).toHaveLength(0);
    await receiver.close();
  });

  it("never runs more than maxConcurrentCalls handlers at once", async () => {
    const sender = client.createSender("fixture-concurrency");
    await sender.sendMessages(Array.from({ length: 20 }, (_, i) => ({ body: i })));
    await sender.close();
    await expect
      .poll(async () => (await records("concurrent")).filter((r) => r.endedAt).length, { timeout: 15_000 })
      .toBe(20);
    expect(await maxActive()).toBe(3);
  });

  it("sends messages set on a Service Bus output binding after the invocation succeeds", async () => {
    const sender = client.createSender("fixture-forward");
    await sender.sendMessages({ body: { n: 7 } });
    await sender.close();
    await expect
      .poll(async () =>
        (await records("recordMessage")).some((r) => JSON.stringify(r.body) === JSON.stringify({ forwarded: { n: 7 } }))
      )
      .toBe(true);
  });

  it("runs a queue-triggered function once through the admin API", async () => {
    const response = await fetch(`${runtime.url}/admin/functions/recordMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: { via: "admin" } })
    });
    expect(response.status).toBe(202);
    await expect
      .poll(async () =>
        (await records("recordMessage")).some((r) => JSON.stringify(r.body) === JSON.stringify({ via: "admin" }))
      )
      .toBe(true);
  });
});
