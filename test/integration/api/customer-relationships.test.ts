import { randomUUID } from "node:crypto";
import { Agent } from "node:https";
import { CosmosClient } from "@azure/cosmos";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containerIds, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { CosmosCustomerRelationshipIndex } from "../../../shared/cosmos/cosmos-indexes";
import { call, demoPartnerTenants, roles } from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";
import {
  acceptBody,
  customerToken,
  invite,
  messagesFor,
  partnerToken,
  resellerInvitation,
  startApiRuntime,
  type Problem,
  type Resource
} from "./customer-api";

type Detail = Resource & {
  history: {
    at: string;
    action: string;
    actor: { kind: string; displayName?: string };
    removedRoles?: { roleDefinitionId: string }[];
  }[];
};

describe("customer API: relationships and the customer agreement", () => {
  let runtime: LocalRuntime;
  let partner: string;
  const partnerTenantId = demoPartnerTenants[1];

  beforeAll(async () => {
    runtime = await startApiRuntime();
    partner = await partnerToken(runtime, partnerTenantId);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  /** A relationship a Global Administrator of `customer` has accepted. */
  const accepted = async (customer: string, overrides: Record<string, unknown> = {}) => {
    const sent = await invite(runtime, partner, overrides);
    const ga = await customerToken(runtime, customer, [roles.globalAdministrator]);
    const response = await call<Resource>(runtime, "POST", `/api/invitations/${sent.token}/accept`, {
      token: ga,
      body: acceptBody
    });
    if (response.status !== 200) throw new Error(`accept failed: ${response.status} ${response.text}`);
    return { id: sent.id, etag: response.headers.get("etag") as string, ga };
  };
  const list = (token: string, query = "") =>
    call<{ value: Resource[] } & Problem>(runtime, "GET", `/api/customer/relationships${query}`, { token });
  const detail = (id: string, token: string) =>
    call<Detail & Problem>(runtime, "GET", `/api/customer/relationships/${id}`, { token });
  const removeRoles = (id: string, token: string, headers: Record<string, string> = {}) =>
    call<Resource & Problem>(runtime, "POST", `/api/customer/relationships/${id}/remove-roles`, { token, headers });
  const terminate = (id: string, token: string) =>
    call<Resource & Problem>(runtime, "POST", `/api/customer/relationships/${id}/terminate`, { token });

  describe("remove roles", () => {
    it("lets a Billing Administrator remove the roles: the relationship stays listed with none, history names them, revokeGrants is queued", async () => {
      const customer = randomUUID();
      const { id, etag } = await accepted(customer);
      const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);

      const removed = await removeRoles(id, billing, { "if-match": etag });

      expect(removed.status).toBe(200);
      expect(removed.headers.get("etag")).toMatch(/^".+"$/);
      expect(removed.body).toMatchObject({
        id,
        status: "approved",
        accessDetails: { unifiedRoles: [] },
        rolesRemovedDateTime: expect.any(String)
      });
      expect(
        (removed.body.removedRoles as { roleDefinitionId: string }[]).map((r) => r.roleDefinitionId).sort()
      ).toEqual([roles.helpdeskAdministrator, roles.userAdministrator].sort());
      const listed = (await list(billing)).body.value.find((r) => r.id === id);
      expect(listed).toMatchObject({ status: "approved", accessDetails: { unifiedRoles: [] } });
      const history = (await detail(id, billing)).body.history;
      expect(history.map((h) => h.action)).toEqual(["invitationCreated", "invitationAccepted", "rolesRemoved"]);
      expect(history[2]?.removedRoles?.map((r) => r.roleDefinitionId).sort()).toEqual(
        [roles.helpdeskAdministrator, roles.userAdministrator].sort()
      );
      const messages = await messagesFor(runtime, "role-grants", id, 2);
      expect(messages).toContainEqual({
        kind: "revokeGrants",
        partnerTenantId,
        relationshipId: id,
        reason: "rolesRemoved",
        operationId: expect.any(String)
      });
      expect(
        (await call<Resource>(runtime, "GET", `/api/relationships/${id}`, { token: partner })).body.accessDetails
          .unifiedRoles
      ).toEqual([]);
    });

    it("refuses a second remove-roles with 409: there are no roles left", async () => {
      const customer = randomUUID();
      const { id, ga } = await accepted(customer);
      expect((await removeRoles(id, ga)).status).toBe(200);

      const again = await removeRoles(id, ga);

      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/no admin roles/);
    });

    it("refuses remove-roles on a relationship that never had roles with 409", async () => {
      const customer = randomUUID();
      const { id, ga } = await accepted(customer, resellerInvitation);
      expect((await removeRoles(id, ga)).status).toBe(409);
    });

    it("answers another customer tenant with 404 and changes nothing", async () => {
      const { id } = await accepted(randomUUID());
      const otherGa = await customerToken(runtime, randomUUID(), [roles.globalAdministrator]);

      const response = await removeRoles(id, otherGa);

      expect(response.status).toBe(404);
      expect(
        (await call<Resource>(runtime, "GET", `/api/relationships/${id}`, { token: partner })).body.accessDetails
          .unifiedRoles
      ).toHaveLength(2);
    });

    it("refuses a user without admin roles with 403 naming Billing Administrator", async () => {
      const customer = randomUUID();
      const { id } = await accepted(customer);
      const user = await customerToken(runtime, customer, []);

      const response = await removeRoles(id, user);

      expect(response.status).toBe(403);
      expect(response.body.requiredRole).toEqual({
        id: roles.billingAdministrator,
        displayName: "Billing Administrator"
      });
    });

    it("refuses a stale If-Match with 412 and keeps the roles", async () => {
      const customer = randomUUID();
      const { id, etag, ga } = await accepted(customer);
      const partnerRead = await call(runtime, "GET", `/api/relationships/${id}`, { token: partner });
      const change = await call(runtime, "PATCH", `/api/relationships/${id}`, {
        token: partner,
        body: { autoExtendDuration: "P180D" },
        headers: { "if-match": partnerRead.headers.get("etag") as string }
      });
      expect(change.status).toBe(200);

      const stale = await removeRoles(id, ga, { "if-match": etag });

      expect(stale.status).toBe(412);
      expect((await detail(id, ga)).body.accessDetails.unifiedRoles).toHaveLength(2);
    });
  });

  describe("terminate", () => {
    it("requests termination for the customer: 202, terminationRequested, revokeGrants(terminated) queued", async () => {
      const customer = randomUUID();
      const { id } = await accepted(customer);
      const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);

      const response = await terminate(id, billing);

      expect(response.status).toBe(202);
      expect(response.headers.get("etag")).toMatch(/^".+"$/);
      expect(response.body).toMatchObject({
        id,
        status: "terminationRequested",
        termination: { requestedBy: "customer" }
      });
      const messages = await messagesFor(runtime, "role-grants", id, 2);
      expect(messages).toContainEqual({
        kind: "revokeGrants",
        partnerTenantId,
        relationshipId: id,
        reason: "terminated",
        operationId: expect.any(String)
      });
      expect((await call<Resource>(runtime, "GET", `/api/relationships/${id}`, { token: partner })).body.status).toBe(
        "terminationRequested"
      );
    });

    it("refuses to terminate an invitation still pending with 409 (decline it instead), and another tenant's with 404", async () => {
      const customer = randomUUID();
      const sent = await invite(runtime, partner, { customer: { adminEmail: "admin@c.example", tenantId: customer } });
      const ga = await customerToken(runtime, customer, [roles.globalAdministrator]);

      const pending = await terminate(sent.id, ga);
      const byOther = await terminate((await accepted(randomUUID())).id, ga);

      expect(pending.status).toBe(409);
      expect(pending.body.detail).toMatch(/decline/);
      expect(byOther.status).toBe(404);
    });
  });

  describe("tenant isolation", () => {
    it("never lists another tenant's relationships, and answers a read of one with 404", async () => {
      const tenantA = randomUUID();
      const tenantB = randomUUID();
      const ofA = await accepted(tenantA);
      const ofB = await accepted(tenantB);

      const listB = await list(ofB.ga);
      const readAsB = await detail(ofA.id, ofB.ga);

      expect(listB.body.value.map((r) => r.id)).toEqual([ofB.id]);
      expect(readAsB.status).toBe(404);
      expect((await detail(ofA.id, ofA.ga)).status).toBe(200);
    });

    it("trusts the relationship, not the index: an index entry pointing at another tenant's relationship shows nothing", async () => {
      const tenantA = randomUUID();
      const tenantB = randomUUID();
      const ofA = await accepted(tenantA);
      const gaB = await customerToken(runtime, tenantB, [roles.globalAdministrator]);
      const key = /AccountKey=([^;]+)/.exec(runtime.cosmos.connectionString)?.[1] ?? "";
      const cosmos = new CosmosClient({
        endpoint: runtime.cosmos.endpoint,
        key,
        agent: new Agent({ rejectUnauthorized: false, keepAlive: true })
      });
      try {
        const index = new CosmosCustomerRelationshipIndex(
          cosmos.database(defaultDatabaseName).container(containerIds.customerRelationships)
        );
        await index.add(tenantB, { partnerTenantId, relationshipId: ofA.id });

        expect((await list(gaB)).body.value).toEqual([]);
        expect((await detail(ofA.id, gaB)).status).toBe(404);
        expect((await removeRoles(ofA.id, gaB)).status).toBe(404);
        expect((await terminate(ofA.id, gaB)).status).toBe(404);
      } finally {
        cosmos.dispose();
      }
    });
  });

  it("lists newest first, filters by status, and shows pending invitations that name the tenant", async () => {
    const customer = randomUUID();
    const older = await accepted(customer);
    const newer = await invite(runtime, partner, { customer: { adminEmail: "admin@c.example", tenantId: customer } });

    const all = await list(older.ga);
    const pending = await list(older.ga, "?status=approvalPending");

    expect(all.body.value.map((r) => [r.id, r.status])).toEqual([
      [newer.id, "approvalPending"],
      [older.id, "approved"]
    ]);
    expect(pending.body.value.map((r) => r.id)).toEqual([newer.id]);
    expect(JSON.stringify(all.body)).not.toMatch(/adminEmail|nonce|tokenHash|outbox/);
    expect((await list(older.ga, "?colour=blue")).status).toBe(400);
  });

  describe("customer agreement", () => {
    const acceptAgreement = (token: string, body: unknown = acceptBody) =>
      call<Record<string, unknown> & Problem>(runtime, "POST", "/api/customer/agreement/accept", { token, body });
    const status = (token: string) =>
      call<Record<string, unknown> & Problem>(runtime, "GET", "/api/customer/agreement", { token });

    it("records a Billing Administrator's acceptance once, keeping the first time, and reports it", async () => {
      const customer = randomUUID();
      const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);
      expect((await status(billing)).body).toMatchObject({
        tenantId: customer,
        accepted: false,
        acceptances: [],
        agreement: {
          version: acceptBody.agreementVersion,
          title: expect.any(String),
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          href: "/api/agreement"
        }
      });

      const first = await acceptAgreement(billing);
      const again = await acceptAgreement(await customerToken(runtime, customer, [roles.globalAdministrator]));

      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        tenantId: customer,
        version: acceptBody.agreementVersion,
        acceptedDateTime: expect.any(String)
      });
      expect(again.body).toEqual(first.body);
      expect((await status(billing)).body).toMatchObject({
        accepted: true,
        acceptances: [{ version: acceptBody.agreementVersion, acceptedDateTime: first.body.acceptedDateTime }]
      });
    });

    it("refuses a user without admin roles with 403 naming Billing Administrator", async () => {
      const user = await customerToken(runtime, randomUUID(), []);
      for (const response of [await acceptAgreement(user), await status(user)]) {
        expect(response.status).toBe(403);
        expect(response.body.requiredRole).toEqual({
          id: roles.billingAdministrator,
          displayName: "Billing Administrator"
        });
      }
    });

    it("checks the body: acknowledged must be true, the version current, and nothing else sent", async () => {
      const customer = randomUUID();
      const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);
      const cases: [unknown, number, string][] = [
        [{ ...acceptBody, acknowledged: false }, 400, "acknowledged"],
        [{ agreementVersion: acceptBody.agreementVersion }, 400, "acknowledged"],
        [{ ...acceptBody, agreementVersion: "2020-01-01" }, 409, "agreementVersion"],
        [{ ...acceptBody, note: "hi" }, 400, "note"]
      ];
      for (const [body, code, field] of cases) {
        const response = await acceptAgreement(billing, body);
        expect(response.status).toBe(code);
        expect((response.body.errors ?? []).map((e) => e.field)).toEqual([field]);
      }
      expect((await status(billing)).body.accepted).toBe(false);
    });
  });
});
