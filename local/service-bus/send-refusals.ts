/**
 * Sends a test arms the emulator to refuse, so it can watch the product cope with Service Bus failing after its
 * Cosmos write: the next N sends to a queue are rejected with the condition real Service Bus uses. `quotaExceeded`
 * (the queue is full) is not retried by the SDK, so the send fails at once; `serverBusy` is retried with the
 * client's retryOptions, so a count above its maxRetries makes the send fail after the retry delays.
 */
import type { AmqpErrorFields } from "./rhea-internals";

export const refusalConditions = {
  quotaExceeded: "amqp:resource-limit-exceeded",
  serverBusy: "com.microsoft:server-busy"
} as const;

export type RefusalKind = keyof typeof refusalConditions;

export class SendRefusals {
  private readonly armed = new Map<string, { count: number; kind: RefusalKind }>();

  /** Replaces whatever was armed for `queue`; a count of 0 disarms. */
  arm(queue: string, count: number, kind: RefusalKind = "quotaExceeded"): void {
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError(`refuseSends: count must be a whole number >= 0, not ${count}`);
    if (count === 0) this.armed.delete(queue.toLowerCase());
    else this.armed.set(queue.toLowerCase(), { count, kind });
  }

  /** The error to reject the next transfer to `queue` with, if a refusal is still armed; consumes it. */
  takeNext(queue: string): AmqpErrorFields | undefined {
    const key = queue.toLowerCase();
    const armed = this.armed.get(key);
    if (armed === undefined) return undefined;
    if (armed.count <= 1) this.armed.delete(key);
    else armed.count -= 1;
    return armed.kind === "quotaExceeded"
      ? {
          condition: refusalConditions.quotaExceeded,
          description: `The maximum entity size has been reached or exceeded for Queue: '${queue}' (refused on request by the local emulator).`
        }
      : {
          condition: refusalConditions.serverBusy,
          description: `The server is busy (refused on request by the local emulator).`
        };
  }
}
