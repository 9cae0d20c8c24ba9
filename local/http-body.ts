/**
 * The one bounded request-body read the local stand-ins share (host, email server, dev issuer). Past the limit
 * nothing more is kept, but the rest is still read: a server that answers 413 while the client is still sending
 * would otherwise have its answer lost to a reset connection.
 */
import type { IncomingMessage } from "node:http";

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer | "too large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= limitBytes) chunks.push(buffer);
  }
  return size > limitBytes ? "too large" : Buffer.concat(chunks, size);
}
