/** MessagePublisher on Service Bus: one cached sender per queue, JSON bodies, the outbox entry id as messageId. */
import type { ServiceBusClient, ServiceBusMessage, ServiceBusSender } from "@azure/service-bus";
import { queueOf, type QueueMessage } from "./messages";
import type { MessagePublisher } from "../relationships/ports";

export class ServiceBusPublisher implements MessagePublisher {
  private readonly senders = new Map<string, ServiceBusSender>();

  constructor(private readonly client: ServiceBusClient) {}

  async publish(message: QueueMessage, messageId: string): Promise<void> {
    await this.senderFor(message).sendMessages(toServiceBusMessage(message, messageId));
  }

  async schedule(message: QueueMessage, messageId: string, enqueueAt: Date, attempt: number): Promise<void> {
    await this.senderFor(message).scheduleMessages({ ...toServiceBusMessage(message, messageId), applicationProperties: { [attemptProperty]: attempt } }, enqueueAt);
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
