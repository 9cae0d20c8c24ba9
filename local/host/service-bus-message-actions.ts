/**
 * What a function registered with `sdkBinding: true` receives, in the shape of
 * `@azure/functions-extensions-servicebus`'s ServiceBusMessageContext: the received message and the actions to
 * settle it. On Azure those actions travel over the host's settlement channel; here they are the real
 * receiver's own calls against the emulator.
 */
import type { DeadLetterOptions, ServiceBusReceivedMessage, ServiceBusReceiver } from "@azure/service-bus";

export interface LocalMessageActions {
  complete(message: ServiceBusReceivedMessage): Promise<void>;
  abandon(message: ServiceBusReceivedMessage, propertiesToModify?: Uint8Array): Promise<void>;
  deadletter(
    message: ServiceBusReceivedMessage,
    propertiesToModify?: Uint8Array,
    deadletterReason?: string,
    deadletterErrorDescription?: string
  ): Promise<void>;
  defer(message: ServiceBusReceivedMessage, propertiesToModify?: Uint8Array): Promise<void>;
  renewMessageLock(message: ServiceBusReceivedMessage): Promise<void>;
}

export interface LocalMessageContext {
  readonly messages: ServiceBusReceivedMessage;
  readonly actions: LocalMessageActions;
  /** Whether the handler settled the message, so the host knows not to. */
  readonly settled: () => boolean;
}

export function messageContextFor(
  message: ServiceBusReceivedMessage,
  receiver: ServiceBusReceiver
): LocalMessageContext {
  let settled = false;
  const settle = async (action: () => Promise<unknown>) => {
    await action();
    settled = true;
  };
  return {
    messages: message,
    settled: () => settled,
    actions: {
      complete: (m) => settle(() => receiver.completeMessage(m)),
      abandon: (m) => settle(() => receiver.abandonMessage(m)),
      deadletter: (m, _properties, deadLetterReason, errorDescription) =>
        settle(() => {
          const options: DeadLetterOptions & Record<string, string> = {
            deadLetterReason: deadLetterReason ?? "",
            deadLetterErrorDescription: errorDescription ?? ""
          };
          return receiver.deadLetterMessage(m, options);
        }),
      defer: (m) => settle(() => receiver.deferMessage(m)),
      renewMessageLock: async (m) => {
        await receiver.renewMessageLock(m);
      }
    }
  };
}
