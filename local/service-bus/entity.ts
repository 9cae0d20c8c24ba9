/**
 * One queue or dead-letter sub-queue: every message it holds (in sequence order), the ready ones, the locked
 * ones, the scheduled ones, and the receiver links attached to it. A passive structure; `Broker` drives it.
 */
import type { QueueDeclaration } from "../../shared/messaging/queues";
import { newLockToken, type LockToken } from "./lock-token";
import { ReadyQueue } from "./ready-queue";
import type { StoredMessage } from "./stored-message";

/** A receiver link as the broker sees it. */
export interface Consumer {
  readonly receiveAndDelete: boolean;
  hasCredit(): boolean;
  deliver(message: StoredMessage, lock: LockToken | undefined): void;
}

export interface EntityCounts {
  readonly active: number;
  readonly locked: number;
  readonly deferred: number;
  readonly scheduled: number;
}

export class Entity {
  /** Insertion order is sequence order: sequence numbers are handed out as messages are inserted. */
  readonly messages = new Map<number, StoredMessage>();
  readonly ready = new ReadyQueue();
  readonly locks = new Map<string, StoredMessage>();
  readonly scheduled = new Set<StoredMessage>();
  private readonly consumers: Consumer[] = [];
  private turn = 0;
  private nextSeq = 1;

  constructor(
    readonly path: string,
    readonly declaration: QueueDeclaration,
    /** The dead-letter sub-queue; undefined for a dead-letter queue itself. */
    readonly deadLetterQueue: Entity | undefined
  ) {}

  get lockDurationMs(): number {
    return this.declaration.lockDurationSeconds * 1000;
  }

  allocateSeq(): number {
    return this.nextSeq++;
  }

  get sequenceHighWater(): number {
    return this.nextSeq;
  }

  raiseSequenceTo(next: number): void {
    this.nextSeq = Math.max(this.nextSeq, next);
  }

  insert(message: StoredMessage): void {
    this.messages.set(message.seq, message);
    if (message.scheduledAt !== undefined) this.scheduled.add(message);
    else if (!message.deferred) this.ready.push(message);
  }

  remove(message: StoredMessage): void {
    this.messages.delete(message.seq);
    this.scheduled.delete(message);
    if (message.lock !== undefined) this.locks.delete(message.lock.key);
    message.lock = undefined;
  }

  lock(message: StoredMessage, now: number): LockToken {
    const token = newLockToken();
    message.lock = { key: token.key, until: now + this.lockDurationMs };
    this.locks.set(token.key, message);
    return token;
  }

  unlock(message: StoredMessage): void {
    if (message.lock !== undefined) this.locks.delete(message.lock.key);
    message.lock = undefined;
  }

  /** The message a lock key still holds, or undefined when the lock expired or the message is gone. */
  locked(key: string, now: number): StoredMessage | undefined {
    const message = this.locks.get(key);
    return message?.lock !== undefined && message.lock.until > now && message.settling !== true ? message : undefined;
  }

  addConsumer(consumer: Consumer): void {
    this.consumers.push(consumer);
  }

  removeConsumer(consumer: Consumer): void {
    const index = this.consumers.indexOf(consumer);
    if (index >= 0) this.consumers.splice(index, 1);
  }

  /** The next consumer with credit, taking turns so concurrent receivers share the load. */
  nextConsumer(): Consumer | undefined {
    const count = this.consumers.length;
    for (let i = 0; i < count; i++) {
      const consumer = this.consumers[(this.turn + i) % count];
      if (consumer?.hasCredit()) {
        this.turn = (this.turn + i + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }

  counts(): EntityCounts {
    let deferred = 0;
    for (const message of this.messages.values()) if (message.deferred && message.lock === undefined) deferred++;
    return {
      active: this.ready.size,
      locked: this.locks.size,
      deferred,
      scheduled: this.scheduled.size
    };
  }
}
