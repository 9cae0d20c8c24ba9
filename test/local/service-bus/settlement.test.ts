import { isServiceBusError, type ServiceBusReceivedMessage } from "@azure/service-bus";
import { afterAll, beforeAll, describe, it } from "vitest";
import { receiveAtLeast, startTestBus, testQueue, type TestBus } from "../../helpers/service-bus";

const queues = {
  complete: testQueue("complete"),
  abandon: testQueue("abandon"),
  deadLetter: testQueue("dead-letter"),
  defer: testQueue("defer"),
  notDeferred: testQueue("not-deferred"),
  lockExpiry: testQueue("lock-expiry", { lockDurationSeconds: 1 }),
  lockLost: testQueue("lock-lost", { lockDurationSeconds: 1 }),
  renew: testQueue("renew", { lockDurationSeconds: 2 }),
  maxDelivery: testQueue("max-delivery", { maxDeliveryCount: 3 }),
  expiryCounts: testQueue("expiry-counts", { lockDurationSeconds: 1, maxDeliveryCount: 2 })
};

let bus: TestBus;

beforeAll(async () => {
  bus = await startTestBus(Object.values(queues));
});

afterAll(async () => {
  await bus.close();
});

async function sendAndReceive(queue: string, body: unknown, options: { lockRenewal?: boolean } = {}) {
  await bus.client.createSender(queue).sendMessages({ body, messageId: `id-${String(body)}` });
  // The SDK renews locks on its own by default; lock tests switch that off to watch them expire.
  const receiver = bus.client.createReceiver(
    queue,
    options.lockRenewal === false ? { maxAutoLockRenewalDurationInMs: 0 } : {}
  );
  const [message] = await receiveAtLeast(receiver, 1);
  if (message === undefined) throw new Error(`nothing arrived on ${queue}`);
  return { receiver, message };
}

function errorCode(error: unknown): string | undefined {
  return isServiceBusError(error) ? error.code : undefined;
}

