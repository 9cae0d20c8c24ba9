/**
 * How every product queue trigger settles its message (they are registered with `sdkBinding: true` and
 * `autoCompleteMessages: false`, so the code decides):
 * - done → complete;
 * - can never succeed (invalid payload, names nothing that exists) → dead-letter at once, with a reason;
 * - failed in a way worth retrying (email 429/5xx, Cosmos busy) → a copy is scheduled for later with exponential
 *   backoff (2 s, 4 s, 8 s … up to a ceiling) and the message completed, so an outage of minutes does not burn
 *   every delivery in seconds; without a retry policy, or if scheduling fails, the message is abandoned instead;
 *   either way `onRetry` may record the failed attempt where people will see it (best effort);
 * - still failing on the queue's last delivery → `onGiveUp` records the failure where people will see it (the
 *   relationship's lastError), then dead-letter with reason `RetriesExhausted`.
 * Handlers are idempotent: Service Bus delivers at least once.
 */
import type { InvocationContext } from "@azure/functions";
import type { ServiceBusReceivedMessage } from "@azure/service-bus";
import type { z } from "zod";
import { NotFoundError, PermanentMessageError, ValidationError } from "../errors";
import { toFieldErrors } from "../http/json-body";
import type { QueueDeclaration } from "./queues";

export interface MessageActions {
  complete(message: ServiceBusReceivedMessage): Promise<void>;
  abandon(message: ServiceBusReceivedMessage, propertiesToModify?: Uint8Array): Promise<void>;
  deadletter(
    message: ServiceBusReceivedMessage,
    propertiesToModify?: Uint8Array,
    reason?: string,
    description?: string
  ): Promise<void>;
}

/** `@azure/functions-extensions-servicebus`'s ServiceBusMessageContext, structurally. */
export interface ServiceBusMessageContext {
  readonly messages: ServiceBusReceivedMessage | readonly ServiceBusReceivedMessage[];
  readonly actions: MessageActions;
}

export interface QueueWork<T> {
  readonly message: T;
  readonly messageId: string;
  /** 1 on the first delivery. */
  readonly attempt: number;
  readonly context: InvocationContext;
}

/** How a failed message is tried again later: read at failure time, so configuration is parsed lazily. */
export interface RetryLater<T> {
  /** The longest wait between two attempts. */
  readonly maxDelayMs: number;
  reschedule(message: T, messageId: string, enqueueAt: Date, attempt: number): Promise<void>;
}

/** Each callback gets the services first, as a use case does; `S` is whatever the binding hands in (shared/wiring.ts). */
export interface QueueTriggerOptions<T, S> {
  readonly queue: QueueDeclaration;
  readonly schema: z.ZodType<T>;
  handle(services: S, work: QueueWork<T>): Promise<void>;
  onGiveUp?(services: S, message: T, error: unknown, context: InvocationContext, attempt: number): Promise<void>;
  /** Told of each failed attempt that will be tried again, and when. */
  onRetry?(
    services: S,
    message: T,
    failed: { readonly error: unknown; readonly attempt: number; readonly nextAttemptAt: Date },
    context: InvocationContext
  ): Promise<void>;
  retryLater?(services: S): RetryLater<T>;
}

/** 2 s before the second attempt, doubling each time, never more than `maxDelayMs`. */
export function retryDelayMs(attempt: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, 2_000 * 2 ** Math.max(0, attempt - 1));
}

const maxDescriptionLength = 1_000;

/**
 * `queueTrigger` bound to where the services come from (shared/wiring.ts binds the composition root). They are
 * fetched only when a callback runs, as before, so an invalid payload is dead-lettered without parsing the config.
 */
export function queueTriggerWith<S>(services: () => S) {
  return <T>(options: QueueTriggerOptions<T, S>) => settleWith(options, services);
}

