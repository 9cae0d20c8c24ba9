import type { ServiceBusReceivedMessage } from "@azure/service-bus";
import { afterAll, beforeAll, describe, it } from "vitest";
import { receiveAtLeast, startTestBus, testQueue, type TestBus } from "../../helpers/service-bus";

const queues = {
  properties: testQueue("properties"),
  bodies: testQueue("bodies"),
  stamped: testQueue("stamped"),
  annotations: testQueue("annotations", { lockDurationSeconds: 30 }),
  batch: testQueue("batch"),
  messageBatch: testQueue("message-batch"),
  receiveAndDelete: testQueue("receive-and-delete"),
  subscribe: testQueue("subscribe"),
  drain: testQueue("drain"),
  concurrent: testQueue("concurrent"),
  viaManagement: testQueue("via-management")
};

let bus: TestBus;

beforeAll(async () => {
  bus = await startTestBus(Object.values(queues));
});

afterAll(async () => {
  await bus.close();
});

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.concurrent("Service Bus emulator: sending and receiving", () => {
  it("round-trips message id, correlation id, subject, content type, application properties and a JSON body", async ({
    expect
  }) => {
    const sender = bus.client.createSender(queues.properties.name);
    await sender.sendMessages({
      body: { partnerId: "p-1", roles: ["reader", "writer"], nested: { n: 3 } },
      messageId: "message-1",
      correlationId: "correlation-1",
      subject: "invitation",
      contentType: "application/json",
      applicationProperties: { tenant: "t-1", attempt: 2, ratio: 0.5, urgent: true }
    });
    const receiver = bus.client.createReceiver(queues.properties.name);
    const [message] = await receiver.receiveMessages(1, { maxWaitTimeInMs: 3000 });
    expect(message?.body).toEqual({ partnerId: "p-1", roles: ["reader", "writer"], nested: { n: 3 } });
    expect(message?.messageId).toBe("message-1");
    expect(message?.correlationId).toBe("correlation-1");
    expect(message?.subject).toBe("invitation");
    expect(message?.contentType).toBe("application/json");
    expect(message?.applicationProperties).toEqual({ tenant: "t-1", attempt: 2, ratio: 0.5, urgent: true });
    await receiver.completeMessage(message as ServiceBusReceivedMessage);
    await sender.close();
    await receiver.close();
  });

  it("round-trips string and Buffer bodies", async ({ expect }) => {
    const sender = bus.client.createSender(queues.bodies.name);
    await sender.sendMessages({ body: "plain text", messageId: "text" });
    await sender.sendMessages({ body: Buffer.from([0, 1, 2, 250, 255]), messageId: "bytes" });
    const receiver = bus.client.createReceiver(queues.bodies.name);
    const messages = await receiveAtLeast(receiver, 2);
    const byId = new Map(messages.map((message) => [message.messageId, message]));
    expect(byId.get("text")?.body).toBe("plain text");
    expect(Buffer.isBuffer(byId.get("bytes")?.body)).toBe(true);
    expect([...(byId.get("bytes")?.body as Buffer)]).toEqual([0, 1, 2, 250, 255]);
    for (const message of messages) await receiver.completeMessage(message);
    await receiver.close();
  });

  it("stamps a message id when the sender gives none", async ({ expect }) => {
    const sender = bus.client.createSender(queues.stamped.name);
    await sender.sendMessages([{ body: "first" }, { body: "second" }]);
    const receiver = bus.client.createReceiver(queues.stamped.name, { receiveMode: "receiveAndDelete" });
    const messages = await receiveAtLeast(receiver, 2);
    const ids = messages.map((message) => message.messageId);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(2);
    await receiver.close();
  });

  it("annotates deliveries with sequence number, enqueued time and locked-until, and tags them with a GUID lock token", async ({
    expect
  }) => {
    const before = Date.now();
    const sender = bus.client.createSender(queues.annotations.name);
    await sender.sendMessages({ body: "one" });
    await sender.sendMessages({ body: "two" });
    const receiver = bus.client.createReceiver(queues.annotations.name);
    const messages = await receiveAtLeast(receiver, 2);
    expect(messages.map((message) => message.sequenceNumber?.toNumber())).toEqual([1, 2]);
    for (const message of messages) {
      const enqueued = message.enqueuedTimeUtc?.getTime() ?? 0;
      expect(enqueued).toBeGreaterThanOrEqual(before - 5);
      expect(enqueued).toBeLessThanOrEqual(Date.now());
      const lockedFor = (message.lockedUntilUtc?.getTime() ?? 0) - Date.now();
      expect(lockedFor).toBeGreaterThan(25_000);
      expect(lockedFor).toBeLessThanOrEqual(30_000);
      expect(message.lockToken).toMatch(guid);
      expect(message.deliveryCount).toBe(0);
    }
    expect(messages[0]?.lockToken).not.toBe(messages[1]?.lockToken);
    for (const message of messages) await receiver.completeMessage(message);
    await receiver.close();
  });

  it("settles through $management once the receiving link is gone, so link and management lock tokens agree", async ({
    expect
  }) => {
    await bus.client.createSender(queues.viaManagement.name).sendMessages({ body: "late settle" });
    const first = bus.client.createReceiver(queues.viaManagement.name);
    const [message] = await first.receiveMessages(1, { maxWaitTimeInMs: 3000 });
    await first.close();
    const second = bus.client.createReceiver(queues.viaManagement.name);
    await second.completeMessage(message as ServiceBusReceivedMessage);
    expect(
      await second.peekMessages(10, { fromSequenceNumber: (message as ServiceBusReceivedMessage).sequenceNumber })
    ).toEqual([]);
    await second.close();
  });

  it("delivers each message of a sendMessages([...]) batch on its own", async ({ expect }) => {
    const sender = bus.client.createSender(queues.batch.name);
    await sender.sendMessages(
      Array.from({ length: 25 }, (_unused, index) => ({ body: { index }, messageId: `batch-${index}` }))
    );
    const receiver = bus.client.createReceiver(queues.batch.name);
    const messages = await receiveAtLeast(receiver, 25);
    expect(messages.map((message) => (message.body as { index: number }).index)).toEqual(
      Array.from({ length: 25 }, (_unused, index) => index)
    );
    expect(messages.map((message) => message.sequenceNumber?.toNumber())).toEqual(
      Array.from({ length: 25 }, (_unused, index) => index + 1)
    );
    for (const message of messages) await receiver.completeMessage(message);
    await receiver.close();
  });

  it("accepts a batch built with createMessageBatch and tryAddMessage", async ({ expect }) => {
    const sender = bus.client.createSender(queues.messageBatch.name);
    const batch = await sender.createMessageBatch();
    for (let index = 0; index < 5; index++)
      expect(batch.tryAddMessage({ body: `item-${index}`, subject: "batched" })).toBe(true);
    await sender.sendMessages(batch);
    const receiver = bus.client.createReceiver(queues.messageBatch.name, { receiveMode: "receiveAndDelete" });
    const messages = await receiveAtLeast(receiver, 5);
    expect(messages.map((message) => message.body)).toEqual(["item-0", "item-1", "item-2", "item-3", "item-4"]);
    expect(messages.every((message) => message.subject === "batched")).toBe(true);
    await receiver.close();
  });

  it("removes messages as they are delivered in receiveAndDelete mode", async ({ expect }) => {
    const sender = bus.client.createSender(queues.receiveAndDelete.name);
    await sender.sendMessages([{ body: 1 }, { body: 2 }, { body: 3 }]);
    const receiver = bus.client.createReceiver(queues.receiveAndDelete.name, { receiveMode: "receiveAndDelete" });
    const messages = await receiveAtLeast(receiver, 3);
    expect(messages.map((message) => message.body)).toEqual([1, 2, 3]);
    expect(messages.every((message) => message.lockToken === undefined)).toBe(true);
    expect(await receiver.peekMessages(10)).toEqual([]);
    expect(bus.emulator.counts()[queues.receiveAndDelete.name]).toMatchObject({ active: 0, locked: 0 });
    await receiver.close();
  });

  it("feeds subscribe() handlers and removes what they auto-complete", async ({ expect }) => {
    const sender = bus.client.createSender(queues.subscribe.name);
    await sender.sendMessages(Array.from({ length: 20 }, (_unused, index) => ({ body: index })));
    const receiver = bus.client.createReceiver(queues.subscribe.name);
    const seen: number[] = [];
    const errors: unknown[] = [];
    await new Promise<void>((resolve) => {
      receiver.subscribe(
        {
          processMessage: async (message) => {
            seen.push(message.body as number);
            if (seen.length === 20) resolve();
          },
          processError: async (args) => {
            errors.push(args.error);
          }
        },
        { maxConcurrentCalls: 4 }
      );
    });
    await receiver.close();
    expect(errors).toEqual([]);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_unused, index) => index));
    await expect.poll(() => bus.emulator.counts()[queues.subscribe.name]).toMatchObject({ active: 0, locked: 0 });
  });

  it("answers the drain that ends a partly filled receiveMessages call at once", async ({ expect }) => {
    const sender = bus.client.createSender(queues.drain.name);
    const receiver = bus.client.createReceiver(queues.drain.name);
    // First round: attach the link (CBS, attach) so the timed round below measures the drain alone.
    await sender.sendMessages({ body: "warm-up" });
    const [warmUp] = await receiveAtLeast(receiver, 1);
    await receiver.completeMessage(warmUp as ServiceBusReceivedMessage);
    await sender.sendMessages({ body: "only one" });
    const started = Date.now();
    // The message arrives at once; the SDK waits 1 s for more, then drains the 4 credits left. Unanswered, that
    // drain would cost another second and the SDK would close the link.
    const messages = await receiver.receiveMessages(5, { maxWaitTimeInMs: 10_000 });
    const elapsed = Date.now() - started;
    expect(messages.map((message) => message.body)).toEqual(["only one"]);
    expect(elapsed).toBeLessThan(1600);
    await receiver.completeMessage(messages[0] as ServiceBusReceivedMessage);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 200 })).toEqual([]);
    await receiver.close();
  });

  it("shares one queue among 16 receivers without losing or repeating a message", async ({ expect }) => {
    const total = 400;
    const sender = bus.client.createSender(queues.concurrent.name);
    await sender.sendMessages(Array.from({ length: total }, (_unused, index) => ({ body: index })));
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        const receiver = bus.client.createReceiver(queues.concurrent.name, { maxAutoLockRenewalDurationInMs: 0 });
        for (;;) {
          const batch = await receiver.receiveMessages(5, { maxWaitTimeInMs: 300 });
          if (batch.length === 0) break;
          for (const message of batch) {
            seen.push(message.body as number);
            await receiver.completeMessage(message);
          }
        }
        await receiver.close();
      })
    );
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });
});
