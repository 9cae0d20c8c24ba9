/**
 * A sender's link, seen from the broker (an AMQP receiver). Single messages arrive decoded; `sendMessages([...])`
 * and `sendMessages(batch)` arrive as one transfer of format 0x80013700 whose body is one data section per
 * encoded message. Nothing is acknowledged before it is journaled and flushed to the device.
 */
import type { EventContext, Message, Receiver } from "rhea";
import { failureFor } from "./amqp-errors";
import type { Broker } from "./broker";
import type { Entity } from "./entity";
import { decodeAmqpMessage } from "./stored-message";

const batchFormat = 0x80013700;

export function acceptSends(receiver: Receiver, entity: Entity, broker: Broker): void {
  receiver.on("message", (context: EventContext) => {
    const delivery = context.delivery;
    if (delivery === undefined) return;
    const refusal = broker.refusals.takeNext(entity.path);
    if (refusal !== undefined) {
      delivery.reject(refusal);
      return;
    }
    let messages: Message[];
    try {
      messages = decodeTransfer(context);
    } catch (error) {
      delivery.reject({
        condition: "amqp:decode-error",
        description: error instanceof Error ? error.message : String(error)
      });
      return;
    }
    broker.send(entity, messages, (error) =>
      error === undefined ? delivery.accept() : delivery.reject(failureFor(error))
    );
  });
}

function decodeTransfer(context: EventContext): Message[] {
  const format = (context as { format?: number }).format ?? 0;
  if (format === 0) return context.message === undefined ? [] : [context.message];
  if (format !== batchFormat) throw new Error(`Unsupported message format ${format}.`);
  // rhea hands non-zero formats over undecoded.
  const envelope = decodeAmqpMessage(context.message as unknown as Buffer);
  const body = envelope.body as { content?: Buffer | Buffer[]; multiple?: boolean } | undefined;
  if (body?.content === undefined) return [];
  const sections = body.multiple === true && Array.isArray(body.content) ? body.content : [body.content as Buffer];
  return sections.map((section) => decodeAmqpMessage(section));
}
