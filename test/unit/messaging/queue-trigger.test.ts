import { InvocationContext } from "@azure/functions";
import type { ServiceBusReceivedMessage } from "@azure/service-bus";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NotFoundError, TransientError } from "../../../shared/errors";
import { queueTriggerWith, retryDelayMs, type MessageActions } from "../../../shared/messaging/queue-trigger";

const queue = { name: "q", lockDurationSeconds: 60, maxDeliveryCount: 10, deadLetteringOnMessageExpiration: true };
const schema = z.strictObject({ id: z.string() });
/** Stands for what shared/wiring.ts binds (the composition root's services). */
const boundServices = { name: "bound services" };

function harness(
  handle: () => Promise<void>,
  options: {
    attempt?: number;
    deliveryCount?: number;
    rescheduleFails?: boolean;
    withRetry?: boolean;
    recordFails?: boolean;
  } = {}
) {
  const settled: string[] = [];
  const rescheduled: { attempt: number; delayMs: number }[] = [];
  const gaveUp: unknown[] = [];
  const retried: { attempt: number; inMs: number; error: unknown }[] = [];
  const handedIn: unknown[] = [];
  const actions: MessageActions = {
    complete: async () => void settled.push("complete"),
    abandon: async () => void settled.push("abandon"),
    deadletter: async (_m, _p, reason) => void settled.push(`deadletter:${reason}`)
  };
  const message = {
    body: { id: "m-1" },
    messageId: "m-1",
    applicationProperties: options.attempt === undefined ? {} : { attempt: options.attempt }
  } as unknown as ServiceBusReceivedMessage;
  const trigger = queueTriggerWith(() => boundServices)({
    queue,
    schema,
    handle: (services) => {
      handedIn.push(services);
      return handle();
    },
    onGiveUp: async (services, _message, error) => {
      handedIn.push(services);
      gaveUp.push(error);
    },
    onRetry: async (services, _message, failed) => {
      handedIn.push(services);
      if (options.recordFails) throw new Error("Cosmos DB busy");
      retried.push({
        attempt: failed.attempt,
        inMs: Math.round((failed.nextAttemptAt.getTime() - Date.now()) / 1000) * 1000,
        error: failed.error
      });
    },
    ...(options.withRetry === false
      ? {}
      : {
          retryLater: (services: unknown) => {
            handedIn.push(services);
            return {
              maxDelayMs: 60_000,
              reschedule: async (_message: unknown, _id: string, enqueueAt: Date, attempt: number) => {
                if (options.rescheduleFails) throw new Error("Service Bus down");
                rescheduled.push({ attempt, delayMs: Math.round((enqueueAt.getTime() - Date.now()) / 1000) * 1000 });
              }
            };
          }
        })
  });
  const context = new InvocationContext({
    triggerMetadata: { deliveryCount: options.deliveryCount ?? 1 },
    logHandler: () => undefined
  });
  const run = () => trigger({ messages: message, actions }, context);
  return { run, settled, rescheduled, gaveUp, retried, handedIn };
}

const failing = async () => {
  throw new TransientError("email service busy");
};

describe("queueTrigger settlement", () => {
  it("completes a message its handler finished", async () => {
    const h = harness(async () => undefined);
    await h.run();
    expect(h.settled).toEqual(["complete"]);
  });

  it("schedules a retry with backoff and completes the original when a retryable failure happens", async () => {
    const h = harness(failing, { attempt: 2, deliveryCount: 1 });
    await expect(h.run()).rejects.toThrow("email service busy");
    expect(h.rescheduled).toEqual([{ attempt: 3, delayMs: 8_000 }]);
    expect(h.settled).toEqual(["complete"]);
  });

  it("falls back to abandoning when the retry cannot be scheduled, or when there is no retry policy", async () => {
    const broken = harness(failing, { rescheduleFails: true });
    await expect(broken.run()).rejects.toThrow();
    expect(broken.settled).toEqual(["abandon"]);
    const plain = harness(failing, { withRetry: false });
    await expect(plain.run()).rejects.toThrow();
    expect(plain.settled).toEqual(["abandon"]);
  });

  it("tells onRetry of each failed attempt and when the next one is due (now, when the message is abandoned)", async () => {
    const scheduled = harness(failing, { attempt: 2, deliveryCount: 1 });
    await expect(scheduled.run()).rejects.toThrow();
    expect(scheduled.retried).toEqual([{ attempt: 3, inMs: 8_000, error: expect.any(TransientError) }]);
    const abandoned = harness(failing, { withRetry: false });
    await expect(abandoned.run()).rejects.toThrow();
    expect(abandoned.retried).toEqual([{ attempt: 1, inMs: 0, error: expect.any(TransientError) }]);
  });

  it("hands the bound services to the handler, the retry policy, onRetry and onGiveUp", async () => {
    const retriedOnce = harness(failing, { attempt: 2, deliveryCount: 1 });
    await expect(retriedOnce.run()).rejects.toThrow();
    expect(retriedOnce.handedIn).toEqual([boundServices, boundServices, boundServices]);
    expect(retriedOnce.handedIn.every((given) => given === boundServices)).toBe(true);
    const lastDelivery = harness(failing, { attempt: 9, deliveryCount: 1 });
    await lastDelivery.run();
    expect(lastDelivery.handedIn).toEqual([boundServices, boundServices]);
  });

  it("settles the message even when recording the failed attempt fails", async () => {
    const h = harness(failing, { recordFails: true });
    await expect(h.run()).rejects.toThrow("email service busy");
    expect(h.settled).toEqual(["complete"]);
  });

  it("counts attempts across rescheduled copies and gives up on the queue's last one, recording the failure", async () => {
    const h = harness(failing, { attempt: 9, deliveryCount: 1 });
    await h.run();
    expect(h.gaveUp).toHaveLength(1);
    expect(h.retried).toEqual([]);
    expect(h.rescheduled).toEqual([]);
    expect(h.settled).toEqual(["deadletter:RetriesExhausted"]);
  });

  it("dead-letters at once, with a reason, a message that can never succeed", async () => {
    const notFound = harness(async () => {
      throw new NotFoundError("No such relationship.");
    });
    await notFound.run();
    expect(notFound.settled).toEqual(["deadletter:NotFound"]);
    expect(notFound.rescheduled).toEqual([]);
  });

  it("backs off 2 s, 4 s, 8 s … and never past the ceiling", () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 300_000))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(10, 300_000)).toBe(300_000);
    expect(retryDelayMs(3, 0)).toBe(0);
  });
});
