import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  demoPartnerTenants,
  drainQueue,
  gdapInvitation,
  partnerAdmin,
  partnerReader,
  roles,
  tokenFor,
  type ApiResponse
} from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

type Resource = Record<string, unknown> & { id: string; status: string; invitationLink?: string };
type Problem = { status: number; errors?: { field: string; message: string }[]; detail?: string };

describe("partner relationships API: partner side", () => {
  let runtime: LocalRuntime;
  let admin: string;
  let reader: string;
  const partner = demoPartnerTenants[0];

  beforeAll(async () => {
    // These tests read what the API queues, so the functions that would consume it are switched off.
    runtime = await startLocalRuntime({ env: queueConsumersDisabled });
    admin = await tokenFor(runtime, partnerAdmin(partner));
    reader = await tokenFor(runtime, partnerReader(partner));
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const create = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    call<Resource & Problem>(runtime, "POST", "/api/relationships", { token: admin, body, headers });
  const listAll = async () =>
    (await call<{ value: Resource[] }>(runtime, "GET", "/api/relationships?$top=300", { token: admin })).body.value;
  const fieldsOf = (response: ApiResponse<Problem>) => (response.body.errors ?? []).map((e) => e.field);

  it("invites a customer: 201 with Location, ETag, the invitation link and approvalPending, and queues the email", async () => {
    const response = await create(gdapInvitation({ displayName: "Invite flow" }));
    expect(response.status).toBe(201);
    const body = response.body;
    expect(body.status).toBe("approvalPending");
    expect(response.headers.get("location")).toBe(`/api/relationships/${body.id}`);
    expect(response.headers.get("etag")).toMatch(/^".+"$/);
    expect(body.invitationLink).toMatch(new RegExp(`^${runtime.url}/invitations/[A-Za-z0-9_-]{43}$`));
    expect(body).toMatchObject({
      displayName: "Invite flow",
      partner: { tenantId: partner },
      duration: "P365D",
      autoExtendDuration: "PT0S"
    });
    expect(JSON.stringify(body)).not.toMatch(/nonce|tokenHash|outbox/);
    const messages = await drainQueue(runtime, "invitation-emails");
    const mine = messages.filter((m) => (m.body as { relationshipId: string }).relationshipId === body.id);
    expect(mine.map((m) => m.body)).toEqual([
      { kind: "sendInvitationEmail", partnerTenantId: partner, relationshipId: body.id, sendNumber: 1 }
    ]);
    // The link token is never put on a queue.
    expect(JSON.stringify(mine[0]?.body)).not.toContain(body.invitationLink?.split("/").pop());
  });

  it("reads one relationship by id and lists them with filters and paging", async () => {
    const first = (await create(gdapInvitation({ displayName: "Listed one" }))).body;
    await create(gdapInvitation({ displayName: "Listed two" }));
    const one = await call<Resource>(runtime, "GET", `/api/relationships/${first.id}`, { token: reader });
    expect(one.status).toBe(200);
    expect(one.body.displayName).toBe("Listed one");
    expect(one.headers.get("etag")).toMatch(/^".+"$/);
    const pending = await call<{ value: Resource[] }>(runtime, "GET", "/api/relationships?status=approvalPending", {
      token: reader
    });
    expect(pending.body.value.every((r) => r.status === "approvalPending")).toBe(true);
    const page = await call<{ value: Resource[]; "@odata.nextLink"?: string }>(
      runtime,
      "GET",
      "/api/relationships?$top=1",
      { token: reader }
    );
    expect(page.body.value).toHaveLength(1);
    const next = await call<{ value: Resource[] }>(runtime, "GET", page.body["@odata.nextLink"] as string, {
      token: reader
    });
    expect(next.body.value).toHaveLength(1);
    expect(next.body.value[0]?.id).not.toBe(page.body.value[0]?.id);
    expect((await call(runtime, "GET", "/api/relationships?$top=301", { token: reader })).status).toBe(400);
  });

  it("returns the first result, never a second relationship, when a create is retried with the same Idempotency-Key", async () => {
    const key = randomUUID();
    const body = gdapInvitation({ displayName: "Idempotent create" });
    const first = await create(body, { "idempotency-key": key });
    const again = await create(body, { "idempotency-key": key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.invitationLink).toBe(first.body.invitationLink);
    expect((await listAll()).filter((r) => r.displayName === "Idempotent create")).toHaveLength(1);
    const reused = await create({ ...body, duration: "P30D" }, { "idempotency-key": key });
    expect(reused.status).toBe(409);
    expect(fieldsOf(reused)).toEqual(["Idempotency-Key"]);
  });

  it("creates exactly one relationship when the same Idempotency-Key races itself", async () => {
    const key = randomUUID();
    const body = gdapInvitation({ displayName: `Raced create ${key.slice(0, 6)}` });
    const responses = await Promise.all(Array.from({ length: 8 }, () => create(body, { "idempotency-key": key })));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.every((r) => r.status === 201 || r.status === 200)).toBe(true);
  });

  describe("refuses each broken rule with a 400 naming the field, and writes nothing", () => {
    const gdap = gdapInvitation;
    const cases: [string, Record<string, unknown>, string][] = [
      ["a display name over 50 characters", gdap({ displayName: "x".repeat(51) }), "displayName"],
      ["an empty display name", gdap({ displayName: "   " }), "displayName"],
      ["a duration under P1D", gdap({ duration: "P0D" }), "duration"],
      ["a duration over P2Y", gdap({ duration: "P731D" }), "duration"],
      ["a duration that is not ISO 8601", gdap({ duration: "1 year" }), "duration"],
      ["an auto-extend other than PT0S or P180D", gdap({ autoExtendDuration: "P90D" }), "autoExtendDuration"],
      [
        "auto-extend with Global Administrator",
        gdap({
          accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.globalAdministrator }] },
          autoExtendDuration: "P180D"
        }),
        "autoExtendDuration"
      ],
      [
        "an unknown role",
        gdap({ accessDetails: { unifiedRoles: [{ roleDefinitionId: randomUUID() }] } }),
        "accessDetails.unifiedRoles.0.roleDefinitionId"
      ],
      [
        "a GDAP relationship with no roles",
        gdap({ accessDetails: { unifiedRoles: [] } }),
        "accessDetails.unifiedRoles"
      ],
      ["a reseller asking for roles", gdap({ partnerType: "reseller" }), "accessDetails.unifiedRoles"],
      [
        "a line-of-business partner asking for roles",
        gdap({ partnerType: "lineOfBusiness" }),
        "accessDetails.unifiedRoles"
      ],
      [
        "an advisor asking for other roles than Global Administrator and Helpdesk Administrator",
        gdap({ partnerType: "advisor", accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.securityReader }] } }),
        "accessDetails.unifiedRoles"
      ],
      ["an unknown partner type", gdap({ partnerType: "friend" }), "partnerType"],
      [
        "a customer tenant id that is not a GUID",
        gdap({ customer: { adminEmail: "a@b.example", tenantId: "contoso" } }),
        "customer.tenantId"
      ],
      [
        "a customer admin email that is not an email",
        gdap({ customer: { adminEmail: "admin" } }),
        "customer.adminEmail"
      ],
      ["an unknown field", { ...gdap(), colour: "blue" }, "colour"],
      ["an unknown nested field", gdap({ customer: { adminEmail: "a@b.example", phone: "1" } }), "customer.phone"],
      ["a wrong type", gdap({ displayName: 42 }), "displayName"],
      ["a missing required field", (({ customer: _c, ...rest }) => rest)(gdap()), "customer"]
    ];
    for (const [name, body, field] of cases) {
      it(`refuses ${name}`, async () => {
        const before = (await listAll()).length;
        const response = await create(body);
        expect(response.status).toBe(400);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        expect(fieldsOf(response)).toContain(field);
        expect((await listAll()).length).toBe(before);
      });
    }

    it("refuses malformed JSON, an empty body and an oversized body, naming the body", async () => {
      for (const rawBody of ["{not json", "", JSON.stringify(gdap({ padding: "x".repeat(70_000) }))]) {
        const response = await call<Problem>(runtime, "POST", "/api/relationships", { token: admin, rawBody });
        expect(response.status).toBe(400);
        expect(fieldsOf(response)).toEqual(["body"]);
      }
    });

    it("refuses a display name already used by a live relationship of the same partner, with 409 naming it", async () => {
      await create(gdap({ displayName: "Unique name" }));
      const duplicate = await create(gdap({ displayName: "UNIQUE NAME" }));
      expect(duplicate.status).toBe(409);
      expect(fieldsOf(duplicate)).toEqual(["displayName"]);
      // Another partner may use the same name.
      const otherAdmin = await tokenFor(runtime, partnerAdmin(demoPartnerTenants[1]));
      const other = await call(runtime, "POST", "/api/relationships", {
        token: otherAdmin,
        body: gdap({ displayName: "Unique name" })
      });
      expect(other.status).toBe(201);
    });
  });

  it("accepts the boundaries of each rule", async () => {
    const accepted = [
      gdapInvitation({ displayName: "y".repeat(50) }),
      gdapInvitation({ duration: "P1D" }),
      gdapInvitation({ duration: "P2Y" }),
      gdapInvitation({ autoExtendDuration: "P180D" }),
      gdapInvitation({ partnerType: "advisor", accessDetails: undefined, duration: "P30D" }),
      gdapInvitation({ partnerType: "reseller", accessDetails: undefined, duration: undefined }),
      gdapInvitation({ customer: { adminEmail: "a@b.example", tenantId: randomUUID() } })
    ];
    for (const body of accepted) expect((await create(body)).status).toBe(201);
  });

  it("changes auto-extend with PATCH only with If-Match: 428 without it, 412 when stale, 200 when current", async () => {
    const created = await create(gdapInvitation());
    const path = `/api/relationships/${created.body.id}`;
    const etag = created.headers.get("etag") as string;
    expect((await call(runtime, "PATCH", path, { token: admin, body: { autoExtendDuration: "P180D" } })).status).toBe(
      428
    );
    const ok = await call<Resource>(runtime, "PATCH", path, {
      token: admin,
      body: { autoExtendDuration: "P180D" },
      headers: { "if-match": etag }
    });
    expect(ok.status).toBe(200);
    expect(ok.body.autoExtendDuration).toBe("P180D");
    expect(ok.headers.get("etag")).not.toBe(etag);
    const stale = await call(runtime, "PATCH", path, {
      token: admin,
      body: { autoExtendDuration: "PT0S" },
      headers: { "if-match": etag }
    });
    expect(stale.status).toBe(412);
    const frozen = await call<Problem>(runtime, "PATCH", path, {
      token: admin,
      body: { displayName: "renamed" },
      headers: { "if-match": ok.headers.get("etag") as string }
    });
    expect(frozen.status).toBe(400);
    expect(fieldsOf(frozen)).toContain("displayName");
  });

  it("cancels a pending invitation with DELETE, frees its name, and refuses to cancel twice", async () => {
    const created = await create(gdapInvitation({ displayName: "Cancel me" }));
    const path = `/api/relationships/${created.body.id}`;
    expect((await call(runtime, "DELETE", path, { token: admin })).status).toBe(428);
    const deleted = await call(runtime, "DELETE", path, {
      token: admin,
      headers: { "if-match": created.headers.get("etag") as string }
    });
    expect(deleted.status).toBe(204);
    expect((await call<Resource>(runtime, "GET", path, { token: admin })).body.status).toBe("cancelled");
    const again = await call(runtime, "DELETE", path, { token: admin, headers: { "if-match": "*" } });
    expect(again.status).toBe(409);
    expect((await create(gdapInvitation({ displayName: "Cancel me" }))).status).toBe(201);
  });

  it("resends a pending invitation: a second email is queued with the next send number", async () => {
    const created = await create(gdapInvitation());
    await drainQueue(runtime, "invitation-emails");
    const resent = await call<Resource & { invitation: { sendCount: number } }>(
      runtime,
      "POST",
      `/api/relationships/${created.body.id}/resend`,
      { token: admin }
    );
    expect(resent.status).toBe(202);
    expect(resent.body.invitation.sendCount).toBe(2);
    const messages = (await drainQueue(runtime, "invitation-emails")).filter(
      (m) => (m.body as { relationshipId: string }).relationshipId === created.body.id
    );
    expect(messages.map((m) => (m.body as { sendNumber: number }).sendNumber)).toEqual([2]);
  });

  it("refuses lifecycle actions that do not apply: terminate or resend a cancelled invitation, terminate a pending one", async () => {
    const created = await create(gdapInvitation());
    const id = created.body.id;
    const terminatePending = await call<Problem>(runtime, "POST", `/api/relationships/${id}/terminate`, {
      token: admin
    });
    expect(terminatePending.status).toBe(409);
    expect(terminatePending.body.detail).toContain("cancel");
    await call(runtime, "DELETE", `/api/relationships/${id}`, { token: admin, headers: { "if-match": "*" } });
    expect((await call(runtime, "POST", `/api/relationships/${id}/resend`, { token: admin })).status).toBe(409);
    expect((await call(runtime, "POST", `/api/relationships/${id}/terminate`, { token: admin })).status).toBe(409);
  });

  it("keeps partners apart: another partner's relationship is a 404, and lists never mix", async () => {
    const mine = await create(gdapInvitation({ displayName: "Only mine" }));
    const otherAdmin = await tokenFor(runtime, partnerAdmin(demoPartnerTenants[2]));
    expect((await call(runtime, "GET", `/api/relationships/${mine.body.id}`, { token: otherAdmin })).status).toBe(404);
    expect(
      (
        await call(runtime, "DELETE", `/api/relationships/${mine.body.id}`, {
          token: otherAdmin,
          headers: { "if-match": "*" }
        })
      ).status
    ).toBe(404);
    const theirs = await call<{ value: Resource[] }>(runtime, "GET", "/api/relationships?$top=300", {
      token: otherAdmin
    });
    expect(theirs.body.value.some((r) => r.id === mine.body.id)).toBe(false);
    expect(JSON.stringify(theirs.body)).not.toContain("Only mine");
  });

  it("lets a partner user without Partner.Admin read but not write", async () => {
    expect((await call(runtime, "GET", "/api/relationships", { token: reader })).status).toBe(200);
    const refused = await call<Problem & { requiredRole?: { id: string } }>(runtime, "POST", "/api/relationships", {
      token: reader,
      body: gdapInvitation()
    });
    expect(refused.status).toBe(403);
    expect(refused.body.requiredRole?.id).toBe("Partner.Admin");
  });

  it("refuses a tenant that is not a registered partner", async () => {
    const stranger = await tokenFor(runtime, partnerAdmin(randomUUID()));
    expect((await call(runtime, "GET", "/api/relationships", { token: stranger })).status).toBe(403);
  });
});
