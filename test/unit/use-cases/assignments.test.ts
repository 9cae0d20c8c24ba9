import { describe, expect, it } from "vitest";
import { findAssignment } from "../../../shared/assignments/assignment-records";
import {
  ConflictError,
  NotFoundError,
  PermanentMessageError,
  PreconditionFailedError,
  ValidationError
} from "../../../shared/errors";
import type { ApplyAccessAssignmentMessage } from "../../../shared/messaging/messages";
import { relationshipEtag } from "../../../shared/relationships/relationship-document";
import {
  createAccessAssignment,
  deleteAccessAssignment,
  updateAccessAssignment
} from "../../../shared/use-cases/access-assignments";
import { applyAccessAssignment } from "../../../shared/use-cases/apply-access-assignment";
import { applyGrants } from "../../../shared/use-cases/apply-grants";
import { recordAssignmentFailure } from "../../../shared/use-cases/assignment-failures";
import { requestTermination } from "../../../shared/use-cases/partner-relationships";
import { recordRoleGrantsGiveUp, recordRoleGrantsRetry } from "../../../shared/use-cases/role-grants-work";
import { revokeGrants } from "../../../shared/use-cases/revoke-grants";
import { helpdesk, InMemoryWorld, partner, relationship, userAdmin } from "../../support/in-memory/access-world";

const group = "aaaaaaaa-0000-4000-8000-000000000001";
const otherGroup = "aaaaaaaa-0000-4000-8000-000000000002";
const actor = { kind: "partner" as const, tenantId: partner, userId: "u" };
const request = { partnerTenantId: partner, relationshipId: "rel-1", actor };

async function activeWorld(): Promise<InMemoryWorld> {
  const world = new InMemoryWorld();
  world.add(relationship());
  await applyGrants(world.ports(), { kind: "applyGrants", partnerTenantId: partner, relationshipId: "rel-1" });
  world.published.length = 0;
  return world;
}

/** The messages the use cases queued for assignments, taken off the in-memory queue. */
function takeAssignmentMessages(world: InMemoryWorld): ApplyAccessAssignmentMessage[] {
  const taken = world.published
    .filter((item) => item.message.kind === "applyAccessAssignment")
    .map((item) => item.message as ApplyAccessAssignmentMessage);
  world.published.length = 0;
  return taken;
}

async function assigned(world: InMemoryWorld, roles = [helpdesk], securityGroupId = group) {
  const created = await createAccessAssignment(world.ports(), request, {
    securityGroupId,
    roleDefinitionIds: roles,
    label: "Tier 1"
  });
  const [message] = takeAssignmentMessages(world);
  return { created, message: message as ApplyAccessAssignmentMessage };
}

const groupsOf = (world: InMemoryWorld, role: string) => world.grantsOf(role)["rel-1"]?.groups ?? {};

describe("createAccessAssignment", () => {
  it("records a pending assignment and a notStarted operation, queues ids only, and leaves the relationship's ETag alone", async () => {
    const world = await activeWorld();
    const etagBefore = relationshipEtag(world.relationship());

    const { created, message } = await assigned(world);

    expect(created.assignment).toMatchObject({
      status: "pending",
      version: 1,
      label: "Tier 1",
      accessContainer: { accessContainerId: group, accessContainerType: "securityGroup" },
      heldRoles: [helpdesk]
    });
    expect(created.operation).toMatchObject({
      operationType: "delegatedAdminAccessAssignmentUpdate",
      status: "notStarted",
      subject: { accessAssignmentId: created.assignment.id, target: "active" }
    });
    expect(message).toEqual({
      kind: "applyAccessAssignment",
      partnerTenantId: partner,
      relationshipId: "rel-1",
      accessAssignmentId: created.assignment.id,
      operationId: created.operation?.id
    });
    expect(relationshipEtag(world.relationship())).toBe(etagBefore);
    expect(groupsOf(world, helpdesk)).toEqual({}); // nothing is granted before the queue work
  });

  it("refuses roles the relationship does not hold (400) and a second assignment of the same group (409)", async () => {
    const world = await activeWorld();
    await expect(
      createAccessAssignment(world.ports(), request, {
        securityGroupId: group,
        roleDefinitionIds: ["5d6b6bb7-de71-4623-b4af-96380a352509"]
      })
    ).rejects.toBeInstanceOf(ValidationError);
    await assigned(world);
    const again = createAccessAssignment(world.ports(), request, {
      securityGroupId: group.toUpperCase(),
      roleDefinitionIds: [userAdmin]
    });
    await expect(again).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses on a relationship that is not active yet", async () => {
    const world = new InMemoryWorld();
    world.add(relationship());
    await expect(
      createAccessAssignment(world.ports(), request, { securityGroupId: group, roleDefinitionIds: [helpdesk] })
    ).rejects.toThrow(/only on an active relationship; this one is approved/);
  });
});

