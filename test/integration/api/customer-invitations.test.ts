import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, roles, type ApiResponse } from "../../helpers/api";
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

type InvitationView = Record<string, unknown> & {
  status: string;
  roles: { roleDefinitionId: string; displayName: string; description: string }[];
  agreement: { version: string; title: string; href: string };
  requiredRole: { id: string; displayName: string };
};

describe("customer API: invitations", () => {
  let runtime: LocalRuntime;
  let partner: string;
  const partnerTenantId = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startApiRuntime();
    partner = await partnerToken(runtime, partnerTenantId);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const getInvitation = (token: string, userToken: string) =>
    call<InvitationView & Problem>(runtime, "GET", `/api/invitations/${token}`, { token: userToken });
  const accept = (token: string, userToken: string, body: unknown = acceptBody, headers: Record<string, string> = {}) =>
    call<Resource & Problem>(runtime, "POST", `/api/invitations/${token}/accept`, { token: userToken, body, headers });
  const decline = (token: string, userToken: string) =>
    call<Resource & Problem>(runtime, "POST", `/api/invitations/${token}/decline`, { token: userToken });
  const fieldsOf = (response: ApiResponse<Problem>) => (response.body.errors ?? []).map((e) => e.field);

  it("shows a signed-in admin what the partner asks for, and changes nothing", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner, { displayName: "Shown invitation" });
    const ga = await customerToken(runtime, customer, [roles.globalAdministrator]);

    const response = await getInvitation(sent.token, ga);

    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toMatch(/^".+"$/);
    expect(response.body).toMatchObject({
      id: sent.id,
      status: "approvalPending",
      partner: { tenantId: partnerTenantId, displayName: expect.any(String) },
      partnerType: { id: "partnerWithGdap", displayName: "Partner with GDAP access" },
      duration: "P365D",
      autoExtendDuration: "PT0S",
      invitation: { expiresDateTime: expect.any(String) },
      agreement: { version: acceptBody.agreementVersion, title: expect.any(String), href: "/api/agreement" },
      requiredRole: { id: roles.globalAdministrator, displayName: "Global Administrator" },
      callerMayAccept: true
    });
    expect(response.body.roles.map((r) => r.roleDefinitionId).sort()).toEqual(
      [roles.helpdeskAdministrator, roles.userAdministrator].sort()
    );
    expect(response.body.roles.every((r) => r.displayName && r.description)).toBe(true);
    expect(response.text).not.toMatch(/nonce|tokenHash|outbox|adminEmail/);
    expect((await getInvitation(sent.token, ga)).headers.get("etag")).toBe(response.headers.get("etag"));
  });

  it("accepts a GDAP invitation for a Global Administrator: approved, the tenant becomes the customer, listed with its history, grants queued", async () => {
    const customer = randomUUID();
    const userId = randomUUID();
    const sent = await invite(runtime, partner, { displayName: "Accepted by GA" });
    const ga = await customerToken(runtime, customer, [roles.globalAdministrator], userId);
    const shown = await getInvitation(sent.token, ga);

    const accepted = await accept(
      sent.token,
      ga,
      { agreementVersion: shown.body.agreement.version, acknowledged: true },
      { "if-match": shown.headers.get("etag") as string }
    );

    expect(accepted.status).toBe(200);
    expect(accepted.headers.get("etag")).toMatch(/^".+"$/);
    expect(accepted.headers.get("etag")).not.toBe(shown.headers.get("etag"));
    expect(accepted.body).toMatchObject({
      id: sent.id,
      status: "approved",
      customer: { tenantId: customer },
      acceptance: { agreementVersion: acceptBody.agreementVersion }
    });

    const list = await call<{ value: Resource[] }>(runtime, "GET", "/api/customer/relationships", { token: ga });
    expect(list.status).toBe(200);
    expect(list.body.value.map((r) => r.id)).toEqual([sent.id]);

    const detail = await call<Resource & { history: { action: string; actor: { kind: string } }[] }>(
      runtime,
      "GET",
      `/api/customer/relationships/${sent.id}`,
      { token: ga }
    );
    expect(detail.status).toBe(200);
    expect(detail.headers.get("etag")).toBe(accepted.headers.get("etag"));
    expect(detail.body.history.map((h) => [h.action, h.actor.kind])).toEqual([
      ["invitationCreated", "partner"],
      ["invitationAccepted", "customer"]
    ]);
    expect(detail.text).not.toContain(userId);

    expect(await messagesFor(runtime, "role-grants", sent.id)).toEqual([
      { kind: "applyGrants", partnerTenantId, relationshipId: sent.id, operationId: expect.any(String) }
    ]);

    const agreement = await call(runtime, "GET", "/api/customer/agreement", { token: ga });
    expect(agreement.body).toMatchObject({ tenantId: customer, accepted: true });

    const partnerView = await call<Resource>(runtime, "GET", `/api/relationships/${sent.id}`, { token: partner });
    expect(partnerView.body).toMatchObject({
      status: "approved",
      customer: { tenantId: customer },
      acceptance: { tenantId: customer, userId }
    });
  });

  it("lets the tenant an invitation names accept it, and answers any other tenant with the same 404 as an unknown link", async () => {
    const tenantA = randomUUID();
    const sent = await invite(runtime, partner, { customer: { adminEmail: "admin@a.example", tenantId: tenantA } });
    const otherGa = await customerToken(runtime, randomUUID(), [roles.globalAdministrator]);
    const unknown = await getInvitation("A".repeat(43), otherGa);

    const byOther = await getInvitation(sent.token, otherGa);
    const acceptByOther = await accept(sent.token, otherGa);

    expect(byOther.status).toBe(404);
    expect(byOther.body).toEqual(unknown.body);
    expect(acceptByOther.body).toEqual(unknown.body);
    const accepted = await accept(sent.token, await customerToken(runtime, tenantA, [roles.globalAdministrator]));
    expect(accepted.status).toBe(200);
    expect(accepted.body.customer.tenantId).toBe(tenantA);
  });

  it("refuses a Billing Administrator a role-bearing invitation with 403 naming Global Administrator, and leaves it pending", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner);
    const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);

    expect((await getInvitation(sent.token, billing)).body).toMatchObject({
      callerMayAccept: false,
      requiredRole: { id: roles.globalAdministrator }
    });
    const refused = await accept(sent.token, billing);

    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.body.requiredRole).toEqual({ id: roles.globalAdministrator, displayName: "Global Administrator" });
    expect((await getInvitation(sent.token, billing)).body.status).toBe("approvalPending");
  });

  it("lets a Billing Administrator accept a reseller invitation, which has no roles, and still queues applyGrants", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner, resellerInvitation);
    const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);

    expect((await getInvitation(sent.token, billing)).body).toMatchObject({
      roles: [],
      requiredRole: { id: roles.billingAdministrator },
      callerMayAccept: true
    });
    const accepted = await accept(sent.token, billing);

    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "approved", accessDetails: { unifiedRoles: [] } });
    expect(await messagesFor(runtime, "role-grants", sent.id)).toEqual([
      { kind: "applyGrants", partnerTenantId, relationshipId: sent.id, operationId: expect.any(String) }
    ]);
  });

  it("refuses a user without admin roles with 403 naming Billing Administrator", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner, resellerInvitation);
    const user = await customerToken(runtime, customer, [roles.helpdeskAdministrator]);

    const refusals = [
      await accept(sent.token, user),
      await decline(sent.token, user),
      await call<Problem>(runtime, "GET", "/api/customer/relationships", { token: user })
    ];

    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(refused.body.requiredRole).toEqual({
        id: roles.billingAdministrator,
        displayName: "Billing Administrator"
      });
    }
    expect((await getInvitation(sent.token, user)).body).toMatchObject({
      status: "approvalPending",
      callerMayAccept: false
    });
  });

  it("needs a signed-in user to open a link", async () => {
    const sent = await invite(runtime, partner);
    const response = await call<Problem>(runtime, "GET", `/api/invitations/${sent.token}`);
    expect(response.status).toBe(401);
  });

  it("declines an invitation for a Billing Administrator; the customer sees it declined and the partner's invitation is closed", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner);
    const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);

    const declined = await decline(sent.token, billing);

    expect(declined.status).toBe(200);
    expect(declined.headers.get("etag")).toMatch(/^".+"$/);
    expect(declined.body).toMatchObject({ id: sent.id, status: "declined", customer: { tenantId: customer } });
    expect(
      (await call<Resource>(runtime, "GET", `/api/relationships/${sent.id}`, { token: partner })).body.status
    ).toBe("declined");
    expect(await messagesFor(runtime, "role-grants", sent.id)).toEqual([]);
  });

  it("refuses a partner accepting its own invitation with 409", async () => {
    const sent = await invite(runtime, partner);
    const partnerGa = await customerToken(runtime, partnerTenantId, [roles.globalAdministrator]);
    const refused = await accept(sent.token, partnerGa);
    expect(refused.status).toBe(409);
  });

  describe("answers every link that opens no invitation with one identical 404", () => {
    const pending = async () => invite(runtime, partner);
    let ga: string;
    let reference: { get: unknown; accept: unknown; decline: unknown };

    beforeAll(async () => {
      ga = await customerToken(runtime, randomUUID(), [roles.globalAdministrator]);
      // An unknown but well-formed token: what every other failing link must look exactly like.
      const unknown = "u".repeat(43);
      reference = {
        get: (await getInvitation(unknown, ga)).body,
        accept: (await accept(unknown, ga)).body,
        decline: (await decline(unknown, ga)).body
      };
    });

    const expectSame404 = async (token: string) => {
      const responses = {
        get: await getInvitation(token, ga),
        accept: await accept(token, ga),
        decline: await decline(token, ga)
      };
      for (const response of Object.values(responses)) {
        expect(response.status).toBe(404);
        expect(response.headers.get("content-type")).toContain("application/problem+json");
      }
      expect({ get: responses.get.body, accept: responses.accept.body, decline: responses.decline.body }).toEqual(
        reference
      );
    };

    it("is a 404 problem that says nothing about why", () => {
      expect(reference.get).toMatchObject({ status: 404, title: "Not found", code: "not_found" });
      expect(reference.accept).toEqual(reference.get);
      expect(reference.decline).toEqual(reference.get);
    });

    it("answers a malformed token the same", async () => {
      for (const token of ["short", "x".repeat(44), `${"a".repeat(42)}!`, "%E2%80%8B"]) await expectSame404(token);
    });

    // The organisation that answered gets its own answer again instead (invitation-retries.test.ts).
    it("answers a used token (after another organisation accepted) the same", async () => {
      const sent = await pending();
      expect(
        (await accept(sent.token, await customerToken(runtime, randomUUID(), [roles.globalAdministrator]))).status
      ).toBe(200);
      await expectSame404(sent.token);
    });

    it("answers a token the partner cancelled the same", async () => {
      const sent = await pending();
      const read = await call(runtime, "GET", `/api/relationships/${sent.id}`, { token: partner });
      const cancelled = await call(runtime, "DELETE", `/api/relationships/${sent.id}`, {
        token: partner,
        headers: { "if-match": read.headers.get("etag") as string }
      });
      expect(cancelled.status).toBe(204);
      await expectSame404(sent.token);
    });

    it("answers a token another organisation declined the same", async () => {
      const sent = await pending();
      expect(
        (await decline(sent.token, await customerToken(runtime, randomUUID(), [roles.globalAdministrator]))).status
      ).toBe(200);
      await expectSame404(sent.token);
    });

    it("answers a token whose invitation expired (90 days) the same", async () => {
      const sent = await pending();
      expect((await getInvitation(sent.token, ga)).status).toBe(200);
      try {
        await call(runtime, "POST", "/dev/clock", { body: { advanceDays: 91 } });
        await expectSame404(sent.token);
      } finally {
        await call(runtime, "POST", "/dev/clock", { body: { reset: true } });
      }
    });
  });

  describe("checks the accept body and the agreement version before anything is written", () => {
    const cases: [string, string | Record<string, unknown>, number, string][] = [
      ["acknowledged false", { ...acceptBody, acknowledged: false }, 400, "acknowledged"],
      ["acknowledged missing", { agreementVersion: acceptBody.agreementVersion }, 400, "acknowledged"],
      ["acknowledged as a string", { ...acceptBody, acknowledged: "true" }, 400, "acknowledged"],
      ["agreementVersion missing", { acknowledged: true }, 400, "agreementVersion"],
      ["an unknown field", { ...acceptBody, colour: "blue" }, 400, "colour"],
      ["malformed JSON", "{not json", 400, "body"],
      ["an outdated agreementVersion", { ...acceptBody, agreementVersion: "2020-01-01" }, 409, "agreementVersion"]
    ];
    for (const [name, body, status, field] of cases) {
      it(`refuses ${name} with ${status} naming ${field}`, async () => {
        const customer = randomUUID();
        const sent = await invite(runtime, partner);
        const ga = await customerToken(runtime, customer, [roles.globalAdministrator]);

        const response =
          typeof body === "string"
            ? await call<Problem>(runtime, "POST", `/api/invitations/${sent.token}/accept`, {
                token: ga,
                rawBody: body
              })
            : await accept(sent.token, ga, body);

        expect(response.status).toBe(status);
        expect(fieldsOf(response)).toEqual([field]);
        if (field === "agreementVersion" && status === 409)
          expect(response.body.detail).toContain(acceptBody.agreementVersion);
        expect((await getInvitation(sent.token, ga)).body.status).toBe("approvalPending");
        expect((await call(runtime, "GET", "/api/customer/agreement", { token: ga })).body).toMatchObject({
          accepted: false
        });
      });
    }
  });

  it("refuses an accept whose If-Match is stale with 412, recording nothing", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner, { autoExtendDuration: "PT0S" });
    const ga = await customerToken(runtime, customer, [roles.globalAdministrator]);
    const shown = await getInvitation(sent.token, ga);
    const partnerRead = await call(runtime, "GET", `/api/relationships/${sent.id}`, { token: partner });
    const changed = await call(runtime, "PATCH", `/api/relationships/${sent.id}`, {
      token: partner,
      body: { autoExtendDuration: "P180D" },
      headers: { "if-match": partnerRead.headers.get("etag") as string }
    });
    expect(changed.status).toBe(200);

    const stale = await accept(sent.token, ga, acceptBody, { "if-match": shown.headers.get("etag") as string });

    expect(stale.status).toBe(412);
    expect((await getInvitation(sent.token, ga)).body).toMatchObject({
      status: "approvalPending",
      autoExtendDuration: "P180D"
    });
    expect((await call(runtime, "GET", "/api/customer/agreement", { token: ga })).body).toMatchObject({
      accepted: false
    });
  });
});
