/**
 * The official Microsoft Graph SDK for TypeScript, pointed at the local runtime by changing only its base URL, drives
 * a partner's whole GDAP workflow: nothing here knows it is not talking to graph.microsoft.com.
 */
import { randomUUID } from "node:crypto";
import {
  AllowedHostsValidator,
  BaseBearerTokenAuthenticationProvider,
  DefaultApiError,
  Duration
} from "@microsoft/kiota-abstractions";
import { createGraphServiceClient, GraphRequestAdapter, type GraphServiceClient } from "@microsoft/msgraph-sdk";
import type {
  DelegatedAdminAccessAssignment,
  DelegatedAdminRelationship
} from "@microsoft/msgraph-sdk/models/index.js";
import type { ODataError } from "@microsoft/msgraph-sdk/models/oDataErrors/index.js";
import "@microsoft/msgraph-sdk-tenantrelationships";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, newAdminEmail, partnerAdmin, roles, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { mailbox } from "../async/emails-kit";
import { acceptAs, eventually } from "./graph-kit";

function graphClient(runtime: LocalRuntime, token: string): GraphServiceClient {
  const auth = new BaseBearerTokenAuthenticationProvider({
    getAuthorizationToken: async () => token,
    // No hosts listed: every host is allowed, the local runtime's included.
    getAllowedHostsValidator: () => new AllowedHostsValidator()
  });
  const adapter = new GraphRequestAdapter(auth);
  adapter.baseUrl = `${runtime.url}/v1.0`;
  return createGraphServiceClient(adapter);
}

/** The typed error the SDK raises, or a failure if the call succeeded. */
async function odataErrorOf(call: Promise<unknown>): Promise<ODataError> {
  try {
    await call;
  } catch (error) {
    return error as ODataError;
  }
  throw new Error("the call succeeded");
}

const helpdesk = { unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }] };
const etagOf = (resource: DelegatedAdminRelationship | DelegatedAdminAccessAssignment | undefined) =>
  resource?.additionalData?.["@odata.etag"] as string;