describe("applyAccessAssignment", () => {
  it("lists the group in the grant of each role, then the assignment is active and its operation succeeded", async () => {
    const world = await activeWorld();
    const { created, message } = await assigned(world, [helpdesk, userAdmin]);

    const outcome = await applyAccessAssignment(world.ports(), message);

    expect(outcome).toMatchObject({ status: "active", heldRoles: [helpdesk, userAdmin] });
    expect(groupsOf(world, helpdesk)).toEqual({ [group]: created.assignment.id });
    expect(groupsOf(world, userAdmin)).toEqual({ [group]: created.assignment.id });
    const stored = world.relationship();
    expect(findAssignment(stored, created.assignment.id)).toMatchObject({ status: "active", version: 1 });
    expect(stored.operations?.find((operation) => operation.id === message.operationId)?.status).toBe("succeeded");
    expect(world.auditActions()).toContain("accessAssignmentApplied");
  });

  it("changes nothing when the message is delivered again", async () => {
    const world = await activeWorld();
    const { message } = await assigned(world);
    await applyAccessAssignment(world.ports(), message);
    const before = world.relationship();
    const accessBefore = structuredClone([...world.access.entries()]);
    world.now = new Date("2027-01-03T12:00:00.000Z");

    const outcome = await applyAccessAssignment(world.ports(), message);

    expect(outcome.note).toMatch(/nothing to apply/);
    expect(world.relationship()).toEqual(before);
    expect([...world.access.entries()]).toEqual(accessBefore);
  });

  it("finishes after a crash between listing the group and the final write", async () => {
    const world = await activeWorld();
    const { created, message } = await assigned(world, [helpdesk, userAdmin]);
    world.afterPutGroup = (role) => {
      if (role === userAdmin) throw new Error("crash after the second group");
    };
    await expect(applyAccessAssignment(world.ports(), message)).rejects.toThrow("crash");
    expect(findAssignment(world.relationship(), created.assignment.id)?.status).toBe("pending");

    world.afterPutGroup = () => undefined;
    await applyAccessAssignment(world.ports(), message);

    expect(findAssignment(world.relationship(), created.assignment.id)?.status).toBe("active");
    expect(groupsOf(world, userAdmin)).toEqual({ [group]: created.assignment.id });
  });

  it("marks the assignment error and its operation failed when the relationship's grant is not there, and dead-letters", async () => {
    const world = await activeWorld();
    const { created, message } = await assigned(world);
    world.access.clear(); // the grant is gone (damaged data)

    const attempt = applyAccessAssignment(world.ports(), message);

    await expect(attempt).rejects.toBeInstanceOf(PermanentMessageError);
    const stored = world.relationship();
    expect(findAssignment(stored, created.assignment.id)).toMatchObject({
      status: "error",
      error: { code: "grantMissing", message: expect.stringContaining("Helpdesk Administrator") }
    });
    expect(stored.operations?.find((operation) => operation.id === message.operationId)).toMatchObject({
      status: "failed",
      error: { code: "grantMissing" }
    });
  });

  it("after a PATCH made before the first message is handled: one run applies the latest roles and closes both operations", async () => {
    const world = await activeWorld();
    const { created, message: first } = await assigned(world, [helpdesk]);
    const patched = await updateAccessAssignment(
      world.ports(),
      { ...request, accessAssignmentId: created.assignment.id, ifMatch: "v1" },
      { roleDefinitionIds: [userAdmin] }
    );
    const [second] = takeAssignmentMessages(world);

    await applyAccessAssignment(world.ports(), first);
    await applyAccessAssignment(world.ports(), second as ApplyAccessAssignmentMessage);

    expect(groupsOf(world, helpdesk)).toEqual({});
    expect(groupsOf(world, userAdmin)).toEqual({ [group]: created.assignment.id });
    const stored = world.relationship();
    expect(findAssignment(stored, created.assignment.id)).toMatchObject({
      status: "active",
      version: 2,
      heldRoles: [userAdmin]
    });
    expect(
      stored.operations
        ?.filter((operation) => operation.subject.kind === "accessAssignment")
        .map((operation) => operation.status)
    ).toEqual(["succeeded", "succeeded"]);
    expect(patched.operation?.id).toBe(second?.operationId);
  });
});

