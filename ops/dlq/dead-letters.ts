/**
 * What an operator does with a queue's dead-letter sub-queue, through the ordinary Service Bus SDK (so it works
 * the same against the local emulator and against Azure): look (peek, which locks and changes nothing), replay a
 * message (send a copy to the queue, then complete the dead letter) and purge (complete without a copy).
 *
 * Replay is exactly once in effect: the copy keeps the message id and body, and every handler is idempotent, so a
 * crash between sending the copy and completing the dead letter (a second replay then sends another copy) does
 * no harm. The copy starts with a full set of attempts: the dead letter's reason and attempt count are left off.
 * Service Bus cannot receive a given message by sequence number (only deferred ones), so picking messages means
 * receiving them under lock, settling the chosen ones and releasing the rest when done.
 */
import type {
  ServiceBusClient,
  ServiceBusMessage,
  ServiceBusReceivedMessage,
  ServiceBusReceiver
} from "@azure/service-bus";
import Long from "long";
import { attemptProperty } from "../../shared/messaging/service-bus-publisher";

export interface DeadLetterSummary {
  readonly sequenceNumber: string;
  readonly enqueuedTime?: string;
  readonly deliveryCount?: number;
  readonly reason?: string;
  readonly description?: string;
  readonly messageId?: string;
}

export interface DeadLetterDetail extends DeadLetterSummary {
  readonly subject?: string;
  readonly contentType?: string;
  readonly correlationId?: string;
  readonly applicationProperties: Record<string, unknown>;
  readonly body: unknown;
}

/** Every message, or the ones with these sequence numbers (decimal strings: they are 64-bit). */
export type Selection = { readonly all: true } | { readonly sequenceNumbers: readonly string[] };

export interface SettleOutcome {
  readonly done: readonly string[];
  /** Asked for but not found (already gone, or past what one run looks at). */
  readonly missing: readonly string[];
}

const pageSize = 100;
/** Messages held under lock while looking for the chosen ones; the lock lasts the queue's lock duration (60 s). */
const maxHeld = 2_000;
const waitMs = 1_000;

export function deadLetterPath(queue: string): string {
  return `${queue}/$DeadLetterQueue`;
}

/** Peeks up to `limit` dead letters, oldest first; `more` when there are further ones. */
export async function listDeadLetters(
  client: ServiceBusClient,
  queue: string,
  limit: number
): Promise<{ messages: DeadLetterSummary[]; more: boolean }> {
  const peeked = await peekAll(client, queue, limit + 1);
  return { messages: peeked.slice(0, limit).map(summary), more: peeked.length > limit };
}

export async function showDeadLetter(
  client: ServiceBusClient,
  queue: string,
  sequenceNumber: string,
  searchLimit = 10_000
): Promise<DeadLetterDetail | undefined> {
  const found = (await peekAll(client, queue, searchLimit, (message) => seqOf(message) === sequenceNumber)).find(
    (message) => seqOf(message) === sequenceNumber
  );
  return found && detail(found);
}

export function replayDeadLetters(
  client: ServiceBusClient,
  queue: string,
  selection: Selection
): Promise<SettleOutcome> {
  const sender = client.createSender(queue);
  const replayedIds = new Set<string>();
  return settle(client, queue, selection, {
    // A copy that failed again and is back among the dead letters during this run is left for the next one.
    skip: (message) => message.messageId !== undefined && replayedIds.has(String(message.messageId)),
    act: async (message, receiver) => {
      await sender.sendMessages(replayCopy(message));
      if (message.messageId !== undefined) replayedIds.add(String(message.messageId));
      await receiver.completeMessage(message);
    },
    close: () => sender.close()
  });
}

export function purgeDeadLetters(
  client: ServiceBusClient,
  queue: string,
  selection: Selection
): Promise<SettleOutcome> {
  return settle(client, queue, selection, { act: (message, receiver) => receiver.completeMessage(message) });
}

