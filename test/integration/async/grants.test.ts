import { randomUUID } from "node:crypto";
import { ServiceBusClient } from "@azure/service-bus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../shared/domain/iso-duration";
import { queueNames } from "../../../shared/messaging/queues";
import { call, demoPartnerTenants, roles } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  acceptedRelationship,
  accessDocument,
  auditRecords,
  checkAccess,
  partnerToken,
  readAsPartner,
  sendRoleGrantsMessage,
  waitForInvocation,
  waitForStatus,
  type Relationship
} from "./grants-kit";

const granted = [roles.helpdeskAdministrator, roles.userAdministrator];

describe("role grants: accepting activates, removing and terminating revoke, the access check follows", () => {
  let runtime: LocalRuntime;
  let partner: string;
  let otherPartner: string;
  const partnerTenantId = demoPartnerTenants[0];
  const otherPartnerTenantId = demoPartnerTenants[1];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    partner = await partnerToken(runtime, partnerTenantId);
    otherPartner = await partnerToken(runtime, otherPartnerTenantId);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const ask = (
    token: string,
    customerTenantId: string,
    roleDefinitionId: string,
    partnerId: string = partnerTenantId
  ) => checkAccess(runtime, token, { partnerTenantId: partnerId, customerTenantId, roleDefinitionId });
  const allowed = async (customerTenantId: string, roleDefinitionId: string) =>
    (await ask(partner, customerTenantId, roleDefinitionId)).body.allowed;

  it("activates an accepted relationship with endDateTime = activation + duration, and the access check allows exactly the granted roles", async () => {
    const { id, customerTenantId } = await acceptedRelationship(runtime, partner, { duration: "P120D" });

    const active = await waitForStatus(runtime, partner, id, "active");

    expect(active.activatedDateTime).toEqual(expect.any(String));
    expect(active.endDateTime).toBe(addDays(active.activatedDateTime as string, 120).toISOString());
    expect(active.lastError).toBeUndefined();
    for (const role of granted) {
      const answer = await ask(partner, customerTenantId, role);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.body).toEqual({
        allowed: true,
        relationshipId: id,
        roleDefinitionId: role,
        expiresAt: active.endDateTime
      });
    }
    expect((await ask(partner, customerTenantId, roles.securityReader)).body).toEqual({
      allowed: false,
      reason: "notGranted"
    });
    // Another partner asking about itself in the same customer has nothing.
    expect((await ask(otherPartner, customerTenantId, roles.helpdeskAdministrator, otherPartnerTenantId)).body).toEqual(
      { allowed: false, reason: "notGranted" }
    );
    const actions = (await auditRecords(runtime, id)).map((record) => record.action);
    expect(actions).toEqual(expect.arrayContaining(["activationStarted", "grantApplied", "activated"]));
  });

  it("activates a relationship without roles and grants nothing", async () => {
    const { id, customerTenantId } = await acceptedRelationship(runtime, partner, {
      partnerType: "reseller",
      accessDetails: undefined,
      duration: "P730D"
    });
    const active = await waitForStatus(runtime, partner, id, "active");
    expect(active.accessDetails.unifiedRoles).toEqual([]);
    expect((await ask(partner, customerTenantId, roles.helpdeskAdministrator)).body.allowed).toBe(false);
  });

  it("revokes every grant when the customer removes the roles; the relationship stays, with no roles", async () => {
    const { id, customerTenantId, customerToken } = await acceptedRelationship(runtime, partner);
    await waitForStatus(runtime, partner, id, "active");
    expect(await allowed(customerTenantId, roles.helpdeskAdministrator)).toBe(true);

    const removed = await call<Relationship>(runtime, "POST", `/api/customer/relationships/${id}/remove-roles`, {
      token: customerToken
    });
    expect(removed.status).toBe(200);

    for (const role of granted)
      await expect.poll(() => allowed(customerTenantId, role), { timeout: 20_000, interval: 100 }).toBe(false);
    const after = await readAsPartner(runtime, partner, id);
    expect(after).toMatchObject({ status: "active", accessDetails: { unifiedRoles: [] } });
    const revoked = (await auditRecords(runtime, id)).filter((record) => record.action === "grantRevoked");
    expect(revoked.map((record) => record.after?.roleDefinitionId).sort()).toEqual([...granted].sort());
    expect(revoked.every((record) => record.after?.reason === "rolesRemoved")).toBe(true);
  });

  it("terminates at the partner's request: terminating → grants revoked → terminated, and the access check says no", async () => {
    const { id, customerTenantId } = await acceptedRelationship(runtime, partner);
    await waitForStatus(runtime, partner, id, "active");
    // Another relationship of the same partner with the same customer keeps its own grants.
    const { id: otherId } = await acceptedRelationship(
      runtime,
      partner,
      { accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }] } },
      customerTenantId
    );
    await waitForStatus(runtime, partner, otherId, "active");

    const terminating = await call<Relationship>(runtime, "POST", `/api/relationships/${id}/terminate`, {
      token: partner
    });
    expect(terminating.status).toBe(202);

    await waitForStatus(runtime, partner, id, "terminated");
    expect(await allowed(customerTenantId, roles.userAdministrator)).toBe(false);
    expect((await ask(partner, customerTenantId, roles.helpdeskAdministrator)).body).toMatchObject({
      allowed: true,
      relationshipId: otherId
    });
    const mine = ["terminationRequested", "terminationStarted", "grantRevoked", "terminated"];
    const actions = (await auditRecords(runtime, id))
      .map((record) => record.action)
      .filter((action) => mine.includes(action));
    // Sorted: records written in the same millisecond have no order (the unit tests check the sequence).
    expect(actions.sort()).toEqual([
      "grantRevoked",
      "grantRevoked",
      "terminated",
      "terminationRequested",
      "terminationStarted"
    ]);
  });

  it("terminates at the customer's request", async () => {
    const { id, customerTenantId, customerToken } = await acceptedRelationship(runtime, partner);
    await waitForStatus(runtime, partner, id, "active");

    const terminating = await call<Relationship>(runtime, "POST", `/api/customer/relationships/${id}/terminate`, {
      token: customerToken
    });
    expect(terminating.status).toBe(202);

    await waitForStatus(runtime, partner, id, "terminated");
    for (const role of granted) expect(await allowed(customerTenantId, role)).toBe(false);
  });

  it("handles every message delivered twice: one set of grants, each grant applied and revoked once in the audit trail", async () => {
    const { id, customerTenantId } = await acceptedRelationship(runtime, partner);
    await waitForStatus(runtime, partner, id, "active");
    const before = await readAsPartner(runtime, partner, id);

    const applyAgain = `dup-apply-${randomUUID()}`;
    await sendRoleGrantsMessage(runtime, { kind: "applyGrants", partnerTenantId, relationshipId: id }, applyAgain);
    expect((await waitForInvocation(runtime, applyAgain)).map((line) => line.outcome)).toEqual(["succeeded"]);

    expect(await readAsPartner(runtime, partner, id)).toEqual(before);
    for (const role of granted) {
      const document = await accessDocument(runtime, { partnerTenantId, customerTenantId, roleDefinitionId: role });
      expect(Object.keys(document?.grants ?? {})).toEqual([id]);
    }

    await call(runtime, "POST", `/api/relationships/${id}/terminate`, { token: partner });
    await waitForStatus(runtime, partner, id, "terminated");
    const revokeAgain = `dup-revoke-${randomUUID()}`;
    await sendRoleGrantsMessage(
      runtime,
      { kind: "revokeGrants", partnerTenantId, relationshipId: id, reason: "terminated" },
      revokeAgain
    );
    expect((await waitForInvocation(runtime, revokeAgain)).map((line) => line.outcome)).toEqual(["succeeded"]);

    const records = await auditRecords(runtime, id);
    const perRole = (action: string) =>
      records
        .filter((record) => record.action === action)
        .map((record) => record.after?.roleDefinitionId)
        .sort();
    expect(perRole("grantApplied")).toEqual([...granted].sort());
    expect(perRole("grantRevoked")).toEqual([...granted].sort());
    expect(records.filter((record) => record.action === "activated")).toHaveLength(1);
    expect(records.filter((record) => record.action === "terminated")).toHaveLength(1);
    expect((await readAsPartner(runtime, partner, id)).status).toBe("terminated");
  });

  it("revokes the grants of a relationship the expiry timer ends, with one accessRevoked record", async () => {
    const { id, customerTenantId } = await acceptedRelationship(runtime, partner, { duration: "P1D" });
    await waitForStatus(runtime, partner, id, "active");
    try {
      await fetch(`${runtime.url}/dev/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ advanceDays: 2 })
      });
      expect((await ask(partner, customerTenantId, roles.helpdeskAdministrator)).body).toEqual({
        allowed: false,
        reason: "expired"
      });
      const run = await fetch(`${runtime.url}/admin/functions/timerRelationshipDates`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ input: "" })
      });
      expect(run.status).toBe(202);

      await waitForStatus(runtime, partner, id, "expired");
      for (const role of granted) {
        const query = { partnerTenantId, customerTenantId, roleDefinitionId: role };
        await expect
          .poll(async () => Object.keys((await accessDocument(runtime, query))?.grants ?? {}), {
            timeout: 20_000,
            interval: 100
          })
          .toEqual([]);
      }
      await expect
        .poll(
          async () => (await auditRecords(runtime, id)).filter((record) => record.action === "accessRevoked").length,
          { timeout: 20_000 }
        )
        .toBe(1);
      const revoked = (await auditRecords(runtime, id)).filter((record) => record.action === "grantRevoked");
      expect(revoked.map((record) => record.after?.reason)).toEqual(["expired", "expired"]);
    } finally {
      await fetch(`${runtime.url}/dev/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ reset: true })
      });
    }
  });

  it("dead-letters at once a message about a relationship that does not exist, and one that is malformed", async () => {
    const unknown = `unknown-${randomUUID()}`;
    await sendRoleGrantsMessage(
      runtime,
      { kind: "applyGrants", partnerTenantId, relationshipId: randomUUID() },
      unknown
    );
    const malformed = `malformed-${randomUUID()}`;
    await sendRoleGrantsMessage(runtime, { kind: "applyGrants", partnerTenantId }, malformed);
    await waitForInvocation(runtime, unknown);
    await waitForInvocation(runtime, malformed);

    const client = new ServiceBusClient(runtime.serviceBus.connectionString, {
      retryOptions: { maxRetries: 1, timeoutInMs: 5_000 }
    });
    try {
      const deadLetters = client.createReceiver(queueNames.roleGrants, { subQueueType: "deadLetter" });
      const dead = await deadLetters.peekMessages(50);
      await deadLetters.close();
      expect(dead.find((message) => message.messageId === unknown)).toMatchObject({ deadLetterReason: "NotFound" });
      expect(dead.find((message) => message.messageId === malformed)).toMatchObject({
        deadLetterReason: "InvalidPayload"
      });
    } finally {
      await client.close();
    }
    // Each was tried once: no retries for what can never succeed.
    expect(await waitForInvocation(runtime, unknown)).toHaveLength(1);
  });
});
