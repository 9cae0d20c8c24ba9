/** MessagePublisher on Service Bus: one cached sender per queue, JSON bodies, the outbox entry id as messageId. */
import type { ServiceBusClient, ServiceBusSender } from "@azure/service-bus";
import { queueOf, type QueueMessage } from "./messages";
import type { MessagePublisher } from "../relationships/ports";

export class ServiceBusPublisher implements MessagePublisher {
  private readonly senders = new Map<string, ServiceBusSender>();

  constructor(private readonly client: ServiceBusClient) {}

  async publish(message: QueueMessage, messageId: string): Promise<void> {
    const queue = queueOf(message);
    let sender = this.senders.get(queue);
    if (!sender) {
      sender = this.client.createSender(queue);
      this.senders.set(queue, sender);
    }
    await sender.sendMessages({
      body: message,
      messageId,
      contentType: "application/json",
      subject: message.kind,
      correlationId: "relationshipId" in message ? message.relationshipId : undefined
    });
  }
}