describe("updateAccessAssignment and deleteAccessAssignment", () => {
  it("takes a role away from the group before answering, and applies the new ones later", async () => {
    const world = await activeWorld();
    const { created, message } = await assigned(world, [helpdesk, userAdmin]);
    await applyAccessAssignment(world.ports(), message);

    const updated = await updateAccessAssignment(
      world.ports(),
      { ...request, accessAssignmentId: created.assignment.id, ifMatch: "v1" },
      { roleDefinitionIds: [userAdmin] }
    );

    expect(updated.assignment).toMatchObject({ status: "pending", version: 2 });
    expect(groupsOf(world, helpdesk)).toEqual({}); // gone at once
    expect(groupsOf(world, userAdmin)).toEqual({ [group]: created.assignment.id });
  });

  it("answers a stale If-Match with 412 and writes nothing; the same roles change nothing", async () => {
    const world = await activeWorld();
    const { created } = await assigned(world);
    const stored = world.relationship();
    await expect(
      updateAccessAssignment(
        world.ports(),
        { ...request, accessAssignmentId: created.assignment.id, ifMatch: "v0" },
        { roleDefinitionIds: [userAdmin] }
      )
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    const same = await updateAccessAssignment(
      world.ports(),
      { ...request, accessAssignmentId: created.assignment.id, ifMatch: "v1" },
      { roleDefinitionIds: [helpdesk] }
    );
    expect(same.operation).toBeUndefined();
    expect(world.relationship()).toEqual(stored);
  });

  it("deletes: the group leaves the access documents before the answer, deleted after the queue work, then the group may be assigned again", async () => {
    const world = await activeWorld();
    const { created, message } = await assigned(world);
    await applyAccessAssignment(world.ports(), message);

    const deleted = await deleteAccessAssignment(world.ports(), {
      ...request,
      accessAssignmentId: created.assignment.id,
      ifMatch: "v1"
    });
    const [deleting] = takeAssignmentMessages(world);

    expect(deleted.assignment.status).toBe("deleting");
    expect(groupsOf(world, helpdesk)).toEqual({});
    await expect(
      updateAccessAssignment(
        world.ports(),
        { ...request, accessAssignmentId: created.assignment.id },
        { roleDefinitionIds: [helpdesk] }
      )
    ).rejects.toBeInstanceOf(ConflictError);

    await applyAccessAssignment(world.ports(), deleting as ApplyAccessAssignmentMessage);
    expect(findAssignment(world.relationship(), created.assignment.id)).toMatchObject({
      status: "deleted",
      heldRoles: []
    });
    await expect(
      deleteAccessAssignment(world.ports(), { ...request, accessAssignmentId: created.assignment.id })
    ).rejects.toBeInstanceOf(ConflictError);

    const again = await assigned(world);
    expect(again.created.assignment.id).not.toBe(created.assignment.id);
    await applyAccessAssignment(world.ports(), again.message);
    // The old deletion delivered late leaves the new assignment's listing alone.
    await applyAccessAssignment(world.ports(), deleting as ApplyAccessAssignmentMessage);
    expect(groupsOf(world, helpdesk)).toEqual({ [group]: again.created.assignment.id });
  });

  it("answers 404 for an assignment the relationship does not have", async () => {
    const world = await activeWorld();
    await expect(
      deleteAccessAssignment(world.ports(), { ...request, accessAssignmentId: "aaaaaaaa-0000-4000-8000-00000000ffff" })
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("the relationship ending ends its assignments", () => {
  it("termination: every grant with its groups leaves at once, the assignments are deleting, then deleted with the operation succeeded", async () => {
    const world = await activeWorld();
    const first = await assigned(world, [helpdesk], group);
    const second = await assigned(world, [userAdmin], otherGroup);
    await applyAccessAssignment(world.ports(), first.message);
    await applyAccessAssignment(world.ports(), second.message);

    const requested = await requestTermination(world.ports(), { ...request }, "partner");

    expect(world.grantsOf(helpdesk)).toEqual({});
    expect(world.grantsOf(userAdmin)).toEqual({});
    expect(requested.document.accessAssignments?.map((assignment) => assignment.status)).toEqual([
      "deleting",
      "deleting"
    ]);
    const revoke = world.published.find((item) => item.message.kind === "revokeGrants")?.message;
    expect(revoke).toMatchObject({ reason: "terminated", operationId: expect.any(String) });

    await revokeGrants(world.ports(), revoke as Parameters<typeof revokeGrants>[1]);

    const stored = world.relationship();
    expect(stored.status).toBe("terminated");
    expect(stored.accessAssignments?.map((assignment) => assignment.status)).toEqual(["deleted", "deleted"]);
    const work = stored.operations?.find(
      (operation) => operation.subject.kind === "relationship" && operation.subject.action === "terminate"
    );
    expect(work?.status).toBe("succeeded");
  });

  it("a give-up marks the assignment error and its operation failed, unless the assignment moved on", async () => {
    const world = await activeWorld();
    const { created, message } = await assigned(world);
    await recordAssignmentFailure(world.ports(), message, { code: "x", message: "Could not." }, 7);
    expect(findAssignment(world.relationship(), created.assignment.id)?.status).toBe("pending");

    await recordAssignmentFailure(world.ports(), message, { code: "x", message: "Could not." });

    expect(findAssignment(world.relationship(), created.assignment.id)).toMatchObject({
      status: "error",
      error: { message: "Could not." }
    });
    expect(world.relationship().operations?.find((operation) => operation.id === message.operationId)?.status).toBe(
      "failed"
    );
  });
});

describe("the relationship's own operations", () => {
  it("activation: notStarted when accepted, succeeded once the grants are in; a failed attempt shows running; giving up shows failed", async () => {
    const world = new InMemoryWorld();
    const operationId = "bbbbbbbb-0000-4000-8000-000000000001";
    const at = "2027-01-02T00:00:00.000Z";
    world.add(
      relationship({
        operations: [
          {
            id: operationId,
            operationType: "delegatedAdminRelationshipUpdate",
            status: "notStarted",
            createdDateTime: at,
            lastModifiedDateTime: at,
            subject: { kind: "relationship", action: "activate", roleDefinitionIds: [helpdesk] }
          }
        ]
      })
    );
    const message = { kind: "applyGrants", partnerTenantId: partner, relationshipId: "rel-1", operationId } as const;
    const statusOf = () => world.relationship().operations?.find((operation) => operation.id === operationId)?.status;

    await recordRoleGrantsRetry(world.ports(), message);
    expect(statusOf()).toBe("running");
    const etag = relationshipEtag(world.relationship());
    await recordRoleGrantsGiveUp(world.ports(), message);
    expect(world.relationship().operations?.find((operation) => operation.id === operationId)).toMatchObject({
      status: "failed",
      error: { code: "grantsNotApplied" }
    });
    expect(relationshipEtag(world.relationship())).toBe(etag); // bookkeeping: the ETag people hold stays valid

    const fresh = new InMemoryWorld();
    fresh.add(
      relationship({
        operations: world
          .relationship()
          .operations?.map((operation) => ({ ...operation, status: "notStarted" as const }))
      })
    );
    await applyGrants(fresh.ports(), message);
    expect(fresh.relationship().operations?.[0]?.status).toBe("succeeded");
  });
});
