/**
 * Runs Service Bus queue-triggered functions as the real host does: one peek-lock receiver per function,
 * at most `maxConcurrentCalls` (host.json) invocations at once, the lock renewed while the handler runs (up to
 * `maxAutoLockRenewalDuration`), the message completed when the handler returns (after its output messages are
 * sent) and abandoned when it throws, so the broker retries and finally dead-letters it.
 */
import type { ServiceBusReceivedMessage, ServiceBusReceiver } from "@azure/service-bus";
import type { HostContext, TriggerListener } from "./functions-host";
import { invoke } from "./invoke";
import type { RegisteredFunction } from "./registry";
import { ServiceBusConnections } from "./service-bus-connections";
import { messageContextFor } from "./service-bus-message-actions";
import { sendServiceBusOutputs } from "./service-bus-outputs";

export function serviceBusListener(context: HostContext): TriggerListener {
  const connections = new ServiceBusConnections(context.env);
  const receivers: { receiver: ServiceBusReceiver; close: () => Promise<void> }[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const settings = context.hostJson.serviceBus;

  async function run(
    fn: RegisteredFunction,
    message: ServiceBusReceivedMessage,
    receiver: ServiceBusReceiver
  ): Promise<void> {
    const trigger = fn.trigger.kind === "serviceBus" ? fn.trigger : undefined;
    const autoComplete = settings.autoCompleteMessages && trigger?.autoCompleteMessages === true;
    const sdkContext = trigger?.sdkBinding ? messageContextFor(message, receiver) : undefined;
    await invoke(context.log, {
      fn,
      input: sdkContext ?? message.body,
      triggerMetadata: triggerMetadataOf(message),
      settle: async (outcome) => {
        const fields = { messageId: message.messageId, deliveryCount: (message.deliveryCount ?? 0) + 1 };
        if (sdkContext) {
          // The handler settles; one that settled nothing leaves the lock to expire, as on Azure.
          const sent = outcome.ok ? await sendServiceBusOutputs(connections, fn, outcome.context, outcome.result) : 0;
          return {
            ...fields,
            settlement: sdkContext.settled() ? "by handler" : "none (lock will expire)",
            outputMessages: sent
          };
        }
        if (!outcome.ok) {
          if (autoComplete) await receiver.abandonMessage(message);
          return { ...fields, settlement: autoComplete ? "abandoned" : "none" };
        }
        const sent = await sendServiceBusOutputs(connections, fn, outcome.context, outcome.result);
        if (autoComplete) await receiver.completeMessage(message);
        return { ...fields, settlement: autoComplete ? "completed" : "none", outputMessages: sent };
      }
    });
  }

  return {
    kind: "serviceBus",
    async start(functions) {
      for (const fn of functions) {
        if (fn.trigger.kind !== "serviceBus") continue;
        const receiver = connections.client(fn.trigger.connection).createReceiver(fn.trigger.queueName, {
          receiveMode: "peekLock",
          maxAutoLockRenewalDurationInMs: settings.maxAutoLockRenewalDurationMs
        });
        const subscription = receiver.subscribe(
          {
            processMessage: async (message) => {
              const running = run(fn, message, receiver);
              inFlight.add(running);
              try {
                await running;
              } finally {
                inFlight.delete(running);
              }
            },
            processError: async ({ error, errorSource }) => {
              context.log.write({
                level: "warning",
                message: `Service Bus ${errorSource} error: ${error.message}`,
                event: "serviceBus",
                function: fn.name
              });
            }
          },
          // The host settles messages itself, after the invocation and its outputs.
          { autoCompleteMessages: false, maxConcurrentCalls: settings.maxConcurrentCalls }
        );
        receivers.push({ receiver, close: () => subscription.close() });
      }
    },
    async invokeOnce(fn, input) {
      await invoke(context.log, {
        fn,
        input,
        triggerMetadata: { messageId: "admin-invocation", deliveryCount: 1 },
        settle: async (outcome) => ({
          outputMessages: outcome.ok ? await sendServiceBusOutputs(connections, fn, outcome.context, outcome.result) : 0
        })
      });
    },
    async stop() {
      // Stop taking new messages, let running invocations settle theirs, then close the links.
      await Promise.all(receivers.map((r) => r.close()));
      await Promise.allSettled([...inFlight]);
      await Promise.all(receivers.map((r) => r.receiver.close()));
      await connections.close();
    }
  };
}

/**
 * The metadata the real host passes. Its deliveryCount is .NET's, which counts this delivery (1 the first time);
 * the JS SDK reports AMQP's count of earlier attempts (0 the first time), hence the + 1.
 */
function triggerMetadataOf(message: ServiceBusReceivedMessage): Record<string, unknown> {
  return {
    messageId: message.messageId,
    deliveryCount: (message.deliveryCount ?? 0) + 1,
    enqueuedTimeUtc: message.enqueuedTimeUtc?.toISOString(),
    lockedUntilUtc: message.lockedUntilUtc?.toISOString(),
    expiresAtUtc: message.expiresAtUtc?.toISOString(),
    sequenceNumber: message.sequenceNumber?.toString(),
    correlationId: message.correlationId,
    contentType: message.contentType,
    subject: message.subject,
    replyTo: message.replyTo,
    to: message.to,
    sessionId: message.sessionId,
    lockToken: message.lockToken,
    applicationProperties: message.applicationProperties ?? {},
    userProperties: message.applicationProperties ?? {}
  };
}
