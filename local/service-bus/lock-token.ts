/**
 * Lock tokens are GUIDs. The broker keys them by their RFC 4122 hex; on a link they travel as the delivery tag in
 * .NET `Guid.ToByteArray()` order (the SDK swaps bytes 0-3, 4-5 and 6-7 back), and the `$management` node carries
 * them as AMQP uuids in RFC order.
 */
import { randomUUID } from "node:crypto";

export interface LockToken {
  /** 32 lowercase hex digits, RFC byte order. */
  readonly key: string;
  /** The delivery tag: the same 16 bytes in .NET order. */
  readonly tag: Buffer;
}

export function newLockToken(): LockToken {
  const key = randomUUID().replace(/-/g, "");
  return { key, tag: swapGuidByteOrder(Buffer.from(key, "hex")) };
}

/** The lock key a delivery tag stands for, or undefined when the tag is not a 16-byte GUID. */
export function lockKeyFromTag(tag: Buffer | string): string | undefined {
  const bytes = typeof tag === "string" ? Buffer.from(tag, "binary") : tag;
  return bytes.length === 16 ? swapGuidByteOrder(bytes).toString("hex") : undefined;
}

/** The lock key an AMQP uuid from a `$management` request stands for. */
export function lockKeyFromUuid(value: unknown): string | undefined {
  return Buffer.isBuffer(value) && value.length === 16 ? value.toString("hex") : undefined;
}

/** The RFC-order bytes of a lock key, for `$management` replies. */
export function uuidBytes(key: string): Buffer {
  return Buffer.from(key, "hex");
}

/** RFC order <-> .NET order; the swap is its own inverse. */
function swapGuidByteOrder(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  out[0] = bytes[3] ?? 0;
  out[1] = bytes[2] ?? 0;
  out[2] = bytes[1] ?? 0;
  out[3] = bytes[0] ?? 0;
  out[4] = bytes[5] ?? 0;
  out[5] = bytes[4] ?? 0;
  out[6] = bytes[7] ?? 0;
  out[7] = bytes[6] ?? 0;
  return out;
}
