/** The AMQP error conditions and texts Service Bus uses, which the SDK maps to its error codes. */
import type { AmqpErrorFields } from "./rhea-internals";

export const conditions = {
  notFound: "amqp:not-found",
  notAllowed: "amqp:not-allowed",
  notImplemented: "amqp:not-implemented",
  internalError: "amqp:internal-error",
  lockLost: "com.microsoft:message-lock-lost",
  messageNotFound: "com.microsoft:message-not-found",
  deadLetter: "com.microsoft:dead-letter"
} as const;

/** The SDK recognises this exact wording and reports `MessagingEntityNotFound`. */
export function entityNotFound(path: string): AmqpErrorFields {
  return { condition: conditions.notFound, description: `The messaging entity '${path}' could not be found.` };
}

export const lockLost: AmqpErrorFields = {
  condition: conditions.lockLost,
  description: "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue."
};

export const deadLetterQueueNotAllowed: AmqpErrorFields = {
  condition: conditions.notAllowed,
  description: "A message in a dead-letter queue cannot be dead-lettered again."
};

export const sendToDeadLetterQueue: AmqpErrorFields = {
  condition: conditions.notAllowed,
  description: "Messages cannot be sent to a dead-letter queue."
};

export const sessionsNotSupported: AmqpErrorFields = {
  condition: conditions.notImplemented,
  description: "Message sessions are not supported by the local Service Bus emulator."
};

export function internalError(error: Error): AmqpErrorFields {
  return { condition: conditions.internalError, description: error.message };
}
