import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../shared/domain/iso-duration";
import { queueNames } from "../../../shared/messaging/queues";
import { processRelationshipDates } from "../../../shared/timers/due-timers";
import { startInProcessServices, type InProcessServices } from "./in-process-services";
import { activeRelationship, seedAll } from "./timer-helpers";

const quiet = { warn: (message: string) => console.warn(message) };
const noticesIn = (messages: readonly { body: unknown }[]) =>
  messages.map((m) => m.body as { relationshipId: string; notice: string });

describe("relationship dates timer: bounded runs and races (use case in process, real Cosmos and Service Bus)", () => {
  let services: InProcessServices;
  const start = new Date("2031-03-01T00:00:00.000Z");

  beforeAll(async () => {
    services = await startInProcessServices();
  });
  afterAll(async () => {
    await services?.stop();
  });

  it("reads at most its cap in one run, the next run takes the rest, and nothing not due is ever read", async () => {
    const partners = Array.from({ length: 5 }, () => randomUUID());
    const due = Array.from({ length: 250 }, (_, n) =>
      activeRelationship(start, { partnerTenantId: partners[n % 5] as string, endsInDays: 20 })
    );
    const notDue = Array.from({ length: 300 }, (_, n) =>
      activeRelationship(start, { partnerTenantId: partners[n % 5] as string, endsInDays: 200 })
    );
    await seedAll(services.relationships, [...due, ...notDue]);
    services.setNow(start);
    const limits = { pageSize: 100, maxPerRun: 150, concurrency: 8 };

    const first = await processRelationshipDates(services.ports, quiet, limits);
    expect(first).toEqual({ pages: 2, returned: 150, changed: 150, unchanged: 0, failed: 0, capped: true });
    const second = await processRelationshipDates(services.ports, quiet, limits);
    expect(second).toMatchObject({ returned: 100, changed: 100, failed: 0, capped: false });
    const third = await processRelationshipDates(services.ports, quiet, limits);
    expect(third).toMatchObject({ pages: 1, returned: 0, changed: 0 });

    const notices = noticesIn(await services.receiveAll(queueNames.notifications));
    expect(notices).toHaveLength(250);
    expect(new Set(notices.map((n) => n.relationshipId))).toEqual(new Set(due.map((d) => d.id)));
    expect(notices.every((n) => n.notice === "expiry30")).toBe(true);
  });

  it("sends each notice once when two runs race over the same due relationships", async () => {
    const partner = randomUUID();
    const now = addDays(start, 1);
    const due = Array.from({ length: 40 }, () =>
      activeRelationship(now, { partnerTenantId: partner, endsInDays: 6, status: "expiring", expiryNoticesSent: [30] })
    );
    await seedAll(services.relationships, due);
    services.setNow(now);

    const [a, b] = await Promise.all([
      processRelationshipDates(services.ports, quiet),
      processRelationshipDates(services.ports, quiet)
    ]);
    // Whichever run wrote a relationship first, the other re-read it and found nothing left to do.
    expect(a.changed + b.changed).toBe(40);
    expect(a.failed + b.failed).toBe(0);

    const notices = noticesIn(await services.receiveAll(queueNames.notifications)).filter((n) =>
      due.some((d) => d.id === n.relationshipId)
    );
    expect(notices).toHaveLength(40);
    expect(new Set(notices.map((n) => n.relationshipId)).size).toBe(40);
    expect(notices.every((n) => n.notice === "expiry7")).toBe(true);
  });
});
