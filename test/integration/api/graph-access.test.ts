import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, customerGlobalAdmin, demoPartnerTenants, partnerAdmin, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { invocationsOf, sendRaw, serviceBus } from "../async/emails-kit";
import {
  acceptAs,
  customersPath,
  eventually,
  graphBody,
  graphError,
  GraphClient,
  relationshipsPath,
  type GraphCollection
} from "./graph-kit";

type Customer = { "@odata.etag": string; id: string; tenantId: string; displayName: string | null };

describe("the Graph surface: who sees what, customers, standing and limits", () => {
  let runtime: LocalRuntime;
  let owner: GraphClient;
  let other: GraphClient;
  let customerToken: string;
  const [partner, otherPartner, suspendedPartner] = demoPartnerTenants;
  const customerTenantId = randomUUID();
  let activeId: string;
  let draftId: string;
  let draftEtag: string;
  let requestId: string;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ env: { LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: "4" } });
    owner = new GraphClient(runtime, await tokenFor(runtime, partnerAdmin(partner)));
    other = new GraphClient(runtime, await tokenFor(runtime, partnerAdmin(otherPartner)));
    customerToken = await tokenFor(runtime, customerGlobalAdmin(customerTenantId));
    const { relationship, link } = await owner.locked(graphBody({ displayName: "Isolated active" }));
    activeId = relationship.id;
    await acceptAs(runtime, customerTenantId, link, "admin@tailspin-toys.example");
    await eventually(
      () => owner.get(activeId),
      (read) => read.body.status === "active"
    );
    const draft = await owner.created(graphBody({ displayName: "Isolated draft" }));
    draftId = draft.id;
    draftEtag = draft["@odata.etag"];
    requestId = (
      (await owner.list<{ id: string }>("", `${relationshipsPath}/${activeId}/requests`)).body.value[0] as {
        id: string;
      }
    ).id;
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  type Route = { method: string; path: string; body?: Record<string, unknown>; headers?: Record<string, string> };
  const routes = (): Route[] => [
    { method: "GET", path: `${relationshipsPath}/${activeId}` },
    {
      method: "PATCH",
      path: `${relationshipsPath}/${draftId}`,
      body: { displayName: "Taken over" },
      headers: { "if-match": draftEtag }
    },
    { method: "DELETE", path: `${relationshipsPath}/${draftId}`, headers: { "if-match": draftEtag } },
    { method: "POST", path: `${relationshipsPath}/${draftId}/requests`, body: { action: "lockForApproval" } },
    { method: "POST", path: `${relationshipsPath}/${activeId}/requests`, body: { action: "terminate" } },
    { method: "GET", path: `${relationshipsPath}/${activeId}/requests` },
    { method: "GET", path: `${relationshipsPath}/${activeId}/requests/${requestId}` },
    { method: "GET", path: `${customersPath}/${customerTenantId}` },
    { method: "GET", path: `${customersPath}/${customerTenantId}/serviceManagementDetails` }
  ];

  it("gives another partner 404 on every item route and shows it nothing in the lists", async () => {
    for (const route of routes()) {
      const response = await call(runtime, route.method, route.path, {
        token: other.token,
        body: route.body,
        headers: route.headers
      });
      expect(graphError(response, 404).code, `${route.method} ${route.path}`).toBe("notFound");
    }
    const ids = (await other.list("?$top=300")).body.value.map((r) => r.id);
    expect(ids).not.toContain(activeId);
    expect(ids).not.toContain(draftId);
    expect((await other.list<Customer>("", customersPath)).body.value.map((c) => c.id)).not.toContain(customerTenantId);
    // Nothing changed for the owner.
    expect((await owner.get(activeId)).body.status).toBe("active");
    expect((await owner.get(draftId)).body).toMatchObject({ status: "created", displayName: "Isolated draft" });
  });

  it("gives a customer (not a partner tenant) 403, and an anonymous caller 401, on every route", async () => {
    const everyRoute: Route[] = [
      ...routes(),
      { method: "GET", path: relationshipsPath },
      { method: "POST", path: relationshipsPath, body: graphBody() },
      { method: "GET", path: customersPath }
    ];
    for (const route of everyRoute) {
      const asCustomer = await call(runtime, route.method, route.path, {
        token: customerToken,
        body: route.body,
        headers: route.headers
      });
      expect(graphError(asCustomer, 403).code, `${route.method} ${route.path}`).toBe("forbidden");
      const anonymous = await call(runtime, route.method, route.path, { body: route.body, headers: route.headers });
      expect(graphError(anonymous, 401).code).toBe("InvalidAuthenticationToken");
      expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("lets a partner user without Partner.Admin read but not write", async () => {
    const reader = new GraphClient(runtime, await tokenFor(runtime, { tenantId: partner, name: "Reader" }));
    expect((await reader.get(activeId)).status).toBe(200);
    expect(graphError(await reader.create(), 403).message).toContain("Partner.Admin");
    expect(graphError(await reader.request(draftId, "lockForApproval"), 403).message).toContain("Partner.Admin");
  });

  it("lists the customer once its relationship is active, named from its admin's sign-in domain, with an empty serviceManagementDetails", async () => {
    const listed = await owner.list<Customer>(
      `?$filter=${encodeURIComponent(`tenantId eq '${customerTenantId}'`)}&$count=true`,
      customersPath
    );
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body["@odata.count"]).toBe(1);
    expect(listed.body.value.map(({ id, tenantId, displayName }) => ({ id, tenantId, displayName }))).toEqual([
      { id: customerTenantId, tenantId: customerTenantId, displayName: "tailspin-toys.example" }
    ]);
    expect((await owner.get(activeId)).body.customer).toMatchObject({
      tenantId: customerTenantId,
      displayName: "tailspin-toys.example"
    });
    const one = await call<Customer>(runtime, "GET", `${customersPath}/${customerTenantId}`, { token: owner.token });
    expect(one.body).toMatchObject({ id: customerTenantId, displayName: "tailspin-toys.example" });
    expect(one.body["@odata.etag"]).toBe(one.headers.get("etag"));
    const details = await call<GraphCollection<unknown>>(
      runtime,
      "GET",
      `${customersPath}/${customerTenantId}/serviceManagementDetails`,
      { token: owner.token }
    );
    expect(details.body).toEqual({
      "@odata.context": `${runtime.url}/v1.0/$metadata#tenantRelationships/delegatedAdminCustomers/serviceManagementDetails`,
      value: []
    });
    expect(
      graphError(await call(runtime, "GET", `${customersPath}/${randomUUID()}`, { token: owner.token }), 404).code
    ).toBe("notFound");
    expect(
      graphError(await call(runtime, "GET", `${customersPath}/not-a-tenant`, { token: owner.token }), 400).target
    ).toBe("tenantId");
  });

  it("leaves the customer record as it was when the activation is delivered again", async () => {
    const read = () => call<Customer>(runtime, "GET", `${customersPath}/${customerTenantId}`, { token: owner.token });
    const before = await read();
    const bus = serviceBus(runtime);
    const messageId = `again-${randomUUID()}`;
    try {
      await sendRaw(
        bus,
        "role-grants",
        { kind: "applyGrants", partnerTenantId: partner, relationshipId: activeId },
        messageId
      );
    } finally {
      await bus.close();
    }
    const handled = await eventually(
      async () => invocationsOf(runtime, "processRoleGrants", messageId),
      (lines) => lines.length > 0
    );
    expect(handled.map((line) => line.outcome)).toEqual(["succeeded"]);
    const after = await read();
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"));
    expect(after.body).toEqual(before.body);
    expect(
      (
        await owner.list<Customer>(
          `?$filter=${encodeURIComponent(`tenantId eq '${customerTenantId}'`)}&$count=true`,
          customersPath
        )
      ).body["@odata.count"]
    ).toBe(1);
  });

  it("refuses lockForApproval to a suspended partner (403) and to one past its invitation limit (429 with Retry-After)", async () => {
    const suspended = new GraphClient(runtime, await tokenFor(runtime, partnerAdmin(suspendedPartner)));
    const draft = await suspended.created();
    const operator = await tokenFor(runtime, {
      tenantId: "0be7a70a-5e1f-4c0d-9a1b-0000000000f1",
      roles: ["Operator"],
      name: "Operator"
    });
    expect(
      (
        await call(runtime, "POST", `/api/operator/partners/${suspendedPartner}/suspend`, {
          token: operator,
          body: { reason: "Test." }
        })
      ).status
    ).toBe(200);
    expect(graphError(await suspended.request(draft.id, "lockForApproval"), 403).message).toContain("suspended");
    expect((await suspended.get(draft.id)).body.status).toBe("created");

    // The owner has used one of its four this hour (beforeAll); three more pass, the fifth is refused.
    for (let n = 0; n < 3; n += 1) await owner.locked();
    const over = await owner.created();
    const refused = await owner.request(over.id, "lockForApproval");
    expect(graphError(refused, 429).code).toBe("tooManyRequests");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await owner.get(over.id)).body.status).toBe("created");
  });

  it("drops the customer once its last active relationship ends", async () => {
    await owner.request(activeId, "terminate");
    await eventually(
      () => owner.get(activeId),
      (read) => read.body.status === "terminated"
    );
    const gone = await eventually(
      () => call(runtime, "GET", `${customersPath}/${customerTenantId}`, { token: owner.token }),
      (response) => response.status === 404
    );
    expect(gone.status).toBe(404);
    expect((await owner.list<Customer>("", customersPath)).body.value.map((c) => c.id)).not.toContain(customerTenantId);
  });
});
