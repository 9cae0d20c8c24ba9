/** Journal records for stored messages, and the way back from a recovered record to a stored message. */
import type { AddRecord } from "./disk-store";
import type { Entity } from "./entity";
import type { JournalRecord } from "./journal";
import { decodeMessage, encodeMessage, type StoredMessage } from "./stored-message";

export function addRecord(entity: Entity, message: StoredMessage): JournalRecord {
  return {
    o: "add",
    q: entity.path,
    s: message.seq,
    t: message.enqueuedAt,
    m: encodeMessage(message.message),
    ...(message.deliveryCount > 0 ? { n: message.deliveryCount } : {}),
    ...(message.deferred ? { d: 1 as const } : {}),
    ...(message.scheduledAt !== undefined ? { at: message.scheduledAt } : {})
  };
}

export function deleteRecord(entity: Entity, message: StoredMessage): JournalRecord {
  return { o: "del", q: entity.path, s: message.seq };
}

/** Delivery count and deferral are absolute values; the message is re-encoded only when its properties changed. */
export function updateRecord(entity: Entity, message: StoredMessage, propertiesChanged: boolean): JournalRecord {
  return {
    o: "upd",
    q: entity.path,
    s: message.seq,
    n: message.deliveryCount,
    ...(message.deferred ? { d: 1 as const } : {}),
    ...(propertiesChanged ? { m: encodeMessage(message.message) } : {})
  };
}

/** A recovered message; one whose scheduled time passed while the emulator was down is active from that time. */
export function storedFromRecord(record: AddRecord, now: number): StoredMessage {
  const stillScheduled = record.at !== undefined && record.at > now;
  return {
    seq: record.s,
    enqueuedAt: record.at !== undefined && !stillScheduled ? record.at : record.t,
    message: decodeMessage(record.m),
    deliveryCount: record.n ?? 0,
    deferred: record.d === 1,
    scheduledAt: stillScheduled ? record.at : undefined,
    lock: undefined
  };
}