describe("Microsoft Graph SDK as the partner's client", () => {
  let runtime: LocalRuntime;
  let graph: GraphServiceClient;
  const partner = demoPartnerTenants[1];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    graph = graphClient(runtime, await tokenFor(runtime, partnerAdmin(partner)));
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const relationships = () => graph.tenantRelationships.delegatedAdminRelationships;

  it("creates, patches with If-Match, locks for approval, gets accepted through the emailed link, filters, and terminates", async () => {
    const tag = `Sdk${randomUUID().slice(0, 6)}`;
    const customerTenantId = randomUUID();
    const adminEmail = newAdminEmail();
    const created = await relationships().post({
      displayName: `${tag} draft`,
      duration: new Duration({ days: 90 }),
      customer: { tenantId: customerTenantId, displayName: "Contoso subsidiary", additionalData: { adminEmail } },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }] },
      autoExtendDuration: new Duration({ days: 0 })
    });
    expect(created?.status).toBe("created");
    expect(created?.additionalData?.partnerType).toBe("partnerWithGdap");
    const id = created?.id as string;

    const patched = await relationships()
      .byDelegatedAdminRelationshipId(id)
      .patch(
        { displayName: `${tag} final`, duration: new Duration({ days: 180 }) },
        { headers: { "If-Match": etagOf(created) } }
      );
    expect(patched?.displayName).toBe(`${tag} final`);
    expect(patched?.duration?.days).toBe(180);

    const lock = await relationships().byDelegatedAdminRelationshipId(id).requests.post({ action: "lockForApproval" });
    expect(lock?.status).toBe("succeeded");
    const link = lock?.additionalData?.invitationLink as string;
    expect(link).toContain("/invitations/");

    const emails = await eventually(
      () => mailbox(runtime),
      (mails) => mails.some((mail) => mail.to.includes(adminEmail))
    );
    const emailed = emails.find((mail) => mail.to.includes(adminEmail));
    const emailedLink = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}/.exec(emailed?.text ?? "")?.[0];
    expect(emailedLink).toBe(link);
    await acceptAs(runtime, customerTenantId, emailedLink as string);
    const active = await eventually(
      () => relationships().byDelegatedAdminRelationshipId(id).get(),
      (read) => read?.status === "active"
    );
    expect(active?.status).toBe("active");
    expect(active?.activatedDateTime).toBeInstanceOf(Date);
    expect(active?.endDateTime).toBeInstanceOf(Date);

    const filters = [
      `status eq 'active' and startswith(displayName, '${tag}')`,
      `displayName eq '${tag} final'`,
      `startswith(displayName, '${tag}')`,
      `customer/tenantId eq '${customerTenantId}'`
    ];
    for (const filter of filters) {
      const found = await relationships().get({ queryParameters: { filter } });
      expect(
        found?.value?.map((r) => r.id),
        filter
      ).toEqual([id]);
    }
    const customers = await graph.tenantRelationships.delegatedAdminCustomers.get({
      queryParameters: { filter: `tenantId eq '${customerTenantId}'` }
    });
    expect(customers?.value?.map((c) => [c.id, c.displayName])).toEqual([[customerTenantId, "Contoso subsidiary"]]);

    const terminate = await relationships().byDelegatedAdminRelationshipId(id).requests.post({ action: "terminate" });
    expect(terminate?.status).toBe("pending");
    const terminated = await eventually(
      () => relationships().byDelegatedAdminRelationshipId(id).get(),
      (read) => read?.status === "terminated"
    );
    expect(terminated?.status).toBe("terminated");
    const request = await relationships()
      .byDelegatedAdminRelationshipId(id)
      .requests.byDelegatedAdminRelationshipRequestId(terminate?.id as string)
      .get();
    expect(request?.status).toBe("succeeded");
  });

  it("assigns two security groups, changes one and deletes the other, reads the operations, and raises the typed error on a stale If-Match", async () => {
    const customerTenantId = randomUUID();
    const created = await relationships().post({
      displayName: `Sdk groups ${randomUUID().slice(0, 6)}`,
      duration: new Duration({ days: 90 }),
      customer: { tenantId: customerTenantId },
      accessDetails: {
        unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }, { roleDefinitionId: roles.userAdministrator }]
      }
    });
    const relationship = relationships().byDelegatedAdminRelationshipId(created?.id as string);
    const lock = await relationship.requests.post({ action: "lockForApproval" });
    await acceptAs(runtime, customerTenantId, lock?.additionalData?.invitationLink as string);
    expect(
      (
        await eventually(
          () => relationship.get(),
          (read) => read?.status === "active"
        )
      )?.status
    ).toBe("active");

    const [groupA, groupB] = [randomUUID(), randomUUID()];
    const first = await relationship.accessAssignments.post({
      accessContainer: { accessContainerId: groupA, accessContainerType: "securityGroup" },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }] },
      additionalData: { label: "Helpdesk" }
    });
    const second = await relationship.accessAssignments.post({
      accessContainer: { accessContainerId: groupB, accessContainerType: "securityGroup" },
      accessDetails: {
        unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }, { roleDefinitionId: roles.userAdministrator }]
      }
    });
    expect(first?.status).toBe("pending");
    expect(first?.additionalData?.label).toBe("Helpdesk");
    expect(first?.createdDateTime).toBeInstanceOf(Date);
    const applied = await eventually(
      () => relationship.accessAssignments.get(),
      (list) => list?.value?.length === 2 && list.value.every((item) => item.status === "active")
    );
    expect(applied?.value?.map((item) => [item.accessContainer?.accessContainerId, item.status])).toEqual([
      [groupA, "active"],
      [groupB, "active"]
    ]);

    const firstItem = relationship.accessAssignments.byDelegatedAdminAccessAssignmentId(first?.id as string);
    const current = await firstItem.get();
    const patched = await firstItem.patch(
      { accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.userAdministrator }] } },
      { headers: { "If-Match": etagOf(current) } }
    );
    expect(patched?.status).toBe("pending");
    const stale = await odataErrorOf(
      firstItem.patch({ accessDetails: helpdesk }, { headers: { "If-Match": etagOf(current) } })
    );
    expect(stale).not.toBeInstanceOf(DefaultApiError);
    expect(stale.responseStatusCode).toBe(412);
    expect(stale.errorEscaped?.code).toBe("preconditionFailed");
    expect(stale.message).toContain("changed since you read it");

    const secondItem = relationship.accessAssignments.byDelegatedAdminAccessAssignmentId(second?.id as string);
    await secondItem.delete({ headers: { "If-Match": etagOf(await secondItem.get()) } });
    expect(
      (
        await eventually(
          () => secondItem.get(),
          (read) => read?.status === "deleted"
        )
      )?.status
    ).toBe("deleted");
    const changed = await eventually(
      () => firstItem.get(),
      (read) => read?.status === "active"
    );
    expect(changed?.accessDetails?.unifiedRoles?.map((role) => role.roleDefinitionId)).toEqual([
      roles.userAdministrator
    ]);

    const operations = await relationship.operations.get();
    const ofAssignments =
      operations?.value?.filter((operation) => operation.operationType === "delegatedAdminAccessAssignmentUpdate") ??
      [];
    expect(
      ofAssignments.map((operation) => [
        JSON.parse(operation.data as string).id,
        JSON.parse(operation.data as string).status,
        operation.status
      ])
    ).toEqual([
      [first?.id, "active", "succeeded"],
      [second?.id, "active", "succeeded"],
      [first?.id, "active", "succeeded"],
      [second?.id, "deleted", "succeeded"]
    ]);
    const activation = operations?.value?.find(
      (operation) => operation.operationType === "delegatedAdminRelationshipUpdate"
    );
    expect(activation?.status).toBe("succeeded");
    expect(
      (await relationship.operations.byDelegatedAdminRelationshipOperationId(activation?.id as string).get())
        ?.lastModifiedDateTime
    ).toBeInstanceOf(Date);

    // A member of group A now holds User Administrator through the changed assignment, and only that.
    const member = await tokenFor(runtime, { tenantId: partner, groups: [groupA] });
    const ask = (roleDefinitionId: string) =>
      call(
        runtime,
        "GET",
        `/api/access?${new URLSearchParams({ partnerTenantId: partner, customerTenantId, roleDefinitionId })}`,
        { token: member }
      );
    expect((await ask(roles.userAdministrator)).body).toMatchObject({
      allowed: true,
      accessAssignmentId: first?.id,
      securityGroupId: groupA
    });
    expect((await ask(roles.helpdeskAdministrator)).body).toEqual({ allowed: false, reason: "notAssigned" });
  });

  it("raises the typed ODataError on a stale If-Match and on an unknown id", async () => {
    const created = await relationships().post({
      displayName: `Sdk ${randomUUID().slice(0, 8)}`,
      duration: new Duration({ days: 30 }),
      accessDetails: helpdesk
    });
    const item = relationships().byDelegatedAdminRelationshipId(created?.id as string);
    await item.patch({ displayName: `Sdk ${randomUUID().slice(0, 8)}` }, { headers: { "If-Match": etagOf(created) } });

    const stale = await odataErrorOf(
      item.patch({ displayName: "Stale" }, { headers: { "If-Match": etagOf(created) } })
    );
    // Graph's error body was read into the typed error (an unreadable body would give DefaultApiError).
    expect(stale).not.toBeInstanceOf(DefaultApiError);
    expect(stale.responseStatusCode).toBe(412);
    expect(stale.errorEscaped?.code).toBe("preconditionFailed");
    expect(stale.errorEscaped?.innerError?.requestId).toEqual(expect.any(String));
    expect(stale.errorEscaped?.innerError?.date).toBeInstanceOf(Date);
    expect(stale.message).toContain("changed since you read it");

    const unknown = await odataErrorOf(relationships().byDelegatedAdminRelationshipId(randomUUID()).get());
    expect(unknown.responseStatusCode).toBe(404);
    expect(unknown.errorEscaped?.code).toBe("notFound");
  });

  it("pages a list by following @odata.nextLink", async () => {
    const tag = `Page${randomUUID().slice(0, 6)}`;
    for (let n = 0; n < 5; n += 1)
      await relationships().post({
        displayName: `${tag} ${n}`,
        duration: new Duration({ days: 30 }),
        accessDetails: helpdesk
      });
    const seen: string[] = [];
    let page = await relationships().get({
      queryParameters: { filter: `startswith(displayName, '${tag}')`, top: 2, orderby: ["displayName"], count: true }
    });
    expect(page?.odataCount).toBe(5);
    for (;;) {
      seen.push(...(page?.value ?? []).map((r) => r.displayName as string));
      const next = page?.odataNextLink;
      if (!next) break;
      page = await relationships().withUrl(next).get();
    }
    expect(seen).toEqual([0, 1, 2, 3, 4].map((n) => `${tag} ${n}`));
  });
});
