import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, roles, tokenFor } from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  createAssignment,
  deleteAssignment,
  groupMember,
  operationsOf,
  readAssignment,
  roleGrantsConsumer,
  type RoleGrantsConsumer
} from "./assignments-kit";
import { acceptedRelationship, checkAccess, partnerToken, readAsPartner, type AccessQuery } from "./grants-kit";
import { advanceClock, resetClock } from "./timer-helpers";

/**
 * The access check by security group, with the product's queue consumers switched off: the role-grants work runs
 * only when the test drains the queue itself (roleGrantsConsumer), so every "no" below is given before any queue
 * message about the change that caused it has been handled. No timer runs either.
 */
describe("access check by security group", () => {
  let runtime: LocalRuntime;
  let consumer: RoleGrantsConsumer;
  let partner: string;
  const partnerTenantId = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      env: { ...queueConsumersDisabled, "AzureWebJobs.timerRelationshipDates.Disabled": "true" }
    });
    consumer = roleGrantsConsumer(runtime);
    partner = await partnerToken(runtime, partnerTenantId);
  });
  afterEach(async () => {
    await resetClock(runtime);
  });
  afterAll(async () => {
    await consumer?.close();
    await runtime?.stop();
  });

  /** An active relationship (the grants applied by draining the queue) and the access query for Helpdesk Administrator. */
  async function activeRelationship(overrides: Record<string, unknown> = {}) {
    const accepted = await acceptedRelationship(runtime, partner, overrides);
    await consumer.drain();
    const relationship = await readAsPartner(runtime, partner, accepted.id);
    expect(relationship.status).toBe("active");
    const query: AccessQuery = {
      partnerTenantId,
      customerTenantId: accepted.customerTenantId,
      roleDefinitionId: roles.helpdeskAdministrator
    };
    return { ...accepted, relationship, query };
  }

  /** An assignment of `group` to Helpdesk Administrator, applied. */
  async function activeAssignment(relationshipId: string, group: string) {
    const created = await createAssignment(runtime, partner, relationshipId, group, [roles.helpdeskAdministrator]);
    expect(created.status).toBe(201);
    await consumer.drain();
    const applied = await readAssignment(runtime, partner, relationshipId, created.body.id);
    expect(applied.body.status).toBe("active");
    return applied;
  }

  it("allows a member of an assigned group, naming the assignment; another group is notAssigned; pending is not yet access", async () => {
    const { id, query, relationship } = await activeRelationship();
    const group = randomUUID();
    const member = await groupMember(runtime, partnerTenantId, [randomUUID(), group]);

    const created = await createAssignment(runtime, partner, id, group, [roles.helpdeskAdministrator], {
      label: "Helpdesk tier 1"
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "pending", label: "Helpdesk tier 1" });
    expect((await checkAccess(runtime, member, query)).body).toEqual({ allowed: false, reason: "notAssigned" });

    await consumer.drain();

    expect((await checkAccess(runtime, member, query)).body).toEqual({
      allowed: true,
      relationshipId: id,
      roleDefinitionId: roles.helpdeskAdministrator,
      expiresAt: relationship.endDateTime,
      accessAssignmentId: created.body.id,
      securityGroupId: group
    });
    const outsider = await groupMember(runtime, partnerTenantId, [randomUUID()]);
    expect((await checkAccess(runtime, outsider, query)).body).toEqual({ allowed: false, reason: "notAssigned" });
    // The group holds Helpdesk Administrator only, not the relationship's other role.
    expect((await checkAccess(runtime, member, { ...query, roleDefinitionId: roles.userAdministrator })).body).toEqual({
      allowed: false,
      reason: "notAssigned"
    });
    // A platform with Access.Check passes the groups itself (repeated parameter).
    const platform = await tokenFor(runtime, { tenantId: randomUUID(), roles: ["Access.Check"] });
    const asked = await call(
      runtime,
      "GET",
      `/api/access?${new URLSearchParams([...Object.entries(query), ["securityGroupId", randomUUID()], ["securityGroupId", group.toUpperCase()]])}`,
      { token: platform }
    );
    expect(asked.body).toMatchObject({ allowed: true, accessAssignmentId: created.body.id, securityGroupId: group });
    // Without groups the answer is about the partner tenant, as before.
    expect((await checkAccess(runtime, partner, query)).body).toMatchObject({ allowed: true, relationshipId: id });
    expect((await checkAccess(runtime, platform, query)).body).not.toHaveProperty("accessAssignmentId");
  });

  it("says no at once after the assignment's DELETE, before the queue work; deleted once it is done", async () => {
    const { id, query } = await activeRelationship();
    const group = randomUUID();
    const member = await groupMember(runtime, partnerTenantId, [group]);
    const assignment = await activeAssignment(id, group);
    expect((await checkAccess(runtime, member, query)).body.allowed).toBe(true);

    const deleted = await deleteAssignment(
      runtime,
      partner,
      id,
      assignment.body.id,
      assignment.headers.get("etag") ?? ""
    );
    expect(deleted.status).toBe(204);

    expect((await checkAccess(runtime, member, query)).body).toEqual({ allowed: false, reason: "notAssigned" });
    expect((await readAssignment(runtime, partner, id, assignment.body.id)).body.status).toBe("deleting");
    await consumer.drain();
    expect((await readAssignment(runtime, partner, id, assignment.body.id)).body.status).toBe("deleted");
  });

  it("says no at once after Remove roles, and every assignment ends deleted with the relationship's operation succeeded", async () => {
    const { id, query, customerToken } = await activeRelationship();
    const group = randomUUID();
    const member = await groupMember(runtime, partnerTenantId, [group]);
    const assignment = await activeAssignment(id, group);

    const removed = await call(runtime, "POST", `/api/customer/relationships/${id}/remove-roles`, {
      token: customerToken
    });
    expect(removed.status).toBe(200);

    expect((await checkAccess(runtime, member, query)).body).toEqual({ allowed: false, reason: "notGranted" });
    expect((await checkAccess(runtime, partner, query)).body).toEqual({ allowed: false, reason: "notGranted" });
    expect((await readAssignment(runtime, partner, id, assignment.body.id)).body.status).toBe("deleting");
    await consumer.drain();
    expect((await readAssignment(runtime, partner, id, assignment.body.id)).body.status).toBe("deleted");
    const removal = (await operationsOf(runtime, partner, id)).find(
      (operation) => JSON.parse(operation.data).action === "removeRoles"
    );
    expect(removal).toMatchObject({ operationType: "delegatedAdminRelationshipUpdate", status: "succeeded" });
  });

  it("says no at once after the partner terminates, and the assignments end deleted with the relationship terminated", async () => {
    const { id, query } = await activeRelationship();
    const group = randomUUID();
    const member = await groupMember(runtime, partnerTenantId, [group]);
    const assignment = await activeAssignment(id, group);

    const terminating = await call(runtime, "POST", `/api/relationships/${id}/terminate`, { token: partner });
    expect(terminating.status).toBe(202);

    expect((await checkAccess(runtime, member, query)).body).toEqual({ allowed: false, reason: "notGranted" });
    await consumer.drain();
    expect((await readAsPartner(runtime, partner, id)).status).toBe("terminated");
    expect((await readAssignment(runtime, partner, id, assignment.body.id)).body.status).toBe("deleted");
    const operations = await operationsOf(runtime, partner, id);
    expect(
      operations.map((operation) => [JSON.parse(operation.data).action ?? "assignment", operation.status])
    ).toEqual([
      ["activate", "succeeded"],
      ["assignment", "succeeded"],
      ["terminate", "succeeded"]
    ]);
  });

  it("says no once the end date has passed, with no timer run, and yes again when the clock is back", async () => {
    const { id, query, relationship } = await activeRelationship({ duration: "P30D" });
    const group = randomUUID();
    const member = await groupMember(runtime, partnerTenantId, [group]);
    await activeAssignment(id, group);

    await advanceClock(runtime, { ms: Date.parse(relationship.endDateTime as string) - Date.now() + 60_000 });

    expect((await checkAccess(runtime, member, query)).body).toEqual({ allowed: false, reason: "expired" });
    expect((await readAsPartner(runtime, partner, id)).status).toBe("active"); // no timer ran
    await resetClock(runtime);
    expect((await checkAccess(runtime, member, query)).body).toMatchObject({ allowed: true, securityGroupId: group });
  });

  it("refuses groups passed by a caller without Access.Check, more than 200 groups, and says what to do on a groups overage", async () => {
    const { query } = await activeRelationship();
    const member = await groupMember(runtime, partnerTenantId, [randomUUID()]);
    const passed = await call<{ requiredRole?: { id: string } }>(
      runtime,
      "GET",
      `/api/access?${new URLSearchParams({ ...query, securityGroupId: randomUUID() })}`,
      { token: member }
    );
    expect(passed.status).toBe(403);
    expect(passed.body.requiredRole).toEqual({ id: "Access.Check", displayName: "Access.Check" });

    const platform = await tokenFor(runtime, { tenantId: randomUUID(), roles: ["Access.Check"] });
    const tooMany = new URLSearchParams([
      ...Object.entries(query),
      ...Array.from({ length: 201 }, () => ["securityGroupId", randomUUID()] as [string, string])
    ]);
    const refused = await call<{ errors: { field: string; message: string }[] }>(
      runtime,
      "GET",
      `/api/access?${tooMany}`,
      { token: platform }
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: "securityGroupId", message: "must name at most 200 security groups" }
    ]);
    const notGuid = await call<{ errors: { field: string }[] }>(
      runtime,
      "GET",
      `/api/access?${new URLSearchParams({ ...query, securityGroupId: "helpdesk" })}`,
      { token: platform }
    );
    expect(notGuid.body.errors).toEqual([
      { field: "securityGroupId.0", message: "must be a security group id (GUID)" }
    ]);

    const overage = await tokenFor(runtime, { tenantId: partnerTenantId, groupsOverage: true });
    const answer = await call<{ detail: string; requiredRole?: { id: string } }>(
      runtime,
      "GET",
      `/api/access?${new URLSearchParams({ ...query })}`,
      { token: overage }
    );
    expect(answer.status).toBe(403);
    expect(answer.body.detail).toMatch(/groups overage/);
    expect(answer.body.requiredRole?.id).toBe("Access.Check");
  });
});
