/** The product's retry policy for queue triggers: a scheduled copy on the same queue, backoff capped by an app setting. */
import type { QueueMessage } from "./messages";
import type { RetryLater } from "./queue-trigger";

/** What the policy reads from the services, structurally, so messaging/ needs nothing above it. */
export interface RetryServices {
  readonly config: { readonly queueRetryMaxDelaySeconds: number };
  readonly backgroundPublisher: {
    schedule(message: QueueMessage, messageId: string, enqueueAt: Date, attempt: number): Promise<void>;
  };
}

export function scheduledRetry<T extends QueueMessage>(services: RetryServices): RetryLater<T> {
  return {
    maxDelayMs: services.config.queueRetryMaxDelaySeconds * 1_000,
    reschedule: (message, messageId, enqueueAt, attempt) =>
      services.backgroundPublisher.schedule(message, messageId, enqueueAt, attempt)
  };
}
