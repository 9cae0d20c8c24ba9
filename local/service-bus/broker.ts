/**
 * The broker: every queue and dead-letter queue, and what sending, scheduling, delivering, expiring and
 * dead-lettering do to them. Settling locked messages (and lock expiry) lives in `settlements.ts`.
 */
import type { Message } from "rhea";
import type { QueueDeclaration } from "../../shared/messaging/queues";
import type { RecoveredEntity } from "./disk-store";
import { Entity, type EntityCounts } from "./entity";
import { reportOnChange } from "./save-reports";
import { SendRefusals } from "./send-refusals";
import type { Durable, Journal, JournalRecord, WaitFor } from "./journal";
import { addRecord, deleteRecord, storedFromRecord } from "./journal-records";
import {
  expiresAt,
  requestedScheduleTime,
  stampMessageId,
  withApplicationProperties,
  type StoredMessage
} from "./stored-message";

export interface QueueCounts extends EntityCounts {
  /** Messages in the queue's dead-letter sub-queue. */
  readonly deadLettered: number;
}

export const deadLetterSuffix = "/$DeadLetterQueue";

export class Broker {
  private readonly entities = new Map<string, Entity>();
  /** Recovered records of queues no longer declared: kept on disk, not served. */
  private orphans: JournalRecord[] = [];
  /** Sends a test asked to refuse (failure injection). */
  readonly refusals = new SendRefusals();

  constructor(
    queues: readonly QueueDeclaration[],
    readonly journal: Journal,
    readonly log: (line: string) => void
  ) {
    this.reportFailure = reportOnChange(log);
    for (const declaration of queues) {
      const deadLetter = new Entity(`${declaration.name}${deadLetterSuffix}`, declaration, undefined);
      const queue = new Entity(declaration.name, declaration, deadLetter);
      this.entities.set(queue.path.toLowerCase(), queue);
      this.entities.set(deadLetter.path.toLowerCase(), deadLetter);
    }
  }

  /** Entity names are case-insensitive in Service Bus. */
  find(path: string): Entity | undefined {
    return this.entities.get(path.toLowerCase());
  }

  /**
   * Makes messages visible and calls `done` once they are durable; the sender hears `accepted` only then. A message
   * carrying a future `x-opt-scheduled-enqueue-time` (`scheduleMessages`, or a scheduled send) waits until then.
   */
  send(
    entity: Entity,
    messages: readonly Message[],
    done: (error: Error | undefined, seqs: readonly number[]) => void
  ): void {
    const now = Date.now();
    const stored = messages.map((message) => {
      const requested = requestedScheduleTime(stampMessageId(message));
      return newStored(
        entity.allocateSeq(),
        message,
        now,
        requested !== undefined && requested > now ? requested : undefined
      );
    });
    this.journal.write(
      () => stored.map((message) => addRecord(entity, message)),
      (error) => {
        this.reportFailure(error);
        if (error === undefined) {
          for (const message of stored) entity.insert(message);
          this.pump(entity);
        }
        done(
          error,
          stored.map((message) => message.seq)
        );
      }
    );
  }

  cancelScheduled(entity: Entity, seqs: readonly number[], done: Durable): void {
    const cancelled: StoredMessage[] = [];
    for (const seq of seqs) {
      const message = entity.messages.get(seq);
      if (message?.scheduledAt === undefined || message.settling === true) continue;
      cancelled.push(message);
    }
    // A cancelled message must stay cancelled after a power loss: it would otherwise be sent after all.
    const apply = () => {
      for (const message of cancelled) entity.remove(message);
    };
    this.changeDurably(
      cancelled,
      () => cancelled.map((message) => deleteRecord(entity, message)),
      apply,
      done,
      "flushed"
    );
  }

  /**
   * A change a client will be told about is saved first and made after: if it cannot be saved, it never happened
   * and the client hears so. Until then the messages are `settling`, so nothing else acts on them. Settlements
   * wait until the record is written; see `Journal` for why a power loss may undo them.
   */
  changeDurably(
    messages: readonly StoredMessage[],
    records: () => readonly JournalRecord[],
    apply: () => void,
    done: Durable,
    waitFor: WaitFor = "written"
  ): void {
    for (const message of messages) message.settling = true;
    this.journal.write(
      records,
      (error) => {
        this.reportFailure(error);
        for (const message of messages) message.settling = false;
        if (error === undefined) apply();
        done(error);
      },
      waitFor
    );
  }

  /** Hands ready messages to consumers with credit until one side runs out. */
  pump(entity: Entity): void {
    const now = Date.now();
    while (entity.ready.size > 0) {
      const consumer = entity.nextConsumer();
      if (consumer === undefined) return;
      const message = entity.ready.shift();
      if (message === undefined) return;
      const expiry = entity.deadLetterQueue === undefined ? undefined : expiresAt(message);
      if (expiry !== undefined && expiry <= now) {
        this.expire(entity, message);
        continue;
      }
      if (consumer.receiveAndDelete) {
        entity.remove(message);
        this.journal.write(() => [deleteRecord(entity, message)], this.reportFailure, "written");
        consumer.deliver(message, undefined);
      } else {
        consumer.deliver(message, entity.lock(message, now));
      }
    }
  }

