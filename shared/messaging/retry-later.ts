/** The product's retry policy for queue triggers: a scheduled copy on the same queue, backoff capped by an app setting. */
import { getServices } from "../composition-root";
import type { QueueMessage } from "./messages";
import type { RetryLater } from "./queue-trigger";

export function scheduledRetry<T extends QueueMessage>(): RetryLater<T> {
  const services = getServices();
  return {
    maxDelayMs: services.config.queueRetryMaxDelaySeconds * 1_000,
    reschedule: (message, messageId, enqueueAt, attempt) => services.backgroundPublisher.schedule(message, messageId, enqueueAt, attempt)
  };
}
