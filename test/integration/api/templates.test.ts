import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentAgreement } from "../../../shared/domain/agreement";
import {
  call,
  customerGlobalAdmin,
  demoPartnerTenants,
  newAdminEmail,
  partnerReader,
  roles,
  tokenFor,
  tokenOfLink
} from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { groupMember, operationsOf, waitForAssignment, type Assignment } from "../async/assignments-kit";
import {
  checkAccess,
  partnerToken,
  sendRoleGrantsMessage,
  waitForInvocation,
  waitForStatus
} from "../async/grants-kit";

const templatesPath = "/api/partner/relationship-templates";
const helpdesk = roles.helpdeskAdministrator;
const userAdmin = roles.userAdministrator;

interface Template {
  id: string;
  displayName: string;
  partnerType: string;
  duration: string;
  autoExtendDuration: string;
  accessDetails: { unifiedRoles: { roleDefinitionId: string }[] };
  accessAssignments: {
    accessContainer: { accessContainerId: string };
    accessDetails: { unifiedRoles: { roleDefinitionId: string }[] };
    label?: string;
  }[];
  errors?: { field: string; message: string }[];
}

const rolesOf = (...ids: string[]) => ({ unifiedRoles: ids.map((roleDefinitionId) => ({ roleDefinitionId })) });
const groupAssignment = (group: string, ...ids: string[]) => ({
  accessContainer: { accessContainerId: group, accessContainerType: "securityGroup" },
  accessDetails: rolesOf(...ids)
});

function templateBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayName: `Helpdesk ${randomUUID().slice(0, 8)}`,
    accessDetails: rolesOf(helpdesk, userAdmin),
    duration: "P180D",
    autoExtendDuration: "P180D",
    ...overrides
  };
}

