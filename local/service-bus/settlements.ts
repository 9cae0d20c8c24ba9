/**
 * What happens to a locked message: complete, abandon, defer, dead-letter, renew, lock expiry, and taking a deferred
 * message by sequence number. Lock keys come from a link's delivery tag or from a `$management` request alike.
 * A client's settlement is saved before it is made (`Broker.changeDurably`): one that cannot be saved fails and
 * leaves the message locked exactly as it was. Lock expiry is the broker's own decision and is made at once.
 */
import { Broker, type DeadLetterReason } from "./broker";
import type { Entity } from "./entity";
import type { Durable } from "./journal";
import { deleteRecord, updateRecord } from "./journal-records";
import type { LockToken } from "./lock-token";
import { withApplicationProperties, type StoredMessage } from "./stored-message";

export type SettleResult = "ok" | "lock-lost" | "not-allowed" | Error;
export type SettleDone = (result: SettleResult) => void;

const whenDurable =
  (done: SettleDone): Durable =>
  (error) =>
    done(error ?? "ok");

export function complete(broker: Broker, entity: Entity, lockKey: string, done: SettleDone): void {
  const message = entity.locked(lockKey, Date.now());
  if (message === undefined) return done("lock-lost");
  broker.changeDurably(
    [message],
    () => [deleteRecord(entity, message)],
    () => entity.remove(message),
    whenDurable(done)
  );
}

/** Abandon: back in line (or back to deferred) with one more delivery counted. */
export function abandon(
  broker: Broker,
  entity: Entity,
  lockKey: string,
  properties: Record<string, unknown> | undefined,
  done: SettleDone
): void {
  const message = entity.locked(lockKey, Date.now());
  if (message === undefined) return done("lock-lost");
  release(broker, entity, message, { properties, defer: false }, whenDurable(done), true);
}

export function defer(
  broker: Broker,
  entity: Entity,
  lockKey: string,
  properties: Record<string, unknown> | undefined,
  done: SettleDone
): void {
  const message = entity.locked(lockKey, Date.now());
  if (message === undefined) return done("lock-lost");
  release(broker, entity, message, { properties, defer: true }, whenDurable(done), true);
}

export function deadLetter(
  broker: Broker,
  entity: Entity,
  lockKey: string,
  reason: DeadLetterReason,
  done: SettleDone
): void {
  const message = entity.locked(lockKey, Date.now());
  if (message === undefined) return done("lock-lost");
  if (entity.deadLetterQueue === undefined) return done("not-allowed");
  broker.moveToDeadLetter(entity, message, reason, whenDurable(done), true);
}

/** The new locked-until time, or undefined when the lock is already lost. */
export function renewLock(entity: Entity, lockKey: string): number | undefined {
  const now = Date.now();
  const message = entity.locked(lockKey, now);
  if (message?.lock === undefined) return undefined;
  message.lock.until = now + entity.lockDurationMs;
  return message.lock.until;
}

/** Lock expiry counts as a failed delivery, exactly like an abandon. */
export function expireLocks(broker: Broker, now: number): void {
  for (const entity of broker.allEntities()) {
    if (entity.locks.size === 0) continue;
    for (const message of entity.locks.values()) {
      if (message.lock !== undefined && message.lock.until <= now && message.settling !== true) {
        release(
          broker,
          entity,
          message,
          { properties: undefined, defer: message.deferred },
          broker.reportFailure,
          false
        );
      }
    }
  }
}

export interface TakenMessage {
  readonly message: StoredMessage;
  /** Undefined in receive-and-delete mode. */
  readonly lock: LockToken | undefined;
}

/** `receiveDeferredMessages`: all or nothing, and only deferred messages nobody holds a lock on. */
export function takeDeferred(
  broker: Broker,
  entity: Entity,
  seqs: readonly number[],
  receiveAndDelete: boolean,
  done: (taken: readonly TakenMessage[] | undefined, error?: Error) => void
): void {
  const found = seqs.map((seq) => entity.messages.get(seq));
  const available = found.filter(
    (message): message is StoredMessage =>
      message?.deferred === true && message.lock === undefined && message.settling !== true
  );
  if (available.length !== seqs.length) return done(undefined);
  const now = Date.now();
  if (!receiveAndDelete) return done(available.map((message) => ({ message, lock: entity.lock(message, now) })));
  broker.changeDurably(
    available,
    () => available.map((message) => deleteRecord(entity, message)),
    () => {
      for (const message of available) entity.remove(message);
    },
    (error) =>
      error === undefined ? done(available.map((message) => ({ message, lock: undefined }))) : done(undefined, error)
  );
}

/** The message back in line with one more delivery, or dead-lettered once it has had as many as the queue allows. */
function release(
  broker: Broker,
  entity: Entity,
  message: StoredMessage,
  change: { properties: Record<string, unknown> | undefined; defer: boolean },
  done: Durable,
  durably: boolean
): void {
  const updated = withApplicationProperties(message.message, change.properties);
  const next: StoredMessage = {
    ...message,
    message: updated,
    deliveryCount: message.deliveryCount + 1,
    deferred: message.deferred || change.defer
  };
  const limit = entity.declaration.maxDeliveryCount;
  if (!next.deferred && entity.deadLetterQueue !== undefined && next.deliveryCount >= limit) {
    const description = `Message could not be consumed after ${limit} delivery attempts.`;
    broker.moveToDeadLetter(entity, message, { reason: "MaxDeliveryCountExceeded", description }, done, durably, next);
    return;
  }
  const records = () => [updateRecord(entity, next, updated !== message.message)];
  const apply = () => {
    entity.unlock(message);
    message.message = next.message;
    message.deliveryCount = next.deliveryCount;
    message.deferred = next.deferred;
    if (!message.deferred) entity.ready.push(message);
    broker.pump(entity);
  };
  if (durably) return broker.changeDurably([message], records, apply, done);
  apply();
  broker.journal.write(records, done, "written");
}
