/**
 * An append-only file that tells its writer the truth. `append` returns only once every byte is written (short
 * writes are continued); when a write fails half way, the file is cut back to where it was, so the next record
 * never lands glued to a torn one. `durable` resolves once the device holds everything appended so far: one
 * fdatasync per turn of the event loop covers all the writes made in it. When that flush fails, nobody is told
 * yes: everything since the last good flush is cut from the file, the writers' rollbacks run (newest first) so
 * memory agrees with the disk again, and every waiter is refused.
 */
import { closeSync, fstatSync, openSync } from "node:fs";
import type { FileIo } from "./file-io";
import { toStorageError, type StorageError } from "./storage-errors";

interface Waiter {
  readonly end: number;
  resolve(): void;
  reject(error: StorageError): void;
}

interface Rollback {
  readonly end: number;
  readonly undo: () => void;
}

export class AppendLog {
  private readonly fd: number;
  /** Bytes in the file that belong to complete appends. */
  private written: number;
  /** Bytes the device is known to hold. */
  private synced: number;
  /** Set while bytes of a failed write may still sit past `written` because cutting them off failed too. */
  private tornTail: StorageError | undefined;
  private waiters: Waiter[] = [];
  private rollbacks: Rollback[] = [];
  private syncQueued = false;
  private syncing = false;
  /** Bumped by `reset`: a flush that was running across it says nothing about the emptied file. */
  private generation = 0;

  constructor(
    readonly file: string,
    private readonly io: FileIo
  ) {
    this.fd = openSync(file, "a");
    this.written = fstatSync(this.fd).size;
    this.synced = this.written;
  }

  /** Nothing written waits for the device and nothing could still be rolled back: memory and disk agree. */
  get settled(): boolean {
    return this.written === this.synced && !this.syncing && !this.syncQueued && this.waiters.length === 0;
  }

  get size(): number {
    return this.written;
  }

  /** Writes `text` whole or throws a StorageError having written nothing. `undo` runs if a later flush fails. */
  append(text: string, undo?: () => void): void {
    this.repairTail();
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    try {
      while (offset < bytes.length) {
        const count = this.io.write(this.fd, bytes, offset, bytes.length - offset);
        if (count <= 0) throw Object.assign(new Error("the device took no bytes"), { code: "EIO" });
        offset += count;
      }
    } catch (error) {
      if (offset > 0) this.cutBackTo(this.written);
      throw toStorageError(error, this.file);
    }
    this.written += bytes.length;
    if (undo !== undefined) this.rollbacks.push({ end: this.written, undo });
  }

  durable(): Promise<void> {
    if (this.written === this.synced && !this.syncing) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ end: this.written, resolve, reject });
      this.queueSync();
    });
  }

  /**
   * Empties the file, on purpose: a compaction has just saved everything elsewhere (it waits until `settled`), or
   * the owner deletes all it holds. Writers still waiting are answered yes: what they wrote was removed on purpose.
   */
  reset(): void {
    try {
      this.io.truncate(this.fd, 0);
    } catch (error) {
      throw toStorageError(error, this.file);
    }
    this.generation++;
    this.written = 0;
    this.synced = 0;
    this.tornTail = undefined;
    this.rollbacks = [];
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  close(): void {
    closeSync(this.fd);
  }

  private queueSync(): void {
    if (this.syncQueued || this.syncing) return;
    this.syncQueued = true;
    setImmediate(() => {
      this.syncQueued = false;
      this.sync();
    });
  }

  private sync(): void {
    const target = this.written;
    const generation = this.generation;
    this.syncing = true;
    this.io.datasync(this.fd, (error) => {
      this.syncing = false;
      if (generation !== this.generation) {
        if (this.waiters.length > 0) this.queueSync();
        return;
      }
      if (error) return this.failUnsynced(toStorageError(error, this.file));
      this.synced = target;
      let kept = 0;
      while (kept < this.rollbacks.length && (this.rollbacks[kept] as Rollback).end <= target) kept++;
      this.rollbacks.splice(0, kept);
      const done = this.waiters.filter((waiter) => waiter.end <= target);
      this.waiters = this.waiters.filter((waiter) => waiter.end > target);
      if (this.waiters.length > 0) this.queueSync();
      for (const waiter of done) waiter.resolve();
    });
  }

  /** After a failed flush nothing past the last good one can be trusted to be on the device. */
  private failUnsynced(error: StorageError): void {
    this.cutBackTo(this.synced);
    const rollbacks = this.rollbacks.reverse();
    const waiters = this.waiters;
    this.rollbacks = [];
    this.waiters = [];
    for (const rollback of rollbacks) rollback.undo();
    for (const waiter of waiters) waiter.reject(error);
  }

  private cutBackTo(length: number): void {
    this.written = length;
    try {
      this.io.truncate(this.fd, length);
      this.tornTail = undefined;
    } catch (error) {
      this.tornTail = toStorageError(error, this.file);
    }
  }

  private repairTail(): void {
    if (this.tornTail === undefined) return;
    this.cutBackTo(this.written);
    if (this.tornTail !== undefined) throw this.tornTail;
  }
}