function settleWith<T, S>(options: QueueTriggerOptions<T, S>, services: () => S) {
  return async (input: ServiceBusMessageContext, context: InvocationContext): Promise<void> => {
    const received = Array.isArray(input.messages)
      ? (input.messages[0] as ServiceBusReceivedMessage)
      : (input.messages as ServiceBusReceivedMessage);
    // Attempts count across rescheduled copies (their `attempt` property) and redeliveries of this copy.
    const earlierAttempts = Number(received.applicationProperties?.attempt ?? 0);
    const attempt = earlierAttempts + Number(context.triggerMetadata?.deliveryCount ?? 1);
    const messageId = String(received.messageId ?? "");
    const parsed = options.schema.safeParse(received.body);
    if (!parsed.success) {
      const description = toFieldErrors(parsed.error.issues)
        .map((e) => `${e.field}: ${e.message}`)
        .join("; ");
      context.warn(`Dead-lettering message ${messageId}: invalid payload (${description})`);
      await input.actions.deadletter(received, undefined, "InvalidPayload", truncate(description));
      return;
    }
    try {
      await options.handle(services(), { message: parsed.data, messageId, attempt, context });
      await input.actions.complete(received);
    } catch (error) {
      const permanent = permanentReason(error);
      if (permanent) {
        context.warn(`Dead-lettering message ${messageId}: ${permanent} (${describe(error)})`);
        await input.actions.deadletter(received, undefined, permanent, truncate(describe(error)));
        return;
      }
      if (attempt >= options.queue.maxDeliveryCount) {
        context.error(`Giving up on message ${messageId} after ${attempt} deliveries: ${describe(error)}`);
        await options
          .onGiveUp?.(services(), parsed.data, error, context, attempt)
          .catch((recordError: unknown) => context.error(`Could not record the failure: ${describe(recordError)}`));
        await input.actions.deadletter(received, undefined, "RetriesExhausted", truncate(describe(error)));
        return;
      }
      const nextAttemptAt = await retriedLater(options, services, parsed.data, messageId, attempt, context, error);
      if (nextAttemptAt) {
        await input.actions.complete(received);
      } else {
        context.warn(
          `Message ${messageId} failed on attempt ${attempt} of ${options.queue.maxDeliveryCount}; Service Bus redelivers it now: ${describe(error)}`
        );
        await input.actions.abandon(received);
      }
      await options
        .onRetry?.(services(), parsed.data, { error, attempt, nextAttemptAt: nextAttemptAt ?? new Date() }, context)
        .catch((recordError: unknown) => context.warn(`Could not record the failed attempt: ${describe(recordError)}`));
      throw error;
    }
  };
}

/** When the scheduled copy is due, or undefined when none was scheduled. */
async function retriedLater<T, S>(
  options: QueueTriggerOptions<T, S>,
  services: () => S,
  message: T,
  messageId: string,
  attempt: number,
  context: InvocationContext,
  error: unknown
): Promise<Date | undefined> {
  if (!options.retryLater) return undefined;
  try {
    const policy = options.retryLater(services());
    const enqueueAt = new Date(Date.now() + retryDelayMs(attempt, policy.maxDelayMs));
    await policy.reschedule(message, messageId, enqueueAt, attempt);
    context.warn(
      `Message ${messageId} failed on attempt ${attempt} of ${options.queue.maxDeliveryCount}; tried again at ${enqueueAt.toISOString()}: ${describe(error)}`
    );
    return enqueueAt;
  } catch (scheduleError) {
    context.warn(`Could not schedule a retry of message ${messageId}: ${describe(scheduleError)}`);
    return undefined;
  }
}

function permanentReason(error: unknown): string | undefined {
  if (error instanceof PermanentMessageError) return error.reason;
  if (error instanceof NotFoundError) return "NotFound";
  if (error instanceof ValidationError) return "InvalidPayload";
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function truncate(text: string): string {
  return text.length > maxDescriptionLength ? `${text.slice(0, maxDescriptionLength - 1)}…` : text;
}
