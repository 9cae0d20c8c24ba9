import { randomUUID } from "node:crypto";
import type { Container } from "@azure/cosmos";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StoredRelationship } from "../../../shared/relationships/relationship-document";
import {
  call,
  customerGlobalAdmin,
  demoPartnerTenants,
  drainQueue,
  gdapInvitation,
  partnerAdmin,
  tokenFor,
  tokenOfLink
} from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  activeRelationship,
  advanceClock,
  productNow,
  relationshipsContainer,
  resetClock,
  roleIds,
  runTimer,
  seedAll,
  type ActiveSeed
} from "./timer-helpers";

type Resource = { id: string; status: string; endDateTime?: string; invitationLink?: string };
type Received = { relationshipId: string; kind: string; notice?: string; reason?: string };

describe("timers through the local host: invitation expiry, expiry notices, expiry and auto-extension", () => {
  let runtime: LocalRuntime;
  let relationships: Container;
  let admin: string;
  const partner = demoPartnerTenants[1];
  // Everything taken off the queues so far, so one test's drain never loses another's messages.
  const received: Received[] = [];

  beforeAll(async () => {
    // The tests count what the timers queue, so the functions that would consume it are switched off.
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

  const collect = async () => {
    for (const queue of ["notifications", "role-grants"]) {
      received.push(...(await drainQueue(runtime, queue, 500, 500)).map((m) => m.body as Received));
    }
  };
  const noticesOf = async (id: string) => {
    await collect();
    return received.filter((m) => m.relationshipId === id && m.kind === "relationshipNotice").map((m) => m.notice);
  };
  const grantMessagesOf = async (id: string) => {
    await collect();
    return received.filter((m) => m.relationshipId === id && (m.kind === "applyGrants" || m.kind === "revokeGrants"));
  };
  const read = async (id: string) =>
    (await call<Resource>(runtime, "GET", `/api/relationships/${id}`, { token: admin })).body;
  const seed = async (fields: Omit<ActiveSeed, "partnerTenantId">): Promise<StoredRelationship> => {
    const document = activeRelationship(await productNow(runtime), { partnerTenantId: partner, ...fields });
    await seedAll(relationships, [document]);
    return document;
  };
  /** Three runs at the same moment: whatever one run does, the next two must find nothing left to do. */
  const runDatesThrice = async () => {
    for (let n = 0; n < 3; n += 1)
      expect((await runTimer(runtime, "timerRelationshipDates")).outcome).toBe("succeeded");
  };

  it("expires an invitation nobody accepted in 90 days: status expired, the link a 404, the display name free again", async () => {
    const displayName = `Never accepted ${randomUUID().slice(0, 8)}`;
    const created = await call<Resource>(runtime, "POST", "/api/relationships", {
      token: admin,
      body: gdapInvitation({ displayName })
    });
    expect(created.status).toBe(201);
    const token = tokenOfLink(created.body.invitationLink as string);
    const customer = await tokenFor(runtime, customerGlobalAdmin(randomUUID()));
    expect((await call(runtime, "GET", `/api/invitations/${token}`, { token: customer })).status).toBe(200);

    await advanceClock(runtime, { days: 89 });
    await runTimer(runtime, "timerExpireInvitations");
    expect((await read(created.body.id)).status).toBe("approvalPending");

    await advanceClock(runtime, { days: 1, ms: 60_000 });
    const run = await runTimer(runtime, "timerExpireInvitations");
    expect(run.outcome).toBe("succeeded");
    expect(run.summary?.changed).toBeGreaterThanOrEqual(1);
    expect((await read(created.body.id)).status).toBe("expired");
    expect((await call(runtime, "GET", `/api/invitations/${token}`, { token: customer })).status).toBe(404);
    expect(
      (await call(runtime, "POST", "/api/relationships", { token: admin, body: gdapInvitation({ displayName }) }))
        .status
    ).toBe(201);
  });

  it("enters the expiring window at 30 days and sends the 30, 7, 1 and 0-day notices exactly once each, then expires and revokes the grants", async () => {
    const document = await seed({ endsInDays: 40 });
    await runDatesThrice();
    expect((await read(document.id)).status).toBe("active");
    expect(await noticesOf(document.id)).toEqual([]);

    await advanceClock(runtime, { days: 10, ms: 60_000 }); // 30 days (less a minute) before the end
    await runDatesThrice();
    expect((await read(document.id)).status).toBe("expiring");
    expect(await noticesOf(document.id)).toEqual(["expiry30"]);

    await advanceClock(runtime, { days: 23 }); // 7 days before
    await runDatesThrice();
    expect(await noticesOf(document.id)).toEqual(["expiry30", "expiry7"]);

    await advanceClock(runtime, { days: 6 }); // 1 day before
    await runDatesThrice();
    expect(await noticesOf(document.id)).toEqual(["expiry30", "expiry7", "expiry1"]);
    expect((await read(document.id)).status).toBe("expiring");
    expect(await grantMessagesOf(document.id)).toEqual([]);

    await advanceClock(runtime, { days: 1 }); // the end
    await runDatesThrice();
    expect((await read(document.id)).status).toBe("expired");
    expect(await noticesOf(document.id)).toEqual(["expiry30", "expiry7", "expiry1", "expiry0"]);
    expect(await grantMessagesOf(document.id)).toEqual([
      {
        kind: "revokeGrants",
        partnerTenantId: partner,
        relationshipId: document.id,
        reason: "expired",
        operationId: expect.any(String)
      }
    ]);
  });

  it("auto-extends at the end by 180 days when it is on and the roles allow it: active again, grants re-applied, the notices start afresh", async () => {
    const document = await seed({
      endsInDays: 2,
      autoExtendDuration: "P180D",
      status: "expiring",
      expiryNoticesSent: [30, 7]
    });
    const end = new Date(document.endDateTime as string);
    await advanceClock(runtime, { days: 2, ms: 60_000 });
    await runDatesThrice();
    const extended = await read(document.id);
    expect(extended.status).toBe("active");
    expect(extended.endDateTime).toBe(new Date(end.getTime() + 180 * 86_400_000).toISOString());
    expect(await noticesOf(document.id)).toEqual(["extended"]);
    expect(await grantMessagesOf(document.id)).toEqual([
      { kind: "applyGrants", partnerTenantId: partner, relationshipId: document.id }
    ]);

    await advanceClock(runtime, { days: 150 }); // 30 days before the new end
    await runDatesThrice();
    expect((await read(document.id)).status).toBe("expiring");
    expect(await noticesOf(document.id)).toEqual(["extended", "expiry30"]);
  });

  it("expires a relationship that includes Global Administrator even when it says auto-extend (which the API refuses to set)", async () => {
    const refused = await call(runtime, "POST", "/api/relationships", {
      token: admin,
      body: gdapInvitation({
        accessDetails: { unifiedRoles: [{ roleDefinitionId: roleIds.globalAdministrator }] },
        autoExtendDuration: "P180D"
      })
    });
    expect(refused.status).toBe(400);
    // A document stored before that rule existed, say: the timer must still never extend it.
    const document = await seed({
      endsInDays: 1,
      autoExtendDuration: "P180D",
      roles: [roleIds.globalAdministrator, roleIds.helpdeskAdministrator],
      status: "expiring",
      expiryNoticesSent: [30, 7, 1]
    });
    await advanceClock(runtime, { days: 1, ms: 60_000 });
    await runDatesThrice();
    expect((await read(document.id)).status).toBe("expired");
    expect(await noticesOf(document.id)).toEqual(["expiry0"]);
    expect((await grantMessagesOf(document.id)).map((m) => m.reason)).toEqual(["expired"]);
  });

  it("works through 250 due relationships in one run, page after page, and reads none that are not due", async () => {
    const now = await productNow(runtime);
    const partners = Array.from({ length: 10 }, () => randomUUID());
    const due = Array.from({ length: 250 }, (_, n) =>
      activeRelationship(now, { partnerTenantId: partners[n % 10] as string, endsInDays: 25 })
    );
    const later = Array.from({ length: 100 }, (_, n) =>
      activeRelationship(now, { partnerTenantId: partners[n % 10] as string, endsInDays: 300 })
    );
    await seedAll(relationships, [...due, ...later]);

    const first = await runTimer(runtime, "timerRelationshipDates");
    expect(first.summary).toMatchObject({ returned: 250, changed: 250, failed: 0, capped: false });
    expect(first.summary?.pages).toBeGreaterThanOrEqual(3);
    const second = await runTimer(runtime, "timerRelationshipDates");
    expect(second.summary).toMatchObject({ returned: 0, changed: 0 });

    await collect();
    const dueIds = new Set(due.map((d) => d.id));
    const notices = received.filter((m) => dueIds.has(m.relationshipId));
    expect(notices).toHaveLength(250);
    expect(notices.every((m) => m.notice === "expiry30")).toBe(true);
  });
});
