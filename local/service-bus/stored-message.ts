/**
 * A message as the broker keeps it: what the client sent (its message id stamped when missing) plus the state the
 * broker owns. Broker annotations and the delivery count are added only on the way out, so stored messages stay
 * exactly what was sent.
 */
import { randomUUID } from "node:crypto";
import { message as amqpMessage, types, type Message } from "rhea";

export interface MessageLock {
  readonly key: string;
  until: number;
}

export interface StoredMessage {
  readonly seq: number;
  /** Epoch ms; for a scheduled message, when it became active. */
  enqueuedAt: number;
  message: Message;
  /** Deliveries that ended without settlement (abandon, defer, lock expiry): the AMQP header `delivery_count`. */
  deliveryCount: number;
  deferred: boolean;
  /** Set while the message waits for its scheduled time. */
  scheduledAt: number | undefined;
  lock: MessageLock | undefined;
  /** Set while a client's change to it is being saved: nothing else may touch it until that is settled. */
  settling?: boolean;
}

export const annotations = {
  sequenceNumber: "x-opt-sequence-number",
  enqueuedTime: "x-opt-enqueued-time",
  lockedUntil: "x-opt-locked-until",
  messageState: "x-opt-message-state",
  scheduledEnqueueTime: "x-opt-scheduled-enqueue-time"
} as const;

const messageState = { active: 0, deferred: 1, scheduled: 2 } as const;

/** Service Bus stamps a GUID (as .NET prints it with "N") when the sender gave no message id. */
export function stampMessageId(message: Message): Message {
  if (message.message_id === undefined || message.message_id === null)
    message.message_id = randomUUID().replace(/-/g, "");
  return message;
}

/** The time asked for by `scheduledEnqueueTimeUtc`, if any. */
export function requestedScheduleTime(message: Message): number | undefined {
  const value: unknown = message.message_annotations?.[annotations.scheduledEnqueueTime];
  if (value instanceof Date) return value.getTime();
  return typeof value === "number" ? value : undefined;
}

/** When a message with a time-to-live expires, counted from its enqueue time as Service Bus does. */
export function expiresAt(stored: StoredMessage): number | undefined {
  const ttl = stored.message.ttl;
  return typeof ttl === "number" && ttl > 0 ? stored.enqueuedAt + ttl : undefined;
}

/** The message as a receiver sees it: broker annotations and the delivery count laid over what was sent. */
export function toWireMessage(stored: StoredMessage, lockedUntil: number | undefined): Message {
  const added: Record<string, unknown> = {
    [annotations.sequenceNumber]: types.wrap_long(stored.seq),
    [annotations.enqueuedTime]: new Date(stored.enqueuedAt)
  };
  if (lockedUntil !== undefined) added[annotations.lockedUntil] = new Date(lockedUntil);
  if (stored.deferred) added[annotations.messageState] = messageState.deferred;
  else if (stored.scheduledAt !== undefined) added[annotations.messageState] = messageState.scheduled;
  return {
    ...stored.message,
    delivery_count: stored.deliveryCount,
    message_annotations: { ...stored.message.message_annotations, ...added }
  };
}

export function encodeWireMessage(stored: StoredMessage, lockedUntil: number | undefined): Buffer {
  return amqpMessage.encode(toWireMessage(stored, lockedUntil));
}

/** Settlements may carry `propertiesToModify`; Service Bus merges them into the application properties. */
export function withApplicationProperties(message: Message, changes: Record<string, unknown> | undefined): Message {
  if (changes === undefined || Object.keys(changes).length === 0) return message;
  return { ...message, application_properties: { ...message.application_properties, ...changes } };
}

export function encodeMessage(message: Message): string {
  return amqpMessage.encode(message).toString("base64");
}

export function decodeMessage(base64: string): Message {
  return decodeAmqpMessage(Buffer.from(base64, "base64"));
}

/** rhea's `decode` is typed with its loose internal message type; it returns the same shape it delivers. */
export function decodeAmqpMessage(bytes: Buffer): Message {
  return amqpMessage.decode(bytes) as unknown as Message;
}