describe("relationship templates through the real runtime", () => {
  let runtime: LocalRuntime;
  let admin: string;
  let otherAdmin: string;
  const partnerTenantId = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    admin = await partnerToken(runtime, partnerTenantId);
    otherAdmin = await partnerToken(runtime, demoPartnerTenants[1]);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const create = (token: string, body: Record<string, unknown>) =>
    call<Template>(runtime, "POST", templatesPath, { token, body });

  it("creates (201, ETag, Location), reads, lists, replaces with If-Match (stale 412, none 428) and deletes (204, then 404)", async () => {
    const group = randomUUID();
    const created = await create(
      admin,
      templateBody({ accessAssignments: [{ ...groupAssignment(group, helpdesk), label: "Tier 1" }] })
    );
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"v1"');
    expect(created.headers.get("location")).toBe(`${templatesPath}/${created.body.id}`);
    expect(created.body).toMatchObject({
      partnerType: "partnerWithGdap",
      duration: "P180D",
      autoExtendDuration: "P180D",
      accessAssignments: [{ accessContainer: { accessContainerId: group }, label: "Tier 1" }]
    });
    const path = `${templatesPath}/${created.body.id}`;

    const read = await call<Template>(runtime, "GET", path, { token: admin });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const listed = await call<{ value: Template[] }>(runtime, "GET", templatesPath, { token: admin });
    expect(listed.body.value.map((template) => template.id)).toContain(created.body.id);

    const renamed = templateBody({ displayName: `Renamed ${randomUUID().slice(0, 6)}`, duration: "P90D" });
    expect((await call(runtime, "PUT", path, { token: admin, body: renamed })).status).toBe(428);
    const replaced = await call<Template>(runtime, "PUT", path, {
      token: admin,
      body: renamed,
      headers: { "if-match": '"v1"' }
    });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get("etag")).toBe('"v2"');
    expect(replaced.body).toMatchObject({ displayName: renamed.displayName, duration: "P90D", accessAssignments: [] });
    expect(
      (await call(runtime, "PUT", path, { token: admin, body: renamed, headers: { "if-match": '"v1"' } })).status
    ).toBe(412);

    expect((await call(runtime, "DELETE", path, { token: admin })).status).toBe(428);
    expect((await call(runtime, "DELETE", path, { token: admin, headers: { "if-match": '"v1"' } })).status).toBe(412);
    expect((await call(runtime, "DELETE", path, { token: admin, headers: { "if-match": '"v2"' } })).status).toBe(204);
    expect((await call(runtime, "GET", path, { token: admin })).status).toBe(404);
  });

  it("names every broken rule in a 400: the invitation's rules for the terms, the assignment rules for the groups", async () => {
    const refused = await create(
      admin,
      templateBody({
        displayName: "",
        accessDetails: rolesOf(roles.globalAdministrator),
        duration: "P800D",
        autoExtendDuration: "P180D",
        accessAssignments: [groupAssignment("not-a-group", helpdesk)]
      })
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((error) => error.field)).toEqual([
      "displayName",
      "duration",
      "autoExtendDuration",
      "accessAssignments.0.accessContainer.accessContainerId",
      "accessAssignments.0.accessDetails.unifiedRoles.0.roleDefinitionId"
    ]);
    const unknownField = await create(admin, { ...templateBody(), roles: [] });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors?.map((error) => error.field)).toEqual(["roles"]);
    expect((await call(runtime, "GET", `${templatesPath}/not-a-guid`, { token: admin })).status).toBe(400);
  });

  it("keeps names unique per partner whatever the case (409 on create and on rename), while another partner may use the same name", async () => {
    const name = `Onboarding ${randomUUID().slice(0, 8)}`;
    expect((await create(admin, templateBody({ displayName: name }))).status).toBe(201);
    const again = await create(admin, templateBody({ displayName: ` ${name.toUpperCase()} ` }));
    expect(again.status).toBe(409);
    expect(again.body.errors?.map((error) => error.field)).toEqual(["displayName"]);
    const other = await create(admin, templateBody());
    const rename = await call<Template>(runtime, "PUT", `${templatesPath}/${other.body.id}`, {
      token: admin,
      body: templateBody({ displayName: name.toLowerCase() }),
      headers: { "if-match": '"v1"' }
    });
    expect(rename.status).toBe(409);
    expect((await create(otherAdmin, templateBody({ displayName: name }))).status).toBe(201);
  });

  it("lets a partner user without Partner.Admin read but not write, and keeps each partner's templates its own", async () => {
    const created = await create(admin, templateBody());
    const path = `${templatesPath}/${created.body.id}`;
    const reader = await tokenFor(runtime, partnerReader(partnerTenantId));
    expect((await call(runtime, "GET", path, { token: reader })).status).toBe(200);
    expect((await create(reader, templateBody())).status).toBe(403);
    expect((await call(runtime, "DELETE", path, { token: reader, headers: { "if-match": '"v1"' } })).status).toBe(403);
    expect((await call(runtime, "GET", templatesPath)).status).toBe(401);

    // Another partner sees no such template, cannot change or delete it, nor invite with it.
    expect((await call(runtime, "GET", path, { token: otherAdmin })).status).toBe(404);
    expect(
      (await call(runtime, "PUT", path, { token: otherAdmin, body: templateBody(), headers: { "if-match": '"v1"' } }))
        .status
    ).toBe(404);
    expect((await call(runtime, "DELETE", path, { token: otherAdmin, headers: { "if-match": '"v1"' } })).status).toBe(
      404
    );
    expect(
      (await call<{ value: Template[] }>(runtime, "GET", templatesPath, { token: otherAdmin })).body.value.map(
        (template) => template.id
      )
    ).not.toContain(created.body.id);
    const borrowed = await call<{ errors: { field: string }[] }>(runtime, "POST", "/api/relationships", {
      token: otherAdmin,
      body: {
        templateId: created.body.id,
        displayName: `Borrowed ${randomUUID().slice(0, 6)}`,
        customer: { adminEmail: newAdminEmail() }
      }
    });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.errors.map((error) => error.field)).toEqual(["templateId"]);
    // A customer tenant is no partner at all.
    expect(
      (await call(runtime, "GET", templatesPath, { token: await tokenFor(runtime, customerGlobalAdmin(randomUUID())) }))
        .status
    ).toBe(403);
  });

  it("creates a relationship from a template: its terms copied (a later edit does not reach it), a differing term a 400 naming the field, no partner type without a template", async () => {
    const template = await create(admin, templateBody());
    const made = await call<{
      id: string;
      partnerType: string;
      duration: string;
      autoExtendDuration: string;
      accessDetails: { unifiedRoles: { roleDefinitionId: string }[] };
    }>(runtime, "POST", "/api/relationships", {
      token: admin,
      body: {
        templateId: template.body.id,
        displayName: `From template ${randomUUID().slice(0, 6)}`,
        customer: { adminEmail: newAdminEmail() }
      }
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ partnerType: "partnerWithGdap", duration: "P180D", autoExtendDuration: "P180D" });
    expect(made.body.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId).sort()).toEqual(
      [helpdesk, userAdmin].sort()
    );

    const edited = await call(runtime, "PUT", `${templatesPath}/${template.body.id}`, {
      token: admin,
      body: templateBody({
        displayName: template.body.displayName,
        duration: "P30D",
        accessDetails: rolesOf(helpdesk),
        autoExtendDuration: "PT0S"
      }),
      headers: { "if-match": '"v1"' }
    });
    expect(edited.status).toBe(200);
    const after = await call<{ duration: string; accessDetails: { unifiedRoles: unknown[] } }>(
      runtime,
      "GET",
      `/api/relationships/${made.body.id}`,
      { token: admin }
    );
    expect(after.body.duration).toBe("P180D");
    expect(after.body.accessDetails.unifiedRoles).toHaveLength(2);

    const differs = await call<{ errors: { field: string }[] }>(runtime, "POST", "/api/relationships", {
      token: admin,
      body: {
        templateId: template.body.id,
        displayName: `Differs ${randomUUID().slice(0, 6)}`,
        customer: { adminEmail: newAdminEmail() },
        accessDetails: rolesOf(userAdmin),
        duration: "P30D"
      }
    });
    expect(differs.status).toBe(400);
    expect(differs.body.errors.map((error) => error.field)).toEqual(["accessDetails.unifiedRoles"]);
    const noType = await call<{ errors: { field: string }[] }>(runtime, "POST", "/api/relationships", {
      token: admin,
      body: { displayName: "No type", customer: { adminEmail: newAdminEmail() } }
    });
    expect(noType.status).toBe(400);
    expect(noType.body.errors.map((error) => error.field)).toEqual(["partnerType"]);
  });

  it("takes templateId as an extra property on Graph's POST: a draft on the template's terms", async () => {
    const template = await create(admin, templateBody({ duration: "P45D", autoExtendDuration: "PT0S" }));
    const draft = await call<{
      id: string;
      status: string;
      duration: string;
      accessDetails: { unifiedRoles: unknown[] };
    }>(runtime, "POST", "/v1.0/tenantRelationships/delegatedAdminRelationships", {
      token: admin,
      body: { displayName: `Graph draft ${randomUUID().slice(0, 6)}`, templateId: template.body.id }
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: "created", duration: "P45D" });
    expect(draft.body.accessDetails.unifiedRoles).toHaveLength(2);
  });

  it("creates the template's group assignments once the customer's approval makes the relationship active, each applied as usual, once", async () => {
    const tier1 = randomUUID();
    const tier2 = randomUUID();
    const template = await create(
      admin,
      templateBody({
        autoExtendDuration: "PT0S",
        accessAssignments: [
          { ...groupAssignment(tier1, helpdesk), label: "Tier 1" },
          groupAssignment(tier2, helpdesk, userAdmin)
        ]
      })
    );
    const customerTenantId = randomUUID();
    const made = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
      token: admin,
      body: {
        templateId: template.body.id,
        displayName: `Assigned ${randomUUID().slice(0, 6)}`,
        customer: { adminEmail: newAdminEmail(), tenantId: customerTenantId }
      }
    });
    expect(made.status).toBe(201);
    // Nothing is assigned before the relationship is active.
    expect(
      (
        await call<{ value: Assignment[] }>(runtime, "GET", `/api/relationships/${made.body.id}/accessAssignments`, {
          token: admin
        })
      ).body.value
    ).toEqual([]);

    const customer = await tokenFor(runtime, customerGlobalAdmin(customerTenantId));
    const accepted = await call(runtime, "POST", `/api/invitations/${tokenOfLink(made.body.invitationLink)}/accept`, {
      token: customer,
      body: { agreementVersion: currentAgreement.version, acknowledged: true }
    });
    expect(accepted.status).toBe(200);
    await waitForStatus(runtime, admin, made.body.id, "active");

    const assignmentsPath = `/api/relationships/${made.body.id}/accessAssignments`;
    await expect
      .poll(
        async () =>
          (await call<{ value: Assignment[] }>(runtime, "GET", assignmentsPath, { token: admin })).body.value.length,
        { timeout: 20_000 }
      )
      .toBe(2);
    const assignments = (await call<{ value: Assignment[] }>(runtime, "GET", assignmentsPath, { token: admin })).body
      .value;
    const byGroup = new Map(
      assignments.map((assignment) => [assignment.accessContainer.accessContainerId, assignment])
    );
    expect(byGroup.get(tier1)).toMatchObject({
      label: "Tier 1",
      accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdesk }] }
    });
    expect(
      byGroup
        .get(tier2)
        ?.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId)
        .sort()
    ).toEqual([helpdesk, userAdmin].sort());
    for (const assignment of assignments)
      await waitForAssignment(runtime, admin, made.body.id, assignment.id, "active");
    expect(
      (await operationsOf(runtime, admin, made.body.id))
        .filter((operation) => operation.operationType === "delegatedAdminAccessAssignmentUpdate")
        .map((operation) => operation.status)
    ).toEqual(["succeeded", "succeeded"]);

    // A member of the Tier 1 group may act as Helpdesk Administrator, not as User Administrator.
    const member = await groupMember(runtime, partnerTenantId, [tier1]);
    const query = { partnerTenantId, customerTenantId, roleDefinitionId: helpdesk };
    expect((await checkAccess(runtime, member, query)).body).toMatchObject({ allowed: true, securityGroupId: tier1 });
    expect((await checkAccess(runtime, member, { ...query, roleDefinitionId: userAdmin })).body).toMatchObject({
      allowed: false,
      reason: "notAssigned"
    });

    // The activation delivered again (a redelivery, a replayed dead letter) creates nothing twice.
    const again = `again-${randomUUID()}`;
    await sendRoleGrantsMessage(runtime, { kind: "applyGrants", partnerTenantId, relationshipId: made.body.id }, again);
    await waitForInvocation(runtime, again);
    expect(
      (await call<{ value: Assignment[] }>(runtime, "GET", assignmentsPath, { token: admin })).body.value
    ).toHaveLength(2);
  });
});
