import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  customerGlobalAdmin,
  demoPartnerTenants,
  partnerAdmin,
  partnerReader,
  roles,
  tokenFor
} from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { acceptAs, eventually, graphError, GraphClient, relationshipsPath, type GraphCollection } from "./graph-kit";

type GraphAssignment = {
  "@odata.etag": string;
  "@odata.context"?: string;
  id: string;
  status: string;
  label?: string;
  accessDetails: { unifiedRoles: { roleDefinitionId: string }[] };
};
type GraphOperation = { "@odata.etag": string; id: string; operationType: string; status: string; data: string };

const helpdesk = roles.helpdeskAdministrator;
const userAdmin = roles.userAdministrator;
const assignmentBody = (group: string, roleIds: readonly string[], extra: Record<string, unknown> = {}) => ({
  accessContainer: { accessContainerId: group, accessContainerType: "securityGroup" },
  accessDetails: { unifiedRoles: roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
  ...extra
});

describe("Graph surface: accessAssignments and operations", () => {
  let runtime: LocalRuntime;
  let graph: GraphClient;
  let relationshipId: string;
  let customerTenantId: string;
  const partner = demoPartnerTenants[2];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    graph = new GraphClient(runtime, await tokenFor(runtime, partnerAdmin(partner)));
    customerTenantId = randomUUID();
    const { relationship, link } = await graph.locked();
    await acceptAs(runtime, customerTenantId, link);
    const active = await eventually(
      () => graph.get(relationship.id),
      (read) => read.body.status === "active"
    );
    expect(active.body.status).toBe("active");
    relationshipId = relationship.id;
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const assignments = () => `${relationshipsPath}/${relationshipId}/accessAssignments`;
  const operations = () => `${relationshipsPath}/${relationshipId}/operations`;
  const post = (body: unknown, token = graph.token) =>
    call<GraphAssignment>(runtime, "POST", assignments(), { token, body });
  const read = (id: string, token = graph.token) =>
    call<GraphAssignment>(runtime, "GET", `${assignments()}/${id}`, { token });

  it("POST answers 201 with an absolute Location, @odata.context and an @odata.etag equal to the ETag header; GET lists and filters", async () => {
    const group = randomUUID();
    const created = await post(
      assignmentBody(group, [helpdesk], {
        "@odata.type": "#microsoft.graph.delegatedAdminAccessAssignment",
        label: "Tier 1"
      })
    );
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get("location")).toBe(`${runtime.url}${assignments()}/${created.body.id}`);
    expect(created.body["@odata.etag"]).toBe(created.headers.get("etag"));
    expect(created.body["@odata.context"]).toBe(
      `${runtime.url}/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships/accessAssignments/$entity`
    );
    expect(created.body).toMatchObject({ status: "pending", label: "Tier 1" });

    const active = await eventually(
      () => read(created.body.id),
      (response) => response.body.status === "active"
    );
    expect(active.body.status).toBe("active");

    const list = await call<GraphCollection<GraphAssignment>>(
      runtime,
      "GET",
      `${assignments()}?$filter=${encodeURIComponent(`accessContainer/accessContainerId eq '${group}' and status eq 'active'`)}&$count=true`,
      { token: graph.token }
    );
    expect(list.body["@odata.context"]).toBe(
      `${runtime.url}/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships/accessAssignments`
    );
    expect(list.body["@odata.count"]).toBe(1);
    expect(list.body.value.map((item) => item.id)).toEqual([created.body.id]);
    const refused = await call(runtime, "GET", `${assignments()}?$filter=${encodeURIComponent("label eq 'Tier 1'")}`, {
      token: graph.token
    });
    expect(graphError(refused, 400).target).toBe("$filter");
  });

  it("PATCH answers 202 with the operation in Location; DELETE 204; the operations list shows both, succeeded", async () => {
    const created = await post(assignmentBody(randomUUID(), [helpdesk]));
    await eventually(
      () => read(created.body.id),
      (response) => response.body.status === "active"
    );

    const patched = await call<GraphAssignment>(runtime, "PATCH", `${assignments()}/${created.body.id}`, {
      token: graph.token,
      body: { accessDetails: { unifiedRoles: [{ roleDefinitionId: userAdmin }] } },
      headers: { "if-match": created.body["@odata.etag"] }
    });
    expect(patched.status, patched.text).toBe(202);
    const operationUrl = patched.headers.get("location") ?? "";
    expect(operationUrl).toMatch(new RegExp(`^${runtime.url}${operations()}/[0-9a-f-]{36}$`));
    expect(patched.headers.get("retry-after")).toBe("1");
    const applied = await eventually(
      () => call<GraphOperation>(runtime, "GET", operationUrl.slice(runtime.url.length), { token: graph.token }),
      (response) => response.body.status === "succeeded"
    );
    expect(applied.body).toMatchObject({ operationType: "delegatedAdminAccessAssignmentUpdate", status: "succeeded" });
    expect(applied.body["@odata.etag"]).toBe(applied.headers.get("etag"));

    const current = await eventually(
      () => read(created.body.id),
      (response) => response.body.status === "active"
    );
    const deleted = await call(runtime, "DELETE", `${assignments()}/${created.body.id}`, {
      token: graph.token,
      headers: { "if-match": current.body["@odata.etag"] }
    });
    expect(deleted.status).toBe(204);
    await eventually(
      () => read(created.body.id),
      (response) => response.body.status === "deleted"
    );

    const list = await call<GraphCollection<GraphOperation>>(
      runtime,
      "GET",
      `${operations()}?$filter=${encodeURIComponent("operationType eq 'delegatedAdminAccessAssignmentUpdate'")}&$orderby=createdDateTime desc&$top=2`,
      { token: graph.token }
    );
    expect(list.status, list.text).toBe(200);
    expect(list.body.value.map((operation) => JSON.parse(operation.data).status)).toEqual(["deleted", "active"]);
  });

  it("answers Graph's error body for every rule: 400 naming the field, 409, 428, 412", async () => {
    const group = randomUUID();
    expect((await post(assignmentBody(group, [helpdesk]))).status).toBe(201);
    expect(graphError(await post(assignmentBody(group, [userAdmin])), 409).code).toBe("conflict");
    expect(graphError(await post(assignmentBody(randomUUID(), [roles.securityReader])), 400).target).toBe(
      "accessDetails.unifiedRoles.0.roleDefinitionId"
    );
    expect(
      graphError(
        await post({
          ...assignmentBody(randomUUID(), [helpdesk]),
          accessContainer: { accessContainerId: randomUUID(), accessContainerType: "user" }
        }),
        400
      ).target
    ).toBe("accessContainer.accessContainerType");
    const created = await post(assignmentBody(randomUUID(), [helpdesk]));
    const item = `${assignments()}/${created.body.id}`;
    expect(graphError(await call(runtime, "PATCH", item, { token: graph.token, body: { label: "x" } }), 428).code).toBe(
      "preconditionRequired"
    );
    expect(
      graphError(await call(runtime, "DELETE", item, { token: graph.token, headers: { "if-match": '"v9"' } }), 412).code
    ).toBe("preconditionFailed");
    expect(
      graphError(await call(runtime, "GET", `${assignments()}/${randomUUID()}`, { token: graph.token }), 404).code
    ).toBe("notFound");
    expect(
      graphError(await call(runtime, "GET", `${assignments()}/not-a-guid`, { token: graph.token }), 400).target
    ).toBe("assignmentId");
  });

  it("tenant isolation: another partner gets 404 and sees nothing, a customer 403, a reader cannot write", async () => {
    const created = await post(assignmentBody(randomUUID(), [helpdesk]));
    const list = await call<GraphCollection<GraphOperation>>(runtime, "GET", operations(), { token: graph.token });
    const paths = [
      assignments(),
      `${assignments()}/${created.body.id}`,
      operations(),
      `${operations()}/${list.body.value[0]?.id}`
    ];

    const other = await tokenFor(runtime, partnerAdmin(demoPartnerTenants[0]));
    for (const path of paths) {
      const response = await call(runtime, "GET", path, { token: other });
      expect(graphError(response, 404).code, path).toBe("notFound");
      expect(response.text).not.toContain(created.body.id);
    }
    expect(graphError(await post(assignmentBody(randomUUID(), [helpdesk]), other), 404).code).toBe("notFound");
    const customer = await tokenFor(runtime, customerGlobalAdmin(customerTenantId));
    for (const path of paths)
      expect(graphError(await call(runtime, "GET", path, { token: customer }), 403).code, path).toBe("forbidden");
    const reader = await tokenFor(runtime, partnerReader(partner));
    expect((await read(created.body.id, reader)).status).toBe(200);
    expect(graphError(await post(assignmentBody(randomUUID(), [helpdesk]), reader), 403).code).toBe("forbidden");
  });
});
