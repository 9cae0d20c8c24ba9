import { randomUUID } from "node:crypto";
import { ServiceBusClient } from "@azure/service-bus";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { roleGrantsDocumentId, type RoleGrantsDocument } from "../../../shared/grants/role-grants";
import { containerIds } from "../../../shared/cosmos/containers";
import { queueNames } from "../../../shared/messaging/queues";
import {
  call,
  customerGlobalAdmin,
  demoPartnerTenants,
  gdapInvitation,
  partnerReader,
  roles,
  tokenFor
} from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  assignmentsPath,
  createAssignment,
  deleteAssignment,
  groupMember,
  operationsOf,
  readAssignment,
  updateAssignment,
  waitForAssignment,
  type Assignment
} from "./assignments-kit";
import {
  acceptedRelationship,
  accessDocument,
  checkAccess,
  cosmosContainer,
  partnerToken,
  sendRoleGrantsMessage,
  waitForInvocation,
  waitForStatus
} from "./grants-kit";
import { advanceClock, resetClock, runTimer } from "./timer-helpers";

const helpdesk = roles.helpdeskAdministrator;
const userAdmin = roles.userAdministrator;

describe("access assignments through the real role-grants consumer", () => {
  let runtime: LocalRuntime;
  let partner: string;
  let relationshipId: string;
  let customerTenantId: string;
  const partnerTenantId = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    partner = await partnerToken(runtime, partnerTenantId);
    const accepted = await acceptedRelationship(runtime, partner);
    await waitForStatus(runtime, partner, accepted.id, "active");
    relationshipId = accepted.id;
    customerTenantId = accepted.customerTenantId;
  });
  afterEach(async () => {
    await resetClock(runtime);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const groupsInGrant = async (role: string, id = relationshipId) =>
    (await accessDocument(runtime, { partnerTenantId, customerTenantId, roleDefinitionId: role }))?.grants[id]
      ?.groups ?? {};

  describe("lifecycle", () => {
    it("creates (201, Location, ETag) pending → active; PATCH (202, Location of the operation) → active with the new roles; DELETE (204) → deleted", async () => {
      const group = randomUUID();
      const created = await createAssignment(runtime, partner, relationshipId, group, [helpdesk]);
      expect(created.status).toBe(201);
      expect(created.headers.get("location")).toBe(`${assignmentsPath(relationshipId)}/${created.body.id}`);
      expect(created.headers.get("etag")).toBe('"v1"');
      const id = created.body.id;

      await waitForAssignment(runtime, partner, relationshipId, id, "active");
      expect(await groupsInGrant(helpdesk)).toEqual({ [group]: id });

      const patched = await updateAssignment(
        runtime,
        partner,
        relationshipId,
        id,
        { accessDetails: { unifiedRoles: [{ roleDefinitionId: userAdmin }] } },
        '"v1"'
      );
      expect(patched.status).toBe(202);
      expect(patched.headers.get("etag")).toBe('"v2"');
      const operationPath = patched.headers.get("location") ?? "";
      expect(operationPath).toMatch(new RegExp(`^/api/relationships/${relationshipId}/operations/[0-9a-f-]{36}$`));
      await waitForAssignment(runtime, partner, relationshipId, id, "active");
      expect(await groupsInGrant(helpdesk)).toEqual({});
      expect(await groupsInGrant(userAdmin)).toEqual({ [group]: id });
      const operation = await call<{ status: string; data: string; operationType: string }>(
        runtime,
        "GET",
        operationPath,
        { token: partner }
      );
      expect(operation.body).toMatchObject({
        operationType: "delegatedAdminAccessAssignmentUpdate",
        status: "succeeded"
      });
      expect(JSON.parse(operation.body.data)).toEqual({
        id,
        accessContainer: { accessContainerId: group, accessContainerType: "securityGroup" },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: userAdmin }] },
        status: "active"
      });

      const deleted = await deleteAssignment(runtime, partner, relationshipId, id, '"v2"');
      expect(deleted.status).toBe(204);
      await waitForAssignment(runtime, partner, relationshipId, id, "deleted");
      expect(await groupsInGrant(userAdmin)).toEqual({});

      const list = await call<{ value: Assignment[] }>(runtime, "GET", assignmentsPath(relationshipId), {
        token: partner
      });
      expect(list.body.value.find((assignment) => assignment.id === id)?.status).toBe("deleted");
      // The group may be assigned again: a new assignment with a new id.
      const again = await createAssignment(runtime, partner, relationshipId, group, [helpdesk]);
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(id);
      await waitForAssignment(runtime, partner, relationshipId, again.body.id, "active");
    });

    it("a relabel is a 200 with no operation; the same roles again change nothing", async () => {
      const created = await createAssignment(runtime, partner, relationshipId, randomUUID(), [helpdesk], {
        label: "First"
      });
      const id = created.body.id;
      await waitForAssignment(runtime, partner, relationshipId, id, "active");
      const operationsBefore = (await operationsOf(runtime, partner, relationshipId)).length;

      const relabelled = await updateAssignment(runtime, partner, relationshipId, id, { label: "Second" }, '"v1"');
      expect(relabelled.status).toBe(200);
      expect(relabelled.body).toMatchObject({ status: "active", label: "Second" });
      const same = await updateAssignment(
        runtime,
        partner,
        relationshipId,
        id,
        { accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdesk }] } },
        '"v2"'
      );
      expect(same.status).toBe(200);
      expect(same.headers.get("etag")).toBe('"v2"');
      expect((await operationsOf(runtime, partner, relationshipId)).length).toBe(operationsBefore);
    });
  });

  describe("rules", () => {
    it("refuses a second live assignment of a group (409), roles the relationship does not hold and other bad bodies (400 naming the field)", async () => {
      const group = randomUUID();
      expect((await createAssignment(runtime, partner, relationshipId, group, [helpdesk])).status).toBe(201);
      const twice = await createAssignment(runtime, partner, relationshipId, group.toUpperCase(), [userAdmin]);
      expect(twice.status).toBe(409);
      expect(twice.body.errors).toEqual([
        {
          field: "accessContainer.accessContainerId",
          message: expect.stringContaining("already has an access assignment")
        }
      ]);

      const notHeld = await createAssignment(runtime, partner, relationshipId, randomUUID(), [
        helpdesk,
        roles.securityReader
      ]);
      expect(notHeld.status).toBe(400);
      expect(notHeld.body.errors).toEqual([
        {
          field: "accessDetails.unifiedRoles.1.roleDefinitionId",
          message: expect.stringContaining("is not a role of this relationship")
        }
      ]);
      expect((await createAssignment(runtime, partner, relationshipId, randomUUID(), [])).body.errors).toEqual([
        { field: "accessDetails.unifiedRoles", message: "must name at least one role" }
      ]);

      const badType = await call<Assignment>(runtime, "POST", assignmentsPath(relationshipId), {
        token: partner,
        body: {
          accessContainer: { accessContainerId: randomUUID(), accessContainerType: "user" },
          accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdesk }] }
        }
      });
      expect(badType.status).toBe(400);
      expect(badType.body.errors?.[0]?.field).toBe("accessContainer.accessContainerType");
      const unknown = await createAssignment(runtime, partner, relationshipId, randomUUID(), [helpdesk], {
        displayName: "x"
      });
      expect(unknown.body.errors).toEqual([{ field: "displayName", message: "unknown field" }]);
      const badLabel = await createAssignment(runtime, partner, relationshipId, randomUUID(), [helpdesk], {
        label: "two\nlines"
      });
      expect(badLabel.body.errors).toEqual([{ field: "label", message: expect.stringContaining("control") }]);
    });

    it("refuses an assignment on a relationship that is not active (409)", async () => {
      const pending = await call<{ id: string }>(runtime, "POST", "/api/relationships", {
        token: partner,
        body: gdapInvitation()
      });
      const refused = await createAssignment(runtime, partner, pending.body.id, randomUUID(), [helpdesk]);
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/only on an active relationship; this one is approvalPending/);
    });

    it("PATCH and DELETE need If-Match (428), a stale one is a 412, and a deleted assignment cannot change (409)", async () => {
      const created = await createAssignment(runtime, partner, relationshipId, randomUUID(), [helpdesk]);
      const id = created.body.id;
      const roles = { accessDetails: { unifiedRoles: [{ roleDefinitionId: userAdmin }] } };
      expect((await updateAssignment(runtime, partner, relationshipId, id, roles)).status).toBe(428);
      expect((await deleteAssignment(runtime, partner, relationshipId, id)).status).toBe(428);
      expect((await updateAssignment(runtime, partner, relationshipId, id, roles, '"v7"')).status).toBe(412);
      expect((await deleteAssignment(runtime, partner, relationshipId, id, '"v7"')).status).toBe(412);

      expect((await deleteAssignment(runtime, partner, relationshipId, id, '"v1"')).status).toBe(204);
      await waitForAssignment(runtime, partner, relationshipId, id, "deleted");
      const changed = await updateAssignment(runtime, partner, relationshipId, id, roles, "*");
      expect(changed.status).toBe(409);
      expect(changed.body.detail).toMatch(/deleted access assignment cannot be changed/);
      expect((await deleteAssignment(runtime, partner, relationshipId, id, "*")).status).toBe(409);
    });
  });

  describe("tenant isolation", () => {
    it("another partner and a customer see nothing; a partner user without Partner.Admin reads but cannot write", async () => {
      const created = await createAssignment(runtime, partner, relationshipId, randomUUID(), [helpdesk]);
      const item = `${assignmentsPath(relationshipId)}/${created.body.id}`;
      const operations = await operationsOf(runtime, partner, relationshipId);
      const operationItem = `/api/relationships/${relationshipId}/operations/${operations[0]?.id}`;

      const otherPartner = await partnerToken(runtime, demoPartnerTenants[1]);
      for (const path of [
        assignmentsPath(relationshipId),
        item,
        `/api/relationships/${relationshipId}/operations`,
        operationItem
      ]) {
        const read = await call(runtime, "GET", path, { token: otherPartner });
        expect(read.status, path).toBe(404);
        expect(read.text).not.toContain(created.body.id);
      }
      expect((await createAssignment(runtime, otherPartner, relationshipId, randomUUID(), [helpdesk])).status).toBe(
        404
      );
      expect((await deleteAssignment(runtime, otherPartner, relationshipId, created.body.id, '"v1"')).status).toBe(404);

      const customer = await tokenFor(runtime, customerGlobalAdmin(customerTenantId));
      for (const path of [assignmentsPath(relationshipId), item, `/api/relationships/${relationshipId}/operations`]) {
        expect((await call(runtime, "GET", path, { token: customer })).status, path).toBe(403);
      }
      expect((await createAssignment(runtime, customer, relationshipId, randomUUID(), [helpdesk])).status).toBe(403);

      const reader = await tokenFor(runtime, partnerReader(partnerTenantId));
      expect((await call(runtime, "GET", item, { token: reader })).status).toBe(200);
      const write = await createAssignment(runtime, reader, relationshipId, randomUUID(), [helpdesk]);
      expect(write.status).toBe(403);
      expect(await call(runtime, "GET", item)).toMatchObject({ status: 401 });
    });
  });

  describe("reliability", () => {
    it("handles an assignment's message delivered twice: nothing changes", async () => {
      const group = randomUUID();
      const created = await createAssignment(runtime, partner, relationshipId, group, [helpdesk, userAdmin]);
      await waitForAssignment(runtime, partner, relationshipId, created.body.id, "active");
      const before = {
        assignment: (await readAssignment(runtime, partner, relationshipId, created.body.id)).body,
        operations: await operationsOf(runtime, partner, relationshipId)
      };
      const accessBefore = [await groupsInGrant(helpdesk), await groupsInGrant(userAdmin)];
      const operation = before.operations.find((candidate) => JSON.parse(candidate.data).id === created.body.id);

      const again = `dup-assignment-${randomUUID()}`;
      await sendRoleGrantsMessage(
        runtime,
        {
          kind: "applyAccessAssignment",
          partnerTenantId,
          relationshipId,
          accessAssignmentId: created.body.id,
          operationId: operation?.id as string
        },
        again
      );
      expect((await waitForInvocation(runtime, again)).map((line) => line.outcome)).toEqual(["succeeded"]);

      expect((await readAssignment(runtime, partner, relationshipId, created.body.id)).body).toEqual(before.assignment);
      expect(await operationsOf(runtime, partner, relationshipId)).toEqual(before.operations);
      expect([await groupsInGrant(helpdesk), await groupsInGrant(userAdmin)]).toEqual(accessBefore);
    });

    it("keeps the groups in a grant when the relationship's grants are put again (a redelivered activation, an auto-extension)", async () => {
      const group = randomUUID();
      const created = await createAssignment(runtime, partner, relationshipId, group, [helpdesk]);
      await waitForAssignment(runtime, partner, relationshipId, created.body.id, "active");

      const again = `dup-apply-${randomUUID()}`;
      await sendRoleGrantsMessage(runtime, { kind: "applyGrants", partnerTenantId, relationshipId }, again);
      expect((await waitForInvocation(runtime, again)).map((line) => line.outcome)).toEqual(["succeeded"]);

      expect(await groupsInGrant(helpdesk)).toMatchObject({ [group]: created.body.id });
      const member = await groupMember(runtime, partnerTenantId, [group]);
      expect(
        (await checkAccess(runtime, member, { partnerTenantId, customerTenantId, roleDefinitionId: helpdesk })).body
      ).toMatchObject({ allowed: true, accessAssignmentId: created.body.id });
    });

    it("finishes an assignment whose message could not be sent (the queue refusing sends) through the outbox timer", async () => {
      const refuse = await call(runtime, "POST", "/dev/service-bus/refuse-sends", {
        body: { queue: queueNames.roleGrants, count: 10 }
      });
      expect(refuse.status).toBe(200);
      const group = randomUUID();
      const created = await createAssignment(runtime, partner, relationshipId, group, [helpdesk]);
      expect(created.status).toBe(201);
      await call(runtime, "POST", "/dev/service-bus/refuse-sends", {
        body: { queue: queueNames.roleGrants, count: 0 }
      });

      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await readAssignment(runtime, partner, relationshipId, created.body.id)).body.status).toBe("pending");
      expect(await groupsInGrant(helpdesk)).not.toHaveProperty(group);

      await advanceClock(runtime, { ms: 60_000 });
      expect((await runTimer(runtime, "timerOutbox")).outcome).toBe("succeeded");
      await waitForAssignment(runtime, partner, relationshipId, created.body.id, "active");
      expect(await groupsInGrant(helpdesk)).toMatchObject({ [group]: created.body.id });
    });

    it("shows a grant that cannot be given as failed in operations and error on the assignment, and dead-letters the message", async () => {
      // A relationship of its own whose Helpdesk Administrator grant has gone missing from the access document.
      const accepted = await acceptedRelationship(runtime, partner);
      await waitForStatus(runtime, partner, accepted.id, "active");
      const access = cosmosContainer(runtime, containerIds.access);
      const documentId = roleGrantsDocumentId(partnerTenantId, helpdesk);
      const { resource } = await access.item(documentId, accepted.customerTenantId).read<RoleGrantsDocument>();
      await access
        .item(documentId, accepted.customerTenantId)
        .replace({ ...(resource as RoleGrantsDocument), grants: {} });

      const created = await createAssignment(runtime, partner, accepted.id, randomUUID(), [helpdesk]);
      const failed = await waitForAssignment(runtime, partner, accepted.id, created.body.id, "error");

      expect(failed.error).toEqual({
        code: "grantMissing",
        message: expect.stringContaining("Helpdesk Administrator")
      });
      const operation = (await operationsOf(runtime, partner, accepted.id)).find(
        (candidate) => JSON.parse(candidate.data).id === created.body.id
      );
      expect(operation?.status).toBe("failed");
      expect(JSON.parse(operation?.data ?? "{}").error).toMatchObject({ code: "grantMissing" });
      const client = new ServiceBusClient(runtime.serviceBus.connectionString, {
        retryOptions: { maxRetries: 1, timeoutInMs: 5_000 }
      });
      try {
        const deadLetters = client.createReceiver(queueNames.roleGrants, { subQueueType: "deadLetter" });
        const dead = await deadLetters.peekMessages(100);
        await deadLetters.close();
        expect(
          dead.find(
            (message) => (message.body as { accessAssignmentId?: string }).accessAssignmentId === created.body.id
          )
        ).toMatchObject({ deadLetterReason: "GrantMissing" });
      } finally {
        await client.close();
      }
    });

    it("expiry ends every assignment: deleted, with the relationship's expire operation succeeded", async () => {
      const accepted = await acceptedRelationship(runtime, partner, { duration: "P1D" });
      await waitForStatus(runtime, partner, accepted.id, "active");
      const group = randomUUID();
      const created = await createAssignment(runtime, partner, accepted.id, group, [helpdesk]);
      await waitForAssignment(runtime, partner, accepted.id, created.body.id, "active");
      const member = await groupMember(runtime, partnerTenantId, [group]);

      await advanceClock(runtime, { days: 2 });
      const query = { partnerTenantId, customerTenantId: accepted.customerTenantId, roleDefinitionId: helpdesk };
      expect((await checkAccess(runtime, member, query)).body).toEqual({ allowed: false, reason: "expired" });
      expect((await runTimer(runtime, "timerRelationshipDates")).outcome).toBe("succeeded");

      await waitForStatus(runtime, partner, accepted.id, "expired");
      await waitForAssignment(runtime, partner, accepted.id, created.body.id, "deleted");
      const expiry = (await operationsOf(runtime, partner, accepted.id)).find(
        (operation) => JSON.parse(operation.data).action === "expire"
      );
      await expect
        .poll(
          async () =>
            (await operationsOf(runtime, partner, accepted.id)).find((operation) => operation.id === expiry?.id)
              ?.status,
          { timeout: 20_000 }
        )
        .toBe("succeeded");
    });
  });
});
