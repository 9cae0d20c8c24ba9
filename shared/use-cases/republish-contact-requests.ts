/**
 * The outbox timer's second job: "Contact me" requests that were stored but whose message never reached its queue
 * (Service Bus was unreachable when the person asked) are published now. Older than a grace period only, so a
 * request still being handled by its own invocation is left alone; publishing twice is harmless (stable ids).
 */
import type { Clock } from "../clock";
import type { MessagePublisher } from "../relationships/ports";
import type { TenantStore } from "../tenants/tenant-records";
import { publishContactRequest } from "./directory";

const graceMs = 60_000;
const batchLimit = 100;

export interface ContactRepublishPorts {
  readonly tenants: TenantStore;
  readonly publisher: MessagePublisher;
  readonly clock: Clock;
}

export async function republishContactRequests(
  ports: ContactRepublishPorts
): Promise<{ found: number; published: number }> {
  const before = new Date(ports.clock.now().getTime() - graceMs).toISOString();
  const waiting = await ports.tenants.listUnpublishedContactRequests(before, batchLimit);
  let published = 0;
  for (const request of waiting) {
    if ((await publishContactRequest(ports, request)).publishedDateTime) published += 1;
  }
  return { found: waiting.length, published };
}
