/**
 * Email operation ids derived from what is being sent. The email service treats a repeated operation id as the
 * same send, so deriving it (instead of drawing a random one) makes a redelivered or retried message send
 * nothing new. Layout of an RFC 4122 name-based UUID (version 5 nibble, RFC variant), hashed with SHA-256
 * instead of SHA-1 over a fixed product namespace and the name.
 */
import { createHash } from "node:crypto";

/** Keeps our ids apart from any other system's name-based ids for the same strings. */
const namespace = Buffer.from("3f0b9f7e8c2d4a61b5e04d7a9c1e2f38", "hex");

export function uuidFrom(name: string): string {
  const bytes = createHash("sha256").update(namespace).update(name, "utf8").digest().subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x50, 6); // version 5 (name-based)
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8); // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const operationIds = {
  invitation: (relationshipId: string, sendNumber: number) =>
    uuidFrom(`invitation-email:${relationshipId}:${sendNumber}`),
  contact: (contactRequestId: string) => uuidFrom(`contact:${contactRequestId}`),
  notice: (
    relationshipId: string,
    notice: string,
    endDateTime: string | undefined,
    recipient: "partner" | "customer"
  ) => uuidFrom(`notice:${relationshipId}:${notice}:${endDateTime ?? "none"}:${recipient}`)
};