  /**
   * Moves a message to the dead-letter sub-queue with Service Bus's reason properties (what the SDK reads back as
   * `deadLetterReason` / `deadLetterErrorDescription`). `durably`: a client asked, so the move is saved before it
   * is made; otherwise (the broker's own decision: expiry, too many deliveries) it is made at once. `content` is
   * the message as it leaves (its body and delivery count), when that differs from what is stored.
   */
  moveToDeadLetter(
    entity: Entity,
    message: StoredMessage,
    reason: DeadLetterReason,
    done: Durable,
    durably: boolean,
    content: StoredMessage = message
  ): void {
    const deadLetter = entity.deadLetterQueue;
    if (deadLetter === undefined) throw new Error(`${entity.path} is a dead-letter queue`);
    const moved: StoredMessage = {
      ...newStored(
        deadLetter.allocateSeq(),
        withApplicationProperties(content.message, reasonProperties(reason)),
        message.enqueuedAt,
        undefined
      ),
      deliveryCount: content.deliveryCount
    };
    const records = () => [deleteRecord(entity, message), addRecord(deadLetter, moved)];
    const apply = () => {
      entity.remove(message);
      deadLetter.insert(moved);
      this.pump(deadLetter);
    };
    if (durably) return this.changeDurably([message], records, apply, done);
    apply();
    this.journal.write(records, done, "written");
  }

  /** A message past its time-to-live is dead-lettered or dropped, as the queue declares. */
  private expire(entity: Entity, message: StoredMessage): void {
    if (entity.declaration.deadLetteringOnMessageExpiration) {
      this.moveToDeadLetter(
        entity,
        message,
        { reason: "TTLExpiredException", description: "The message expired and was dead lettered." },
        this.reportFailure,
        false
      );
      return;
    }
    entity.remove(message);
    this.journal.write(() => [deleteRecord(entity, message)], this.reportFailure, "written");
  }

  /** Messages from `fromSeq` on, in sequence order, whatever their state (as `peekMessages` sees them). */
  peek(entity: Entity, fromSeq: number, count: number): StoredMessage[] {
    const found: StoredMessage[] = [];
    for (const message of entity.messages.values()) {
      if (message.seq < fromSeq) continue;
      found.push(message);
      if (found.length >= count) break;
    }
    return found;
  }

  /** Activates scheduled messages whose time has come; the caller handles expired locks. */
  activateDue(now: number): void {
    for (const entity of this.entities.values()) {
      if (entity.scheduled.size === 0) continue;
      for (const message of entity.scheduled) {
        if ((message.scheduledAt ?? 0) > now || message.settling === true) continue;
        entity.scheduled.delete(message);
        message.scheduledAt = undefined;
        message.enqueuedAt = now;
        entity.ready.push(message);
      }
      this.pump(entity);
    }
  }

  allEntities(): IterableIterator<Entity> {
    return this.entities.values();
  }

  counts(): Record<string, QueueCounts> {
    const result: Record<string, QueueCounts> = {};
    for (const entity of this.entities.values()) {
      if (entity.deadLetterQueue === undefined) continue;
      result[entity.path] = { ...entity.counts(), deadLettered: entity.deadLetterQueue.messages.size };
    }
    return result;
  }

  restore(recovered: ReadonlyMap<string, RecoveredEntity>): number {
    const now = Date.now();
    let restored = 0;
    for (const [path, state] of recovered) {
      const entity = this.find(path);
      const records = [...state.messages.values()].sort((a, b) => a.s - b.s);
      if (entity === undefined) {
        if (records.length > 0)
          this.log(`service-bus: keeping ${records.length} message(s) of undeclared entity '${path}' on disk`);
        this.orphans.push({ o: "seq", q: path, s: state.nextSeq }, ...records);
        continue;
      }
      entity.raiseSequenceTo(state.nextSeq);
      for (const record of records) entity.insert(storedFromRecord(record, now));
      restored += records.length;
    }
    return restored;
  }

  /** The whole state as journal records, for a snapshot. Locks are left out on purpose. */
  snapshotRecords(): JournalRecord[] {
    const records = [...this.orphans];
    for (const entity of this.entities.values()) {
      records.push({ o: "seq", q: entity.path, s: entity.sequenceHighWater });
      for (const message of entity.messages.values()) records.push(addRecord(entity, message));
    }
    return records;
  }

  /**
   * Reports when saving starts to fail and when it works again. The broker's own changes (lock expiry, message
   * expiry) are made at once and only reported: each is a legitimate state whether or not its record reaches the
   * disk, and a snapshot that later holds it holds the truth.
   */
  readonly reportFailure: Durable;
}

export interface DeadLetterReason {
  readonly reason?: string | undefined;
  readonly description?: string | undefined;
  /** Other `propertiesToModify` the client sent along. */
  readonly properties?: Record<string, unknown> | undefined;
}

function reasonProperties({ reason, description, properties }: DeadLetterReason): Record<string, unknown> {
  return {
    ...properties,
    ...(reason === undefined ? {} : { DeadLetterReason: reason }),
    ...(description === undefined ? {} : { DeadLetterErrorDescription: description })
  };
}

export function newStored(seq: number, message: Message, now: number, scheduledAt: number | undefined): StoredMessage {
  return {
    seq,
    enqueuedAt: scheduledAt ?? now,
    message,
    deliveryCount: 0,
    deferred: false,
    scheduledAt,
    lock: undefined
  };
}