describe.concurrent("Service Bus emulator: settling messages", () => {
  it("removes a completed message", async ({ expect }) => {
    const { receiver, message } = await sendAndReceive(queues.complete.name, "done");
    await receiver.completeMessage(message);
    expect(await receiver.peekMessages(10, { fromSequenceNumber: message.sequenceNumber })).toEqual([]);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    await receiver.close();
  });

  it("hands an abandoned message out again with its delivery count raised and its properties modified", async ({
    expect
  }) => {
    const { receiver, message } = await sendAndReceive(queues.abandon.name, "again");
    expect(message.deliveryCount).toBe(0);
    await receiver.abandonMessage(message, { attempt: "first" });
    const [again] = await receiveAtLeast(receiver, 1);
    expect(again?.messageId).toBe(message.messageId);
    expect(again?.sequenceNumber?.toNumber()).toBe(message.sequenceNumber?.toNumber());
    expect(again?.deliveryCount).toBe(1);
    expect(again?.applicationProperties).toEqual({ attempt: "first" });
    await receiver.completeMessage(again as ServiceBusReceivedMessage);
    await receiver.close();
  });

  it("moves a dead-lettered message to <queue>/$DeadLetterQueue with its reason and description", async ({
    expect
  }) => {
    const { receiver, message } = await sendAndReceive(queues.deadLetter.name, "poison");
    await receiver.deadLetterMessage(message, {
      deadLetterReason: "InvalidPayload",
      deadLetterErrorDescription: "partnerId missing"
    });
    expect(await receiver.peekMessages(10)).toEqual([]);
    const deadLetters = bus.client.createReceiver(queues.deadLetter.name, { subQueueType: "deadLetter" });
    const [dead] = await receiveAtLeast(deadLetters, 1);
    expect(dead?.body).toBe("poison");
    expect(dead?.messageId).toBe(message.messageId);
    expect(dead?.deadLetterReason).toBe("InvalidPayload");
    expect(dead?.deadLetterErrorDescription).toBe("partnerId missing");
    expect(bus.emulator.counts()[queues.deadLetter.name]).toMatchObject({ active: 0, deadLettered: 1 });
    await deadLetters.completeMessage(dead as ServiceBusReceivedMessage);
    expect(bus.emulator.counts()[queues.deadLetter.name]).toMatchObject({ deadLettered: 0 });
    await receiver.close();
    await deadLetters.close();
  });

  it("keeps a deferred message aside until receiveDeferredMessages asks for its sequence number", async ({
    expect
  }) => {
    const { receiver, message } = await sendAndReceive(queues.defer.name, "later");
    await receiver.deferMessage(message);
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    const [peeked] = await receiver.peekMessages(1);
    expect(peeked?.state).toBe("deferred");
    const [deferred] = await receiver.receiveDeferredMessages(
      message.sequenceNumber as NonNullable<typeof message.sequenceNumber>
    );
    expect(deferred?.body).toBe("later");
    expect(deferred?.deliveryCount).toBe(1);
    expect(deferred?.lockToken).toMatch(/^[0-9a-f-]{36}$/);
    await receiver.completeMessage(deferred as ServiceBusReceivedMessage);
    expect(await receiver.peekMessages(10)).toEqual([]);
    await receiver.close();
  });

  it("refuses receiveDeferredMessages for a message that was never deferred", async ({ expect }) => {
    const { receiver, message } = await sendAndReceive(queues.notDeferred.name, "active");
    const failure = await receiver
      .receiveDeferredMessages(message.sequenceNumber as NonNullable<typeof message.sequenceNumber>)
      .catch((error: unknown) => error);
    expect(errorCode(failure)).toBe("MessageNotFound");
    await receiver.completeMessage(message);
    await receiver.close();
  });

  it("offers a message again with one more delivery counted when its lock expires", async ({ expect }) => {
    const { receiver, message } = await sendAndReceive(queues.lockExpiry.name, "slow", { lockRenewal: false });
    const [again] = await receiveAtLeast(receiver, 1, 4000);
    expect(again?.messageId).toBe(message.messageId);
    expect(again?.deliveryCount).toBe(1);
    expect(again?.lockToken).not.toBe(message.lockToken);
    expect((again?.enqueuedTimeUtc as Date).getTime()).toBe((message.enqueuedTimeUtc as Date).getTime());
    await receiver.completeMessage(again as ServiceBusReceivedMessage);
    await receiver.close();
  });

  it("answers MessageLockLost to a settlement after the lock expired", async ({ expect }) => {
    const { receiver, message } = await sendAndReceive(queues.lockLost.name, "too late", { lockRenewal: false });
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const failure = await receiver.completeMessage(message).catch((error: unknown) => error);
    expect(errorCode(failure)).toBe("MessageLockLost");
    const renewFailure = await receiver.renewMessageLock(message).catch((error: unknown) => error);
    expect(errorCode(renewFailure)).toBe("MessageLockLost");
    await receiver.close();
  });

  it("extends a lock with renewMessageLock", async ({ expect }) => {
    const { receiver, message } = await sendAndReceive(queues.renew.name, "renewed", { lockRenewal: false });
    const firstLockedUntil = (message.lockedUntilUtc as Date).getTime();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const renewedUntil = await receiver.renewMessageLock(message);
    expect(renewedUntil.getTime()).toBeGreaterThan(firstLockedUntil + 1000);
    expect(message.lockedUntilUtc?.getTime()).toBe(renewedUntil.getTime());
    await new Promise((resolve) => setTimeout(resolve, 1200));
    // 2.4 s after delivery: the original 2 s lock would be gone.
    await receiver.completeMessage(message);
    expect(await receiver.peekMessages(10)).toEqual([]);
    await receiver.close();
  });

  it("dead-letters with MaxDeliveryCountExceeded once abandons reach maxDeliveryCount", async ({ expect }) => {
    const { receiver, message } = await sendAndReceive(queues.maxDelivery.name, "unlucky");
    await receiver.abandonMessage(message);
    for (const expectedCount of [1, 2]) {
      const [again] = await receiveAtLeast(receiver, 1);
      expect(again?.deliveryCount).toBe(expectedCount);
      await receiver.abandonMessage(again as ServiceBusReceivedMessage);
    }
    expect(await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 })).toEqual([]);
    const deadLetters = bus.client.createReceiver(queues.maxDelivery.name, {
      subQueueType: "deadLetter",
      receiveMode: "receiveAndDelete"
    });
    const [dead] = await receiveAtLeast(deadLetters, 1);
    expect(dead?.messageId).toBe(message.messageId);
    expect(dead?.deadLetterReason).toBe("MaxDeliveryCountExceeded");
    expect(dead?.deadLetterErrorDescription).toBe("Message could not be consumed after 3 delivery attempts.");
    await receiver.close();
    await deadLetters.close();
  });

  it("counts lock expiries toward maxDeliveryCount", async ({ expect }) => {
    const { receiver, message } = await sendAndReceive(queues.expiryCounts.name, "abandoned by neglect", {
      lockRenewal: false
    });
    const [again] = await receiveAtLeast(receiver, 1, 4000);
    expect(again?.deliveryCount).toBe(1);
    const deadLetters = bus.client.createReceiver(queues.expiryCounts.name, { subQueueType: "deadLetter" });
    const [dead] = await receiveAtLeast(deadLetters, 1, 4000);
    expect(dead?.messageId).toBe(message.messageId);
    expect(dead?.deadLetterReason).toBe("MaxDeliveryCountExceeded");
    await deadLetters.completeMessage(dead as ServiceBusReceivedMessage);
    await receiver.close();
    await deadLetters.close();
  });
});
