/**
 * A receiver's link, seen from the broker (an AMQP sender). Counts its own credit, answers drains, sends each
 * message with its lock token as delivery tag, and turns the receiver's dispositions into settlements:
 * accepted = complete, modified = abandon or (undeliverable-here) defer, rejected with
 * `com.microsoft:dead-letter` = dead-letter. Every disposition is answered with a settled one.
 */
import type { Delivery, EventContext, Sender, Session } from "rhea";
import { deadLetterQueueNotAllowed, failureFor, lockLost, conditions } from "./amqp-errors";
import type { Broker } from "./broker";
import type { Consumer, Entity } from "./entity";
import { lockKeyFromTag, type LockToken } from "./lock-token";
import {
  acceptedOutcome,
  answerDrain,
  creditLimit,
  modifiedOutcome,
  rejectedOutcome,
  sessionHasRoom,
  settleAndForget
} from "./rhea-internals";
import { abandon, complete, deadLetter, defer, type SettleResult } from "./settlements";
import { toWireMessage, type StoredMessage } from "./stored-message";

type RemoteState = {
  undeliverable_here?: boolean;
  message_annotations?: Record<string, unknown>;
  error?: { condition?: string; description?: string; info?: Record<string, unknown> };
};

export class OutgoingLink implements Consumer {
  /** The peer's delivery-count limit (its delivery count + link credit) at the last flow. */
  private limit = 0;
  private sent = 0;
  private closed = false;

  constructor(
    private readonly sender: Sender,
    private readonly entity: Entity,
    private readonly broker: Broker,
    readonly receiveAndDelete: boolean
  ) {
    sender.on("sender_flow", () => this.onFlow());
    sender.on("sender_draining", () => this.onDrain());
    sender.on("sendable", () => broker.pump(entity));
    sender.on("accepted", (context: EventContext) => this.settle(context, "complete"));
    sender.on("modified", (context: EventContext) => this.settle(context, "modified"));
    sender.on("released", (context: EventContext) => this.settle(context, "modified"));
    sender.on("rejected", (context: EventContext) => this.settle(context, "rejected"));
    sender.on("sender_close", () => this.close());
    entity.addConsumer(this);
  }

  get session(): Session {
    return this.sender.session;
  }

  hasCredit(): boolean {
    return !this.closed && this.limit > this.sent && sessionHasRoom(this.sender) && this.sender.is_open();
  }

  deliver(message: StoredMessage, lock: LockToken | undefined): void {
    this.sent++;
    const tag = lock?.tag ?? sequenceTag(message.seq);
    this.sender.send(toWireMessage(message, message.lock?.until), tag);
  }

  /** Detaches from the entity; locks it handed out stay valid until they expire, as in Service Bus. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.entity.removeConsumer(this);
  }

  private onFlow(): void {
    this.limit = creditLimit(this.sender);
    this.broker.pump(this.entity);
  }

  private onDrain(): void {
    this.broker.pump(this.entity);
    this.sent = this.limit;
    answerDrain(this.sender);
  }

  private settle(context: EventContext, outcome: "complete" | "modified" | "rejected"): void {
    const delivery = context.delivery;
    if (delivery === undefined || delivery.settled) return;
    const key = lockKeyFromTag(delivery.tag);
    if (this.receiveAndDelete || key === undefined) return settleAndForget(delivery, rejectedOutcome(lockLost));
    const state = (delivery.remote_state ?? {}) as RemoteState;
    const reply = (result: SettleResult): void => answer(delivery, result, outcome, state);
    if (outcome === "complete") return complete(this.broker, this.entity, key, reply);
    if (outcome === "modified") {
      const settle = state.undeliverable_here === true ? defer : abandon;
      return settle(this.broker, this.entity, key, state.message_annotations, reply);
    }
    if (state.error?.condition !== conditions.deadLetter)
      return abandon(this.broker, this.entity, key, undefined, reply);
    const { DeadLetterReason, DeadLetterErrorDescription, ...properties } = state.error.info ?? {};
    deadLetter(
      this.broker,
      this.entity,
      key,
      { reason: asText(DeadLetterReason), description: asText(DeadLetterErrorDescription), properties },
      reply
    );
  }
}

function answer(
  delivery: Delivery,
  result: SettleResult,
  outcome: "complete" | "modified" | "rejected",
  state: RemoteState
): void {
  if (result === "lock-lost") return settleAndForget(delivery, rejectedOutcome(lockLost));
  if (result === "not-allowed") return settleAndForget(delivery, rejectedOutcome(deadLetterQueueNotAllowed));
  if (result instanceof Error) return settleAndForget(delivery, rejectedOutcome(failureFor(result)));
  // Echo the outcome without an error: the SDK treats any error in our reply as a failed settlement.
  if (outcome === "complete") return settleAndForget(delivery, acceptedOutcome());
  if (outcome === "modified") return settleAndForget(delivery, modifiedOutcome(state.undeliverable_here === true));
  settleAndForget(delivery, rejectedOutcome());
}

function asText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

/** Receive-and-delete deliveries carry no lock; any unique tag will do. */
function sequenceTag(seq: number): Buffer {
  const tag = Buffer.alloc(8);
  tag.writeBigUInt64BE(BigInt(seq));
  return tag;
}
