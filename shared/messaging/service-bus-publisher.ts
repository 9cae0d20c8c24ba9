/**
 * MessagePublisher on Service Bus: one cached sender per queue, JSON bodies, the outbox entry id as messageId.
 * Every send has a deadline. Inside an HTTP request it is short (the caller is waiting, and the change is already
 * written with the message in its outbox); the outbox timer, with nobody waiting, is given longer. A send that
 * misses its deadline is not cancelled: if it lands after all, the copy the timer sends later carries the same
 * message id, and every handler is idempotent. Letting it run also lets a slow first connection finish opening.
 */
import type { ServiceBusClient, ServiceBusMessage, ServiceBusSender } from "@azure/service-bus";
import { TransientError } from "../errors";
import { queueOf, type QueueMessage } from "./messages";
import type { MessagePublisher } from "../relationships/ports";

/** What an HTTP request (or a queue handler) waits for one send. */
export const requestPublishDeadlineMs = 2_000;
/** What the outbox timer and the retry scheduling wait: the client's own retries fit inside. */
export const backgroundPublishDeadlineMs = 20_000;

export class ServiceBusPublisher implements MessagePublisher {
  constructor(
    private readonly client: ServiceBusClient,
    private readonly deadlineMs: number = requestPublishDeadlineMs,
    private readonly senders = new Map<string, ServiceBusSender>()
  ) {}

  /** The same senders (links) with another deadline. */
  withDeadline(deadlineMs: number): ServiceBusPublisher {
    return new ServiceBusPublisher(this.client, deadlineMs, this.senders);
  }

  async publish(message: QueueMessage, messageId: string): Promise<void> {
    await this.withinDeadline(message, this.senderFor(message).sendMessages(toServiceBusMessage(message, messageId)));
  }

  async schedule(message: QueueMessage, messageId: string, enqueueAt: Date, attempt: number): Promise<void> {
    const scheduled = {
      ...toServiceBusMessage(message, messageId),
      applicationProperties: { [attemptProperty]: attempt }
    };
    await this.withinDeadline(message, this.senderFor(message).scheduleMessages(scheduled, enqueueAt));
  }

  private async withinDeadline(message: QueueMessage, send: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TransientError(`Service Bus did not take the ${message.kind} message within ${this.deadlineMs} ms.`)
          ),
        this.deadlineMs
      );
    });
    send.catch(() => undefined); // past the deadline nobody awaits the send, and the outbox still holds the message
    try {
      await Promise.race([send, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private senderFor(message: QueueMessage): ServiceBusSender {
    const queue = queueOf(message);
    let sender = this.senders.get(queue);
    if (!sender) {
      sender = this.client.createSender(queue);
      this.senders.set(queue, sender);
    }
    return sender;
  }
}

/** The application property a rescheduled message carries: the attempts it has already had. */
export const attemptProperty = "attempt";

function toServiceBusMessage(message: QueueMessage, messageId: string): ServiceBusMessage {
  return {
    body: message,
    messageId,
    contentType: "application/json",
    subject: message.kind,
    correlationId: "relationshipId" in message ? message.relationshipId : undefined
  };
}
