/** The AMQP error conditions and texts Service Bus uses, which the SDK maps to its error codes. */
import { StorageError } from "../storage/storage-errors";
import type { AmqpErrorFields } from "./rhea-internals";

export const conditions = {
  notFound: "amqp:not-found",
  notAllowed: "amqp:not-allowed",
  notImplemented: "amqp:not-implemented",
  internalError: "amqp:internal-error",
  serverBusy: "com.microsoft:server-busy",
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
  description:
    "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue."
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

/**
 * A change that could not be saved (a full disk) was not made: the client hears "server busy", which the SDK
 * retries, as Service Bus answers when it cannot take a request right now. Anything else is an internal error.
 */
export function failureFor(error: Error): AmqpErrorFields {
  if (error instanceof StorageError) {
    return {
      condition: conditions.serverBusy,
      description: `The local Service Bus emulator could not save this change, so it made none: ${error.message}. Try again shortly.`
    };
  }
  return { condition: conditions.internalError, description: error.message };
}
