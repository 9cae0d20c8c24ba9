import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Container } from "@azure/cosmos";
import type { StoredRelationship } from "../../../shared/relationships/relationship-document";
import { call, demoPartnerTenants, drainQueue, gdapInvitation, partnerAdmin, tokenFor } from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { advanceClock, relationshipsContainer, resetClock, runTimer } from "./timer-helpers";

describe("outbox timer through the local host: a publish that failed after the Cosmos write is finished later", () => {
  let runtime: LocalRuntime;
  let relationships: Container;
  let admin: string;
  const partner = demoPartnerTenants[2];

  beforeAll(async () => {
    // The test reads the invitation-emails queue itself, so the function that would consume it is switched off.
    // Timers run only when a test invokes them: a scheduled tick must not take work from under a test.
    runtime = await startLocalRuntime({ env: queueConsumersDisabled, args: ["--timers", "manual"] });
    relationships = relationshipsContainer(runtime);
    admin = await tokenFor(runtime, partnerAdmin(partner));
  });
  afterEach(async () => {
    await resetClock(runtime);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const stored = async (id: string) =>
    (await relationships.item(id, partner).read<StoredRelationship>()).resource as StoredRelationship;
  const emailMessagesFor = async (id: string) =>
    (await drainQueue(runtime, "invitation-emails", 100, 500)).filter(
      (m) => (m.body as { relationshipId: string }).relationshipId === id
    );

  it("creates the invitation (201) while Service Bus refuses the send, then the outbox timer queues the email", async () => {
    const refuse = await call(runtime, "POST", "/dev/service-bus/refuse-sends", {
      body: { queue: "invitation-emails", count: 1 }
    });
    expect(
      refuse.status,
      "the runtime must serve POST /dev/service-bus/refuse-sends (local/service-bus/dev-routes.ts)"
    ).toBe(200);

    const created = await call<{ id: string }>(runtime, "POST", "/api/relationships", {
      token: admin,
      body: gdapInvitation()
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const pending = await stored(id);
    expect(pending.outbox.map((entry) => entry.kind)).toEqual(["publish"]);
    expect(pending.outboxSince).toBeDefined();
    expect(await emailMessagesFor(id)).toEqual([]);

    // Within the grace period the request that wrote the entry may still be draining it: the timer leaves it.
    await runTimer(runtime, "timerOutbox");
    expect((await stored(id)).outbox).toHaveLength(1);

    await advanceClock(runtime, { ms: 60_000 });
    const run = await runTimer(runtime, "timerOutbox");
    expect(run.outcome).toBe("succeeded");
    const messages = await emailMessagesFor(id);
    expect(messages.map((m) => m.body)).toEqual([
      { kind: "sendInvitationEmail", partnerTenantId: partner, relationshipId: id, sendNumber: 1 }
    ]);
    expect(messages[0]?.messageId).toBe(`${id}:1:publish:0`);
    const drained = await stored(id);
    expect(drained.outbox).toEqual([]);
    expect(drained.outboxSince).toBeUndefined();

    await runTimer(runtime, "timerOutbox");
    expect(await emailMessagesFor(id)).toEqual([]);
  });
});
