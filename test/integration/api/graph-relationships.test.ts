import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  demoPartnerTenants,
  newAdminEmail,
  partnerAdmin,
  partnerReader,
  roles,
  tokenFor
} from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { mailbox } from "../async/emails-kit";
import {
  acceptAs,
  eventually,
  graphBody,
  graphError,
  GraphClient,
  relationshipsPath,
  type GraphRelationship,
  type GraphRequest
} from "./graph-kit";

describe("the Graph surface: delegatedAdminRelationships and their requests", () => {
  let runtime: LocalRuntime;
  let admin: GraphClient;
  let reader: GraphClient;
  const partner = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    admin = new GraphClient(runtime, await tokenFor(runtime, partnerAdmin(partner)));
    reader = new GraphClient(runtime, await tokenFor(runtime, partnerReader(partner)));
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("creates a relationship in created: 201, absolute Location and @odata.context, @odata.etag equal to the ETag header, terms as written", async () => {
    const response = await admin.create(
      graphBody({
        displayName: "Graph create",
        duration: "P2Y",
        customer: { displayName: "Contoso subsidiary Inc" },
        autoExtendDuration: "P0D"
      })
    );
    expect(response.status).toBe(201);
    const body = response.body;
    expect(response.headers.get("location")).toBe(`${runtime.url}${relationshipsPath}/${body.id}`);
    expect(body["@odata.context"]).toBe(
      `${runtime.url}/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships/$entity`
    );
    expect(body["@odata.etag"]).toBe(response.headers.get("etag"));
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(body).toMatchObject({
      status: "created",
      displayName: "Graph create",
      duration: "P2Y",
      autoExtendDuration: "PT0S",
      partnerType: "partnerWithGdap",
      customer: { tenantId: null, displayName: "Contoso subsidiary Inc" },
      activatedDateTime: null,
      endDateTime: null
    });
    expect(body.invitationLink).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/nonce|tokenHash|outbox/);
  });

  it("answers bad input with Graph's error body naming each field, and writes nothing", async () => {
    const name = `Refused ${randomUUID().slice(0, 8)}`;
    const error = graphError(
      await admin.create(graphBody({ displayName: name, duration: "P3Y", autoExtendDuration: "P90D" })),
      400
    );
    expect(error.code).toBe("badRequest");
    expect(error.message).toContain("duration");
    expect(error.message).toContain("autoExtendDuration");
    expect(error.details?.map((detail) => detail.target).sort()).toEqual(["autoExtendDuration", "duration"]);
    expect(graphError(await admin.create({ ...graphBody(), status: "active" }), 400).message).toContain(
      "status: unknown field"
    );
    expect(
      graphError(await call(runtime, "POST", relationshipsPath, { token: admin.token, rawBody: "{" }), 400).target
    ).toBe("body");
    const listed = await admin.list(`?$filter=displayName eq '${name}'`);
    expect(listed.body.value).toEqual([]);
  });

  it("changes every term with PATCH while created: 428 without If-Match, 412 when stale, 200 with a new ETag", async () => {
    const created = await admin.created();
    expect(graphError(await admin.patch(created.id, { displayName: "Renamed draft" }), 428).code).toBe(
      "preconditionRequired"
    );
    const changed = await admin.patch(
      created.id,
      {
        displayName: `Renamed ${created.id.slice(0, 8)}`,
        duration: "PT48H",
        customer: { tenantId: randomUUID(), displayName: "Fabrikam", adminEmail: newAdminEmail() },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }] },
        autoExtendDuration: "P180D"
      },
      created["@odata.etag"]
    );
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({
      status: "created",
      duration: "PT48H",
      autoExtendDuration: "P180D",
      customer: { displayName: "Fabrikam" },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }] }
    });
    expect(changed.body["@odata.etag"]).toBe(changed.headers.get("etag"));
    expect(changed.body["@odata.etag"]).not.toBe(created["@odata.etag"]);
    expect(graphError(await admin.patch(created.id, { displayName: "Stale" }, created["@odata.etag"]), 412).code).toBe(
      "preconditionFailed"
    );
    // Roles and auto-extension are judged together: Global Administrator is never auto-extended.
    const withGlobalAdmin = await admin.patch(
      created.id,
      { accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.globalAdministrator }] } },
      changed.body["@odata.etag"]
    );
    expect(graphError(withGlobalAdmin, 400).target).toBe("autoExtendDuration");
  });

  it("refuses a PATCH to a display name another live relationship has, naming displayName", async () => {
    const first = await admin.created();
    const second = await admin.created();
    const clash = await admin.patch(second.id, { displayName: first.displayName.toUpperCase() }, second["@odata.etag"]);
    expect(graphError(clash, 409).target).toBe("displayName");
  });

  it("deletes a relationship in created: it is gone from reads and lists, and its name is free again", async () => {
    const created = await admin.created();
    expect((await admin.remove(created.id)).status).toBe(428);
    const deleted = await admin.remove(created.id, created["@odata.etag"]);
    expect(deleted.status).toBe(204);
    expect(graphError(await admin.get(created.id), 404).code).toBe("notFound");
    expect((await admin.list(`?$filter=displayName eq '${created.displayName}'`)).body.value).toEqual([]);
    expect((await admin.create(graphBody({ displayName: created.displayName }))).status).toBe(201);
    expect(graphError(await admin.remove(created.id, created["@odata.etag"]), 404).code).toBe("notFound");
  });

  it("locks for approval: a succeeded request with Location and the link for Partner.Admin; no email without an address", async () => {
    const created = await admin.created();
    const before = (await mailbox(runtime)).length;
    const locked = await admin.request(created.id, "lockForApproval");
    expect(locked.status, locked.text).toBe(201);
    expect(locked.body).toMatchObject({ action: "lockForApproval", status: "succeeded" });
    expect(locked.body["@odata.etag"]).toBe(locked.headers.get("etag"));
    expect(locked.headers.get("location")).toBe(
      `${runtime.url}${relationshipsPath}/${created.id}/requests/${locked.body.id}`
    );
    expect(locked.body.invitationLink).toMatch(new RegExp(`^${runtime.url}/invitations/[A-Za-z0-9_-]{43}$`));

    const read = await admin.get(created.id);
    expect(read.body).toMatchObject({ status: "approvalPending", invitationLink: locked.body.invitationLink });
    expect((await reader.get(created.id)).body.invitationLink).toBeUndefined();
    expect(
      (await admin.list(`?$filter=displayName eq '${created.displayName}'`)).body.value[0]?.invitationLink
    ).toBeUndefined();

    const requests = await admin.list<GraphRequest>("", `${relationshipsPath}/${created.id}/requests`);
    expect(requests.body.value.map((r) => [r.id, r.action, r.status])).toEqual([
      [locked.body.id, "lockForApproval", "succeeded"]
    ]);
    const one = await call<GraphRequest>(
      runtime,
      "GET",
      `${relationshipsPath}/${created.id}/requests/${locked.body.id}`,
      { token: reader.token }
    );
    expect(one.body).toMatchObject({ id: locked.body.id, status: "succeeded" });
    expect(one.body.invitationLink).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await mailbox(runtime)).length).toBe(before);
  });

  it("emails the invitation when lockForApproval finds an address", async () => {
    const adminEmail = newAdminEmail();
    const { link } = await admin.locked(graphBody({ customer: { adminEmail } }));
    const emails = await eventually(
      () => mailbox(runtime),
      (mails) => mails.some((mail) => mail.to.includes(adminEmail))
    );
    const mine = emails.filter((mail) => mail.to.includes(adminEmail));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.text).toContain(link);
  });

  describe("status rules", () => {
    it("after lockForApproval only autoExtendDuration may change; other terms get a 409 naming the rule and the field", async () => {
      const { relationship } = await admin.locked();
      const frozen = graphError(
        await admin.patch(relationship.id, { displayName: "Too late", duration: "P30D" }, relationship["@odata.etag"]),
        409
      );
      expect(frozen.code).toBe("conflict");
      expect(frozen.message).toBe("This relationship is approvalPending: displayName, duration cannot change now.");
      expect(frozen.details?.map((detail) => detail.target)).toEqual(["displayName", "duration"]);
      const autoExtend = await admin.patch(
        relationship.id,
        { autoExtendDuration: "P180D" },
        relationship["@odata.etag"]
      );
      expect(autoExtend.status).toBe(200);
      expect(autoExtend.body.autoExtendDuration).toBe("P180D");
    });

    it("refuses to delete or lock again what is locked, and to terminate a draft", async () => {
      const { relationship } = await admin.locked();
      expect(graphError(await admin.remove(relationship.id, relationship["@odata.etag"]), 409).message).toContain(
        "Only a relationship in created can be deleted"
      );
      expect(graphError(await admin.request(relationship.id, "lockForApproval"), 409).message).toContain(
        "Only a relationship in created can be locked for approval"
      );
      const draft = await admin.created();
      expect(graphError(await admin.request(draft.id, "terminate"), 409).message).toContain("delete it instead");
    });

    it("refuses approve and reject, which are for indirect resellers, and any other action, naming action", async () => {
      const draft = await admin.created();
      for (const action of ["approve", "reject"])
        expect(graphError(await admin.request(draft.id, action), 400).message).toContain("indirect reseller");
      expect(graphError(await admin.request(draft.id, "unknownFutureValue"), 400).target).toBe("action");
      expect((await admin.get(draft.id)).body.status).toBe("created");
    });

    it("withdraws a pending invitation with terminate: terminated, statusDetail cancelled, endDateTime set, the link dead", async () => {
      const { relationship, link } = await admin.locked();
      const terminate = await admin.request(relationship.id, "terminate");
      expect(terminate.status).toBe(201);
      expect(terminate.body).toMatchObject({ action: "terminate", status: "succeeded" });
      const read = await admin.get(relationship.id);
      expect(read.body).toMatchObject({ status: "terminated", statusDetail: "cancelled" });
      expect(read.body.endDateTime).toEqual(expect.any(String));
      const customer = await tokenFor(runtime, { tenantId: randomUUID(), wids: [roles.globalAdministrator] });
      expect(
        (await call(runtime, "GET", `/api/invitations/${link.split("/").pop()}`, { token: customer })).status
      ).toBe(404);
      expect(
        graphError(await admin.patch(relationship.id, { autoExtendDuration: "PT0S" }, read.body["@odata.etag"]), 409)
          .target
      ).toBe("autoExtendDuration");
    });

    it("terminates an active relationship: the request is pending until the relationship is terminated, which fixes endDateTime", async () => {
      const customerTenantId = randomUUID();
      const { relationship, link } = await admin.locked(graphBody({ customer: { tenantId: customerTenantId } }));
      await acceptAs(runtime, customerTenantId, link);
      const active = await eventually(
        () => admin.get(relationship.id),
        (r) => r.body.status === "active"
      );
      expect(active.body.status).toBe("active");
      const planned = active.body.endDateTime;
      const terminate = await admin.request(relationship.id, "terminate");
      expect(terminate.body.status).toBe("pending");
      const ended = await eventually(
        () => admin.get(relationship.id),
        (r) => r.body.status === "terminated"
      );
      expect(ended.body.endDateTime).not.toBe(planned);
      expect(new Date(ended.body.endDateTime as string).getTime()).toBeLessThan(new Date(planned as string).getTime());
      const request = await call<GraphRequest>(
        runtime,
        "GET",
        `${relationshipsPath}/${relationship.id}/requests/${terminate.body.id}`,
        { token: admin.token }
      );
      expect(request.body.status).toBe("succeeded");
    });
  });

  describe("lists: $filter, $select, $orderby, $count, $top and paging", () => {
    let tag: string;
    let names: string[];
    const tenant = randomUUID();

    beforeAll(async () => {
      tag = `Lst${randomUUID().slice(0, 6)}`;
      names = [`${tag} alpha`, `${tag} bravo`, `${tag} charlie`, `${tag} O'Hara`];
      await admin.created(graphBody({ displayName: names[0] }));
      await admin.locked(graphBody({ displayName: names[1], customer: { tenantId: tenant } }));
      const cancelled = await admin.locked(graphBody({ displayName: names[2] }));
      await admin.request(cancelled.relationship.id, "terminate");
      await admin.created(graphBody({ displayName: names[3] }));
    });

    const namesOf = (value: GraphRelationship[]) => value.map((r) => r.displayName);
    const filtered = async (filter: string, extra = "") => {
      const response = await admin.list(`?$filter=${encodeURIComponent(filter)}${extra}`);
      expect(response.status, response.text).toBe(200);
      return response.body;
    };

    it("filters with each supported form, and combines them with and", async () => {
      expect(namesOf((await filtered(`startswith(displayName, '${tag}')`)).value).sort()).toEqual([...names].sort());
      expect(namesOf((await filtered(`displayName eq '${tag} O''Hara'`)).value)).toEqual([`${tag} O'Hara`]);
      expect(namesOf((await filtered(`customer/tenantId eq '${tenant}'`)).value)).toEqual([names[1]]);
      expect(namesOf((await filtered(`customer/tenantId eq ${tenant.toUpperCase()}`)).value)).toEqual([names[1]]);
      expect(
        namesOf((await filtered(`status eq 'created' and startswith(displayName, '${tag}')`)).value).sort()
      ).toEqual([names[0], names[3]].sort());
      expect(
        namesOf((await filtered(`status eq 'approvalPending' and startswith(displayName, '${tag}')`)).value)
      ).toEqual([names[1]]);
    });

    it("finds our cancelled invitation under Graph's terminated, and nothing under unknownFutureValue", async () => {
      const terminated = await filtered(`status eq 'terminated' and startswith(displayName, '${tag}')`);
      expect(terminated.value.map((r) => [r.displayName, r.status, r.statusDetail])).toEqual([
        [names[2], "terminated", "cancelled"]
      ]);
      expect((await filtered("status eq 'unknownFutureValue'")).value).toEqual([]);
    });

    it("refuses what the subset does not support, naming it, with Graph's error body", async () => {
      for (const filter of [
        "status eq 'active' or status eq 'expired'",
        "contains(displayName, 'a')",
        "duration eq 'P2Y'",
        "status eq 'declined'",
        "status ne 'active'"
      ]) {
        const error = graphError(await admin.list(`?$filter=${encodeURIComponent(filter)}`), 400);
        expect(error.target).toBe("$filter");
      }
      expect(graphError(await admin.list("?$expand=requests"), 400).target).toBe("$expand");
    });

    it("selects properties, keeping id and @odata.etag", async () => {
      const body = await filtered(`startswith(displayName, '${tag}')`, "&$select=displayName,status");
      for (const item of body.value)
        expect(Object.keys(item).sort()).toEqual(["@odata.etag", "displayName", "id", "status"]);
      expect(graphError(await admin.list("?$select=displayName,nonce"), 400).message).toContain("nonce");
    });

    it("orders by displayName, status, createdDateTime and endDateTime, ascending or descending", async () => {
      const prefix = `startswith(displayName, '${tag}')`;
      const sorted = [...names].sort();
      expect(namesOf((await filtered(prefix, "&$orderby=displayName")).value)).toEqual(sorted);
      expect(namesOf((await filtered(prefix, "&$orderby=displayName desc")).value)).toEqual([...sorted].reverse());
      expect(namesOf((await filtered(prefix, "&$orderby=createdDateTime asc")).value)).toEqual(names);
      expect((await filtered(prefix, "&$orderby=status")).value.map((r) => r.statusDetail ?? r.status)).toEqual([
        "approvalPending",
        "cancelled",
        "created",
        "created"
      ]);
      // Drafts have no end yet; the cancelled one ended: every relationship is listed, the ended one last.
      const byEnd = (await filtered(prefix, "&$orderby=endDateTime")).value;
      expect(byEnd).toHaveLength(4);
      expect(byEnd[3]?.displayName).toBe(names[2]);
      expect(graphError(await admin.list("?$orderby=duration"), 400).target).toBe("$orderby");
    });

    it("counts with $count=true, pages with $top and an absolute @odata.nextLink, and bounds $top", async () => {
      const first = await filtered(`startswith(displayName, '${tag}')`, "&$top=3&$count=true&$orderby=displayName");
      expect(first["@odata.count"]).toBe(4);
      expect(first.value).toHaveLength(3);
      const next = first["@odata.nextLink"] as string;
      expect(next.startsWith(`${runtime.url}/v1.0/tenantRelationships/delegatedAdminRelationships?`)).toBe(true);
      const second = await call<{ value: GraphRelationship[]; "@odata.nextLink"?: string }>(
        runtime,
        "GET",
        next.slice(runtime.url.length),
        { token: admin.token }
      );
      expect(namesOf([...first.value, ...second.body.value])).toEqual([...names].sort());
      expect(second.body["@odata.nextLink"]).toBeUndefined();
      for (const top of ["0", "301", "-1"])
        expect(graphError(await admin.list(`?$top=${top}`), 400).target).toBe("$top");
      expect((await admin.list("?$top=300")).status).toBe(200);
      const forged = new URL(next);
      forged.searchParams.set("$skiptoken", "abc.AAAAAAAAAAAAAAAAAAAAAA");
      expect(
        graphError(await call(runtime, "GET", `${forged.pathname}${forged.search}`, { token: admin.token }), 400).target
      ).toBe("$skiptoken");
      // A token is bound to its filter: reused with another one, it is refused.
      const reused = `${relationshipsPath}?$filter=${encodeURIComponent("status eq 'created'")}&$skiptoken=${new URL(next).searchParams.get("$skiptoken")}`;
      expect(graphError(await call(runtime, "GET", reused, { token: admin.token }), 400).target).toBe("$skiptoken");
    });

    it("pages a relationship's requests and filters them", async () => {
      const { relationship } = await admin.locked();
      await admin.request(relationship.id, "terminate");
      const path = `${relationshipsPath}/${relationship.id}/requests`;
      const page = await admin.list<GraphRequest>("?$top=1&$count=true", path);
      expect(page.body["@odata.count"]).toBe(2);
      expect(page.body.value.map((r) => r.action)).toEqual(["terminate"]);
      const rest = await call<{ value: GraphRequest[] }>(
        runtime,
        "GET",
        (page.body["@odata.nextLink"] as string).slice(runtime.url.length),
        { token: admin.token }
      );
      expect(rest.body.value.map((r) => r.action)).toEqual(["lockForApproval"]);
      expect(
        (await admin.list<GraphRequest>(`?$filter=${encodeURIComponent("action eq 'lockForApproval'")}`, path)).body
          .value
      ).toHaveLength(1);
    });
  });
});
