import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../../shared/errors";
import { applyGrants } from "../../../shared/use-cases/apply-grants";
import { revokeGrants } from "../../../shared/use-cases/revoke-grants";
import { helpdesk, InMemoryWorld, partner, relationship, userAdmin } from "../../support/in-memory/access-world";

const apply = { kind: "applyGrants", partnerTenantId: partner, relationshipId: "rel-1" } as const;
const revoke = (reason: "rolesRemoved" | "terminated" | "expired") =>
  ({ kind: "revokeGrants", partnerTenantId: partner, relationshipId: "rel-1", reason }) as const;

function worldWith(overrides: Parameters<typeof relationship>[0] = {}): InMemoryWorld {
  const world = new InMemoryWorld();
  world.add(relationship(overrides));
  return world;
}

const activatedAt = "2027-01-03T10:00:00.000Z";
const endsAt = "2028-01-03T10:00:00.000Z";

describe("applyGrants", () => {
  it("activates an approved relationship: dates fixed once, one grant and one audit record per role", async () => {
    const world = worldWith();
    const outcome = await applyGrants(world.ports(), apply);

    expect(outcome).toMatchObject({ status: "active", grantedRoles: [helpdesk, userAdmin], revokedRoles: [] });
    expect(world.relationship()).toMatchObject({
      status: "active",
      activatedDateTime: activatedAt,
      endDateTime: endsAt,
      outbox: []
    });
    for (const role of [helpdesk, userAdmin]) {
      expect(world.grantsOf(role)).toEqual({
        "rel-1": { relationshipId: "rel-1", grantedDateTime: activatedAt, endDateTime: endsAt }
      });
    }
    expect(world.auditActions()).toEqual([
      "activationStarted",
      `grantApplied:${helpdesk}`,
      `grantApplied:${userAdmin}`,
      "activated"
    ]);
  });

  it("changes nothing when delivered again after it finished", async () => {
    const world = worldWith();
    await applyGrants(world.ports(), apply);
    const before = world.relationship();
    world.now = new Date("2027-01-03T11:00:00.000Z");

    await applyGrants(world.ports(), apply);

    expect(world.relationship()).toEqual(before);
    expect(world.grantsOf(helpdesk)["rel-1"]?.grantedDateTime).toBe(activatedAt);
    expect(world.audit.size).toBe(4);
    expect(world.published).toHaveLength(0);
  });

  it("carries on after a crash mid-way with the dates it stored the first time", async () => {
    const world = worldWith();
    world.afterPut = (role) => {
      if (role === helpdesk) throw new Error("crash after the first grant");
    };
    await expect(applyGrants(world.ports(), apply)).rejects.toThrow("crash");
    expect(world.relationship()).toMatchObject({
      status: "activating",
      activatedDateTime: activatedAt,
      endDateTime: endsAt
    });

    world.afterPut = () => undefined;
    world.now = new Date("2027-01-03T10:05:00.000Z"); // the redelivery comes later
    await applyGrants(world.ports(), apply);

    expect(world.relationship()).toMatchObject({
      status: "active",
      activatedDateTime: activatedAt,
      endDateTime: endsAt
    });
    expect(world.grantsOf(userAdmin)["rel-1"]?.endDateTime).toBe(endsAt);
    expect(world.auditActions()).toEqual([
      "activationStarted",
      `grantApplied:${helpdesk}`,
      `grantApplied:${userAdmin}`,
      "activated"
    ]);
  });

  it("activates a relationship without roles and grants nothing", async () => {
    const world = worldWith({ partnerType: "reseller", accessDetails: { unifiedRoles: [] } });
    expect(await applyGrants(world.ports(), apply)).toMatchObject({ status: "active", grantedRoles: [] });
    expect(world.access.size).toBe(0);
    expect(world.relationship().endDateTime).toBe(endsAt);
  });

  it("grants nothing to a relationship terminated before its grants were applied", async () => {
    const world = worldWith({ status: "terminationRequested" });
    expect(await applyGrants(world.ports(), apply)).toMatchObject({ status: "terminationRequested", grantedRoles: [] });
    expect(world.access.size).toBe(0);
    expect(world.audit.size).toBe(0);
  });

  it("takes back grants whose roles the customer removed while they were being applied", async () => {
    const world = worldWith();
    world.afterPut = (role) => {
      if (role !== userAdmin) return;
      world.afterPut = () => undefined;
      // The customer's "Remove roles" lands (and its revoke message is handled) before our last grant is visible.
      world.edit("rel-1", (document) => ({
        ...document,
        accessDetails: { unifiedRoles: [] },
        removedRoles: document.accessDetails.unifiedRoles
      }));
    };
    const outcome = await applyGrants(world.ports(), apply);

    expect(outcome).toMatchObject({ status: "active", revokedRoles: [helpdesk, userAdmin] });
    expect(world.grantsOf(helpdesk)).toEqual({});
    expect(world.grantsOf(userAdmin)).toEqual({});
    expect(world.auditActions()).toContain(`grantRevoked:${helpdesk}`);
  });

  it("takes back grants of a relationship terminated while they were being applied", async () => {
    const world = worldWith();
    world.afterPut = (role) => {
      if (role === userAdmin) world.edit("rel-1", (document) => ({ ...document, status: "terminationRequested" }));
    };
    const outcome = await applyGrants(world.ports(), apply);
    expect(outcome).toMatchObject({ status: "terminationRequested", revokedRoles: [helpdesk, userAdmin] });
    expect(world.grantsOf(helpdesk)).toEqual({});
  });

  it("clears the failure a given-up delivery recorded once the grants are in", async () => {
    const world = worldWith({
      lastError: { code: "grantsNotApplied", message: "The roles could not be granted", occurredDateTime: activatedAt }
    });
    await applyGrants(world.ports(), apply);
    expect(world.relationship().lastError).toBeUndefined();
  });

  it("refreshes the grants' end date when an active relationship's end moved (an extension)", async () => {
    const world = worldWith();
    await applyGrants(world.ports(), apply);
    world.edit("rel-1", (document) => ({ ...document, endDateTime: "2028-07-01T10:00:00.000Z" }));
    await applyGrants(world.ports(), apply);
    expect(world.grantsOf(helpdesk)["rel-1"]?.endDateTime).toBe("2028-07-01T10:00:00.000Z");
    expect(world.audit.size).toBe(4);
  });

  it("fails as NotFound for a relationship that does not exist", async () => {
    const world = new InMemoryWorld();
    await expect(applyGrants(world.ports(), apply)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("dead-letters a relationship it cannot read, and records the failure on it", async () => {
    const world = worldWith({ duration: "forever" });
    await expect(applyGrants(world.ports(), apply)).rejects.toMatchObject({ reason: "InvalidRelationship" });
    expect(world.relationship()).toMatchObject({ status: "approved", lastError: { code: "grantsNotApplied" } });
  });
});

describe("revokeGrants", () => {
  async function activeWorld(): Promise<InMemoryWorld> {
    const world = worldWith();
    await applyGrants(world.ports(), apply);
    return world;
  }

  it("rolesRemoved: revokes the removed roles, keeps the relationship as it is, and a redelivery does nothing", async () => {
    const world = await activeWorld();
    world.edit("rel-1", (document) => ({
      ...document,
      accessDetails: { unifiedRoles: [] },
      removedRoles: document.accessDetails.unifiedRoles
    }));
    const before = world.relationship();

    expect(await revokeGrants(world.ports(), revoke("rolesRemoved"))).toMatchObject({
      status: "active",
      revokedRoles: [helpdesk, userAdmin]
    });
    expect(await revokeGrants(world.ports(), revoke("rolesRemoved"))).toMatchObject({ revokedRoles: [] });

    expect(world.relationship()).toEqual(before);
    expect(world.grantsOf(helpdesk)).toEqual({});
    expect(world.auditActions().filter((action) => action.startsWith("grantRevoked"))).toEqual([
      `grantRevoked:${helpdesk}`,
      `grantRevoked:${userAdmin}`
    ]);
    expect(world.audit.get(`rel-1:grantRevoked:${helpdesk}`)?.after).toMatchObject({
      reason: "rolesRemoved",
      endDateTime: endsAt
    });
  });

  it("terminated: terminating → revoke → terminated with one notice, however often it is delivered", async () => {
    const world = await activeWorld();
    world.edit("rel-1", (document) => ({ ...document, status: "terminationRequested" }));

    await revokeGrants(world.ports(), revoke("terminated"));
    await revokeGrants(world.ports(), revoke("terminated"));

    const after = world.relationship();
    expect(after.status).toBe("terminated");
    expect(after.uniqueName).toBe("managed services#rel-1");
    expect(world.grantsOf(helpdesk)).toEqual({});
    expect(world.grantsOf(userAdmin)).toEqual({});
    expect(world.published.map((p) => p.message)).toEqual([
      { kind: "relationshipNotice", partnerTenantId: partner, relationshipId: "rel-1", notice: "terminated" }
    ]);
    expect(world.auditActions().slice(-4)).toEqual([
      "terminationStarted",
      `grantRevoked:${helpdesk}`,
      `grantRevoked:${userAdmin}`,
      "terminated"
    ]);
  });

  it("terminated: finishes a termination a crash left in terminating", async () => {
    const world = await activeWorld();
    world.edit("rel-1", (document) => ({ ...document, status: "terminating" }));
    expect(await revokeGrants(world.ports(), revoke("terminated"))).toMatchObject({
      status: "terminated",
      revokedRoles: [helpdesk, userAdmin]
    });
  });

  it("terminated: revokes roles removed earlier too, if any grant of them is left", async () => {
    const world = await activeWorld();
    world.edit("rel-1", (document) => ({
      ...document,
      status: "terminationRequested",
      accessDetails: { unifiedRoles: [] },
      removedRoles: document.accessDetails.unifiedRoles
    }));
    expect(await revokeGrants(world.ports(), revoke("terminated"))).toMatchObject({
      status: "terminated",
      revokedRoles: [helpdesk, userAdmin]
    });
  });

  it("expired: revokes every grant once, and leaves the email to the timer's day-0 notice", async () => {
    const world = await activeWorld();
    world.edit("rel-1", (document) => ({ ...document, status: "expired" }));

    await revokeGrants(world.ports(), revoke("expired"));
    await revokeGrants(world.ports(), revoke("expired"));

    expect(world.grantsOf(helpdesk)).toEqual({});
    expect(world.published.map((p) => p.message)).toEqual([]);
    expect(world.relationship()).toMatchObject({ status: "expired", accessRevokedDateTime: expect.any(String) });
  });

  it("leaves another relationship's grant of the same role alone", async () => {
    const world = await activeWorld();
    world.add(relationship({ id: "rel-2", displayName: "Second", uniqueName: "second" }));
    await applyGrants(world.ports(), { ...apply, relationshipId: "rel-2" });
    world.edit("rel-1", (document) => ({ ...document, status: "terminationRequested" }));

    await revokeGrants(world.ports(), revoke("terminated"));

    expect(Object.keys(world.grantsOf(helpdesk))).toEqual(["rel-2"]);
  });

  it("does nothing for a termination message when no termination is under way", async () => {
    const world = await activeWorld();
    expect(await revokeGrants(world.ports(), revoke("terminated"))).toMatchObject({
      status: "active",
      revokedRoles: [],
      note: expect.stringContaining("no termination")
    });
    expect(world.grantsOf(helpdesk)["rel-1"]).toBeDefined();
  });

  it("fails as NotFound for a relationship that does not exist", async () => {
    await expect(revokeGrants(new InMemoryWorld().ports(), revoke("terminated"))).rejects.toBeInstanceOf(NotFoundError);
  });
});
