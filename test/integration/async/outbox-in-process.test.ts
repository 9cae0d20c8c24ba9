import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueNames } from "../../../shared/messaging/queues";
import { changeRelationship } from "../../../shared/relationships/change-relationship";
import { transitioned } from "../../../shared/relationships/transition";
import { republishOutbox } from "../../../shared/use-cases/republish-outbox";
import { startInProcessServices, type InProcessServices } from "./in-process-services";
import { activeRelationship, seedAll } from "./timer-helpers";

const warnings: string[] = [];
const log = { warn: (message: string) => void warnings.push(message) };

describe("outbox re-publish (use case in process, real Cosmos and the Service Bus emulator refusing sends)", () => {
  let services: InProcessServices;
  const start = new Date("2032-01-01T00:00:00.000Z");

  beforeAll(async () => {
    services = await startInProcessServices();
  });
  afterAll(async () => {
    await services?.stop();
  });

  const terminate = (partnerTenantId: string, relationshipId: string) =>
    changeRelationship(services.ports, { partnerTenantId, relationshipId }, (current) => ({
      document: transitioned(current, "requestTermination"),
      action: "terminationRequested",
      actor: { kind: "system" },
      publish: [{ kind: "revokeGrants", partnerTenantId, relationshipId, reason: "terminated" }]
    }));

  it("keeps a change whose publish was refused, and publishes it once the grace period has passed, exactly once", async () => {
    const document = activeRelationship(start, { partnerTenantId: randomUUID(), endsInDays: 100 });
    await seedAll(services.relationships, [document]);
    services.setNow(start);
    services.bus.refuseSends(queueNames.roleGrants, 1);

    const written = await terminate(document.partnerTenantId, document.id);
    expect(written.document.status).toBe("terminationRequested");
    expect(written.document.outbox.map((entry) => entry.kind)).toEqual(["publish"]);
    expect(written.document.outboxSince).toBe(start.toISOString());
    expect(await services.receiveAll(queueNames.roleGrants)).toEqual([]);

    services.setNow(new Date(start.getTime() + 29_000));
    expect(await republishOutbox(services.ports, log)).toMatchObject({ returned: 0 });

    services.setNow(new Date(start.getTime() + 31_000));
    expect(await republishOutbox(services.ports, log)).toMatchObject({ returned: 1, changed: 1, failed: 0 });
    const messages = await services.receiveAll(queueNames.roleGrants);
    expect(messages.map((m) => m.body)).toEqual([
      {
        kind: "revokeGrants",
        partnerTenantId: document.partnerTenantId,
        relationshipId: document.id,
        reason: "terminated"
      }
    ]);
    const after = await services.ports.store.get(document.partnerTenantId, document.id);
    expect(after?.document.outbox).toEqual([]);
    expect(after?.document.outboxSince).toBeUndefined();

    expect(await republishOutbox(services.ports, log)).toMatchObject({ returned: 0 });
  });

  it("leaves the entry pending, and says which relationship, while Service Bus keeps refusing", async () => {
    const document = activeRelationship(start, { partnerTenantId: randomUUID(), endsInDays: 100 });
    await seedAll(services.relationships, [document]);
    services.setNow(start);
    services.bus.refuseSends(queueNames.roleGrants, 2);
    await terminate(document.partnerTenantId, document.id);

    services.setNow(new Date(start.getTime() + 60_000));
    warnings.length = 0;
    expect(await republishOutbox(services.ports, log)).toMatchObject({ returned: 1, failed: 1 });
    expect(warnings.join("\n")).toContain(document.id);
    expect((await services.ports.store.get(document.partnerTenantId, document.id))?.document.outbox).toHaveLength(1);

    expect(await republishOutbox(services.ports, log)).toMatchObject({ returned: 1, changed: 1 });
    expect((await services.receiveAll(queueNames.roleGrants)).map((m) => m.messageId)).toEqual([
      `${document.id}:4:publish:0`
    ]);
  });
});