interface Settler {
  skip?(message: ServiceBusReceivedMessage): boolean;
  act(message: ServiceBusReceivedMessage, receiver: ServiceBusReceiver): Promise<void>;
  close?(): Promise<void>;
}

async function settle(
  client: ServiceBusClient,
  queue: string,
  selection: Selection,
  settler: Settler
): Promise<SettleOutcome> {
  const receiver = client.createReceiver(queue, { subQueueType: "deadLetter", receiveMode: "peekLock" });
  const wanted = "all" in selection ? undefined : new Set(selection.sequenceNumbers);
  const held: ServiceBusReceivedMessage[] = [];
  const done: string[] = [];
  try {
    while ((wanted === undefined || wanted.size > 0) && held.length < maxHeld) {
      const batch = await receiver.receiveMessages(pageSize, { maxWaitTimeInMs: waitMs });
      if (batch.length === 0) break;
      for (const message of batch) {
        const seq = seqOf(message);
        if ((wanted && !wanted.has(seq)) || settler.skip?.(message)) {
          held.push(message);
          continue;
        }
        await settler.act(message, receiver);
        done.push(seq);
        wanted?.delete(seq);
      }
    }
  } finally {
    // Released only now, so the search never meets the same message twice.
    for (const message of held) await receiver.abandonMessage(message).catch(() => undefined);
    await receiver.close();
    await settler.close?.();
  }
  return { done, missing: wanted ? [...wanted] : [] };
}

/**
 * Peeks from the first sequence number on, saying where each page starts: without `fromSequenceNumber` the SDK
 * goes on from the last message any receiver of this client peeked on this queue, so a second look saw nothing.
 */
async function peekAll(
  client: ServiceBusClient,
  queue: string,
  limit: number,
  stopAt?: (message: ServiceBusReceivedMessage) => boolean
): Promise<ServiceBusReceivedMessage[]> {
  const receiver = client.createReceiver(queue, { subQueueType: "deadLetter" });
  const peeked: ServiceBusReceivedMessage[] = [];
  let from = Long.ZERO;
  try {
    while (peeked.length < limit) {
      const page = await receiver.peekMessages(Math.min(pageSize, limit - peeked.length), { fromSequenceNumber: from });
      if (page.length === 0) break;
      peeked.push(...page);
      if (stopAt && page.some(stopAt)) break;
      from = (page[page.length - 1]?.sequenceNumber ?? from).add(1);
    }
  } finally {
    await receiver.close();
  }
  return peeked;
}

/** The message as first sent: its dead-letter reason and its attempt count left behind. */
function replayCopy(message: ServiceBusReceivedMessage): ServiceBusMessage {
  const {
    DeadLetterReason: _reason,
    DeadLetterErrorDescription: _description,
    [attemptProperty]: _attempts,
    ...properties
  } = message.applicationProperties ?? {};
  return {
    body: message.body,
    messageId: message.messageId,
    contentType: message.contentType,
    subject: message.subject,
    correlationId: message.correlationId,
    applicationProperties: properties
  };
}

function seqOf(message: ServiceBusReceivedMessage): string {
  return message.sequenceNumber?.toString() ?? "";
}

function summary(message: ServiceBusReceivedMessage): DeadLetterSummary {
  return {
    sequenceNumber: seqOf(message),
    enqueuedTime: message.enqueuedTimeUtc?.toISOString(),
    deliveryCount: message.deliveryCount,
    reason: message.deadLetterReason,
    description: message.deadLetterErrorDescription,
    messageId: message.messageId === undefined ? undefined : String(message.messageId)
  };
}

function detail(message: ServiceBusReceivedMessage): DeadLetterDetail {
  return {
    ...summary(message),
    subject: message.subject,
    contentType: message.contentType,
    correlationId: message.correlationId === undefined ? undefined : String(message.correlationId),
    applicationProperties: { ...message.applicationProperties },
    body: message.body
  };
}
