import { isServiceBusError, type ServiceBusReceivedMessage } from "@azure/service-bus";
import { afterAll, beforeAll, describe, it } from "vitest";
import { receiveAtLeast, startTestBus, testQueue, type TestBus } from "../../helpers/service-bus";

const queues = {
  scheduled: testQueue("scheduled"),
  scheduledSend: testQueue("scheduled-send"),
  cancelled: testQueue("cancelled"),
  peek: testQueue("peek"),
  emptyPeek: testQueue("empty-peek"),
  ttlDeadLetter: testQueue("ttl-dead-letter"),
  ttlDrop: testQueue("ttl-drop", { deadLetteringOnMessageExpiration: false })
};

let bus: TestBus;

beforeAll(async () => {
  bus = await startTestBus(Object.values(queues));
});

afterAll(async () => {
  await bus.close();
});

function errorCode(error: unknown): string | undefined {
  return isServiceBusError(error) ? error.code : undefined;
}

describe.concurrent("Service Bus emulator: scheduling, peeking and errors", () => {
  it("holds a scheduled message back until its time", async ({ expect }) => {
    const sender = bus.client.createSender(queues.scheduled.name);
    const at = new Date(Date.now() + 2000);
    const [seq] = await sender.scheduleMessages({ body: "reminder", messageId: "reminder-1" }, at);
    expect(seq?.toNumber()).toBeGreaterThan(0);
    const receiver = bus.client.createReceiver(queues.scheduled.name);
    const [peeked] = await receiver.peekMessages(1);
    expect(peeked?.state).toBe("scheduled");
    expect(peeked?.sequenceNumber?.toNumber()).toBe(seq?.toNumber());
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 500 })).toEqual([]);
    const [message] = await receiveAtLeast(receiver, 1, 3000);
    expect(message?.messageId).toBe("reminder-1");
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    expect(message?.sequenceNumber?.toNumber()).toBe(seq?.toNumber());
    expect((message?.enqueuedTimeUtc as Date).getTime()).toBeGreaterThanOrEqual(at.getTime());
    await receiver.completeMessage(message as ServiceBusReceivedMessage);
    await receiver.close();
  });

  it("also schedules a message sent with scheduledEnqueueTimeUtc", async ({ expect }) => {
    const at = new Date(Date.now() + 1500);
    await bus.client
      .createSender(queues.scheduledSend.name)
      .sendMessages({ body: "later", scheduledEnqueueTimeUtc: at });
    const receiver = bus.client.createReceiver(queues.scheduledSend.name, { receiveMode: "receiveAndDelete" });
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    const [message] = await receiveAtLeast(receiver, 1, 3000);
    expect(message?.body).toBe("later");
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    await receiver.close();
  });

  it("never delivers a scheduled message that was cancelled", async ({ expect }) => {
    const sender = bus.client.createSender(queues.cancelled.name);
    const seqs = await sender.scheduleMessages([{ body: "keep" }, { body: "cancel" }], new Date(Date.now() + 500));
    await sender.cancelScheduledMessages(seqs[1] as NonNullable<(typeof seqs)[number]>);
    const receiver = bus.client.createReceiver(queues.cancelled.name, { receiveMode: "receiveAndDelete" });
    const messages = await receiveAtLeast(receiver, 2, 1500);
    expect(messages.map((message) => message.body)).toEqual(["keep"]);
    expect(await receiver.peekMessages(10)).toEqual([]);
    await receiver.close();
  });

  it("peeks in sequence order from any sequence number without taking locks", async ({ expect }) => {
    const sender = bus.client.createSender(queues.peek.name);
    await sender.sendMessages(["a", "b", "c", "d"].map((body) => ({ body })));
    const receiver = bus.client.createReceiver(queues.peek.name);
    const all = await receiver.peekMessages(10);
    expect(all.map((message) => message.body)).toEqual(["a", "b", "c", "d"]);
    expect(all.every((message) => message.lockToken === undefined && message.state === "active")).toBe(true);
    const sequenceOf = (index: number) =>
      all[index]?.sequenceNumber as NonNullable<(typeof all)[number]["sequenceNumber"]>;
    const fromThird = await receiver.peekMessages(10, { fromSequenceNumber: sequenceOf(2) });
    expect(fromThird.map((message) => message.body)).toEqual(["c", "d"]);
    const two = await receiver.peekMessages(2, { fromSequenceNumber: sequenceOf(1) });
    expect(two.map((message) => message.sequenceNumber?.toNumber())).toEqual([2, 3]);
    expect(await receiver.peekMessages(10, { fromSequenceNumber: sequenceOf(3).add(1) })).toEqual([]);
    // Peeking took no locks: everything is still there to receive.
    const received = await receiveAtLeast(receiver, 4);
    expect(received.map((message) => message.body)).toEqual(["a", "b", "c", "d"]);
    for (const message of received) await receiver.completeMessage(message);
    await receiver.close();
  });

  it("peeks nothing (a 204) on an empty queue", async ({ expect }) => {
    const receiver = bus.client.createReceiver(queues.emptyPeek.name);
    expect(await receiver.peekMessages(5)).toEqual([]);
    await receiver.close();
  });

  it("reports MessagingEntityNotFound for a queue that does not exist", async ({ expect }) => {
    const sender = bus.client.createSender("no-such-queue");
    const sendFailure = await sender.sendMessages({ body: "lost" }).catch((error: unknown) => error);
    expect(errorCode(sendFailure)).toBe("MessagingEntityNotFound");
    expect(String((sendFailure as Error).message)).toContain("The messaging entity 'no-such-queue' could not be found");
    const receiver = bus.client.createReceiver("no-such-queue");
    const receiveFailure = await receiver
      .receiveMessages(1, { maxWaitTimeInMs: 1000 })
      .catch((error: unknown) => error);
    expect(errorCode(receiveFailure)).toBe("MessagingEntityNotFound");
    const peekFailure = await receiver.peekMessages(1).catch((error: unknown) => error);
    expect(errorCode(peekFailure)).toBe("MessagingEntityNotFound");
    await sender.close();
    await receiver.close();
  });

  it("fails acceptSession at once, since sessions are not emulated", async ({ expect }) => {
    const started = Date.now();
    const failure = await bus.client.acceptSession(queues.emptyPeek.name, "session-1").catch((error: unknown) => error);
    expect(errorCode(failure)).toBe("SessionCannotBeLocked");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("dead-letters an expired message with TTLExpiredException when the queue says so", async ({ expect }) => {
    await bus.client.createSender(queues.ttlDeadLetter.name).sendMessages({ body: "stale", timeToLive: 200 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const receiver = bus.client.createReceiver(queues.ttlDeadLetter.name);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    const deadLetters = bus.client.createReceiver(queues.ttlDeadLetter.name, {
      subQueueType: "deadLetter",
      receiveMode: "receiveAndDelete"
    });
    const [dead] = await receiveAtLeast(deadLetters, 1);
    expect(dead?.body).toBe("stale");
    expect(dead?.deadLetterReason).toBe("TTLExpiredException");
    await receiver.close();
    await deadLetters.close();
  });

  it("drops an expired message when the queue does not dead-letter on expiry", async ({ expect }) => {
    await bus.client.createSender(queues.ttlDrop.name).sendMessages({ body: "stale", timeToLive: 200 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const receiver = bus.client.createReceiver(queues.ttlDrop.name);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    expect(bus.emulator.counts()[queues.ttlDrop.name]).toMatchObject({ active: 0, deadLettered: 0 });
    await receiver.close();
  });
});
