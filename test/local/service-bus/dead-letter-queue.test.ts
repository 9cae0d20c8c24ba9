import type { ServiceBusReceivedMessage } from "@azure/service-bus";
import Long from "long";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveAtLeast, startTestBus, testQueue, type TestBus } from "../../helpers/service-bus";

// What `npm run dlq` and /dev/service-bus ask of a dead-letter sub-queue, as the SDK asks it of Service Bus.
const queue = testQueue("dlq-ops", { maxDeliveryCount: 2 });
let bus: TestBus;

beforeAll(async () => {
  bus = await startTestBus([queue]);
  await bus.client
    .createSender(queue.name)
    .sendMessages(["a", "b", "c"].map((body) => ({ body, messageId: `dlq-${body}` })));
  const receiver = bus.client.createReceiver(queue.name);
  for (const message of await receiveAtLeast(receiver, 3))
    await receiver.deadLetterMessage(message, {
      deadLetterReason: "Test",
      deadLetterErrorDescription: `dead ${String(message.body)}`
    });
  await receiver.close();
});
afterAll(async () => {
  await bus?.close();
});

describe("the emulator's dead-letter sub-queue through the SDK", () => {
  it("peeks from a given sequence number, as often as asked, on one client", async () => {
    const receiver = bus.client.createReceiver(queue.name, { subQueueType: "deadLetter" });
    const all = await receiver.peekMessages(10, { fromSequenceNumber: Long.ZERO });
    expect(all.map((m) => m.messageId)).toEqual(["dlq-a", "dlq-b", "dlq-c"]);
    expect(all.map((m) => m.deadLetterReason)).toEqual(["Test", "Test", "Test"]);
    const second = all[1]?.sequenceNumber as Long;
    expect((await receiver.peekMessages(10, { fromSequenceNumber: second })).map((m) => m.messageId)).toEqual([
      "dlq-b",
      "dlq-c"
    ]);
    expect((await receiver.peekMessages(10, { fromSequenceNumber: Long.ZERO })).map((m) => m.messageId)).toEqual([
      "dlq-a",
      "dlq-b",
      "dlq-c"
    ]);
    await receiver.close();
  });

  it("keeps a dead letter that is abandoned past the queue's max delivery count, and removes a completed one", async () => {
    const receiver = bus.client.createReceiver(queue.name, { subQueueType: "deadLetter" });
    for (let round = 0; round < 3; round += 1) {
      const batch = await receiveAtLeast(receiver, 3);
      expect(batch).toHaveLength(3);
      for (const message of batch) await receiver.abandonMessage(message);
    }
    expect(bus.emulator.counts()[queue.name]).toMatchObject({ deadLettered: 3 });
    const batch = await receiveAtLeast(receiver, 3);
    await receiver.completeMessage(batch.find((m) => m.messageId === "dlq-b") as ServiceBusReceivedMessage);
    for (const message of batch.filter((m) => m.messageId !== "dlq-b")) await receiver.abandonMessage(message);
    expect(bus.emulator.counts()[queue.name]).toMatchObject({ deadLettered: 2 });
    await receiver.close();
  });
});
