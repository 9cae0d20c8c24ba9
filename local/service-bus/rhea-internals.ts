/**
 * The few rhea internals a broker needs and rhea's typings leave out, typed in one place: credit arithmetic,
 * echoing the peer's settle modes, answering a drain, and building settled outcomes.
 */
import { message as amqpMessage, type Delivery, type link, type Sender } from "rhea";

export interface AttachFields {
  snd_settle_mode?: number;
  rcv_settle_mode?: number;
  max_message_size?: number;
}

interface SenderInternals {
  credit: number;
  delivery_count: number;
  issue_flow: boolean;
  local: { attach: AttachFields };
  connection: { _register(): void };
  session: { outgoing: { available(): number } };
  _get_drain(): boolean;
}

interface OutcomeFactory {
  accepted(): { described(): unknown };
  rejected(fields: { error?: AmqpErrorFields }): { described(): unknown };
  modified(fields: { delivery_failed?: boolean; undeliverable_here?: boolean }): { described(): unknown };
}

export interface AmqpErrorFields {
  readonly condition: string;
  readonly description: string;
}

const outcomes = amqpMessage as unknown as OutcomeFactory;

export const acceptedOutcome = (): unknown => outcomes.accepted().described();
export const rejectedOutcome = (error?: AmqpErrorFields): unknown =>
  outcomes.rejected(error === undefined ? {} : { error }).described();
export const modifiedOutcome = (undeliverableHere: boolean): unknown =>
  outcomes.modified({ delivery_failed: true, undeliverable_here: undeliverableHere }).described();

/**
 * The delivery count up to which the peer has granted credit. rhea lowers `credit` only when a transfer is
 * written (a tick later), so `credit + delivery_count` is the one figure that stays exact between flows.
 */
export function creditLimit(sender: Sender): number {
  const internals = sender as unknown as SenderInternals;
  return internals.credit + internals.delivery_count;
}

/** Whether the session still has a free slot for one more unsettled delivery (rhea keeps 2048). */
export function sessionHasRoom(sender: Sender): boolean {
  return (sender as unknown as SenderInternals).session.outgoing.available() > 0;
}

/** Fields of our attach reply (settle modes, max message size); it is written after the open handler returns. */
export function setLocalAttach(target: link, fields: AttachFields): void {
  Object.assign((target as unknown as SenderInternals).local.attach, fields);
}

/**
 * Answers a drain request: the remaining credit is consumed and a flow with `drain=true` goes back. rhea only does
 * that while it still counts credit, but the SDK waits for the echo even when transfers used the credit up.
 */
export function answerDrain(sender: Sender): void {
  const internals = sender as unknown as SenderInternals;
  internals._get_drain = function (this: SenderInternals): boolean {
    Reflect.deleteProperty(this, "_get_drain");
    this.delivery_count += this.credit;
    this.credit = 0;
    return true;
  };
  internals.issue_flow = true;
  internals.connection._register();
}

/**
 * Settles a delivery we sent with the given outcome and forgets it. With rcv-settle-mode "second" the client never
 * settles after us, and rhea would otherwise keep the delivery and stall the session after 2048 of them.
 */
export function settleAndForget(delivery: Delivery, outcome: unknown): void {
  delivery.update(true, outcome);
  (delivery as { remote_settled: boolean }).remote_settled = true;
}
