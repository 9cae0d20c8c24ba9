import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleGrantsDocumentId, type RoleGrantsDocument } from "../../../shared/grants/role-grants";
import { containerIds } from "../../../shared/cosmos/containers";
import { call, demoPartnerTenants, roles } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { createAssignment, readAssignment, waitForAssignment } from "../async/assignments-kit";
import { acceptedRelationship, cosmosContainer, partnerToken, waitForStatus } from "../async/grants-kit";
import {
  attack,
  csrfOf,
  escapedAttack,
  eventually,
  get,
  hiddenField,
  invite,
  mainText,
  post,
  signIn,
  wids,
  type Browser
} from "./pages-kit";

type Row = {
  id: string;
  status: string;
  statusLabel: string;
  statusNote?: string;
  actions?: { change: boolean; remove: boolean };
};
type Status = { status: string; actions: { assign: boolean }; fields: { assignNote: string }; rows: Row[] };

const helpdesk = roles.helpdeskAdministrator;
const userAdmin = roles.userAdministrator;

describe("pages: a partner's relationship with its security groups", () => {
  let runtime: LocalRuntime;
  let token: string;
  let admin: Browser;
  let reader: Browser;
  const partner = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    token = await partnerToken(runtime, partner);
    admin = await signIn(runtime, { tenantId: partner, name: "Pat Partner", partnerAdmin: true });
    reader = await signIn(runtime, { tenantId: partner, name: "Rita Reader" });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  /** A relationship its customer accepted, once active (Helpdesk Administrator and User Administrator). */
  async function activeRelationship(): Promise<{ id: string; customerTenantId: string }> {
    const accepted = await acceptedRelationship(runtime, token);
    await waitForStatus(runtime, token, accepted.id, "active");
    return accepted;
  }

  const path = (id: string, rest = "") => `/partner/relationships/${id}${rest}`;
  const status = async (id: string, browser: Browser = admin) =>
    JSON.parse((await get(runtime, path(id, "/status"), browser)).text) as Status;
  /** A fragment of a page as a person reads it. */
  const textOf = (fragment: string) => mainText(`<main>${fragment}</main>`);
  const rowOf = (current: Status, id: string) => current.rows.find((row) => row.id === id);

  async function assign(id: string, fields: Record<string, string | string[]>, browser: Browser = admin) {
    const page = await get(runtime, path(id), browser);
    const form = new URLSearchParams({ csrf: csrfOf(page.text) });
    for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
    const response = await fetch(`${runtime.url}${path(id, "/assignments")}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: runtime.url, cookie: browser.cookie },
      body: form
    });
    return { status: response.status, text: await response.text(), location: response.headers.get("location") };
  }

  /** Any signed-in user's CSRF token, from the "Contact me" form every signed-in user gets. */
  const csrfFor = async (browser: Browser) =>
    csrfOf((await get(runtime, `/partners/${demoPartnerTenants[2]}/contact`, browser)).text);

  it("shows the relationship (status, customer, roles with descriptions, dates, history), links it from the invitations list and offers only its own roles", async () => {
    const { id, customerTenantId } = await activeRelationship();
    const list = await get(runtime, "/partner/invitations", admin);
    expect(list.text).toContain(`href="/partner/relationships/${id}"`);

    const page = await get(runtime, path(id), admin);
    expect(page.status).toBe(200);
    const text = mainText(page.text);
    expect(text).toContain("Status Active");
    expect(text).toContain(`Tenant ${customerTenantId}`);
    expect(text).toMatch(/Helpdesk Administrator Privileged: .+/);
    expect(text).toMatch(/Ends on \d{1,2} \w+ \d{4}/);
    expect(text).toContain("Invitation created by Partner admin");
    expect(page.text).toContain(`data-poll-url="/partner/relationships/${id}/status"`);
    const form =
      /<form method="post" action="\/partner\/relationships\/[^"]+\/assignments"[\s\S]*?<\/form>/.exec(
        page.text
      )?.[0] ?? "";
    const offered = [...form.matchAll(/name="role" value="([^"]+)"/g)].map((match) => match[1]);
    expect(offered.sort()).toEqual([helpdesk, userAdmin].sort());
    expect(form).toContain('<label for="securityGroupId">Security group object ID</label>');
    expect(form).toContain('<label for="label">Label (optional)</label>');
    expect(textOf(form)).toContain("Helpdesk Administrator Privileged role");
    expect(mainText(page.text)).toContain("No security group has been given any of this relationship's roles yet.");
  });

  it("assigns a group (303 with a notice), lists it with its label and roles, and shows it active and its operation succeeded without a reload", async () => {
    const { id } = await activeRelationship();
    const group = randomUUID();

    const assigned = await assign(id, {
      securityGroupId: group.toUpperCase(),
      label: "Helpdesk tier 1",
      role: helpdesk
    });

    expect(assigned.status).toBe(303);
    const assignmentId = /assignment=([0-9a-f-]{36})/.exec(assigned.location ?? "")?.[1] as string;
    expect(assigned.location).toBe(`${path(id)}?done=assigned&assignment=${assignmentId}#assignment-${assignmentId}`);
    const page = await get(runtime, assigned.location as string, admin);
    expect(mainText(page.text)).toContain(`Helpdesk tier 1 (group ${group}) was assigned.`);
    const row =
      new RegExp(`<tr id="assignment-${assignmentId}" data-row-id="${assignmentId}"[\\s\\S]*?</tr>`).exec(
        page.text
      )?.[0] ?? "";
    expect(textOf(row)).toContain(`Helpdesk tier 1 ${group} Helpdesk Administrator`);
    const active = await eventually(
      () => status(id),
      (current) => rowOf(current, assignmentId)?.status === "active"
    );
    expect(rowOf(active, assignmentId)).toMatchObject({
      status: "active",
      statusLabel: "Active",
      actions: { change: true, remove: true }
    });
    const operation = active.rows.find(
      (candidate) =>
        candidate.id !== assignmentId && candidate.statusLabel === "Succeeded" && candidate.status === "succeeded"
    );
    expect(operation).toBeDefined();
    expect(mainText((await get(runtime, path(id), admin)).text)).toContain(
      `Give Helpdesk tier 1 (group ${group}) these roles: Helpdesk Administrator Succeeded`
    );
  });

  it("names each problem by its field and keeps the form as filled in (400), says a group already assigned is a 409, and refuses roles the relationship does not hold", async () => {
    const { id } = await activeRelationship();
    const tooLong = "x".repeat(101);

    const refused = await assign(id, { securityGroupId: "not-a-group", label: tooLong });

    expect(refused.status).toBe(400);
    const summary = /<div class="notice notice--error error-summary"[\s\S]*?<\/div>/.exec(refused.text)?.[0] ?? "";
    expect(textOf(summary)).toBe(
      "The security group was not assigned Security group object ID must be a GUID such as 00000000-0000-0000-0000-000000000000. Label must be at most 100 characters; it has 101. Choose at least one role for the group."
    );
    expect(refused.text).toContain(
      'value="not-a-group" aria-describedby="securityGroupId-hint securityGroupId-error" aria-invalid="true"'
    );
    expect(refused.text).toContain(`value="${tooLong}"`);

    const notHeld = await assign(id, { securityGroupId: randomUUID(), role: roles.globalAdministrator });
    expect(notHeld.status).toBe(400);
    expect(mainText(notHeld.text)).toContain("Global Administrator is not a role of this relationship");

    const group = randomUUID();
    expect((await assign(id, { securityGroupId: group, role: helpdesk })).status).toBe(303);
    const again = await assign(id, { securityGroupId: group, label: "Second try", role: userAdmin });
    expect(again.status).toBe(409);
    expect(mainText(again.text)).toContain("This security group already has an access assignment on this relationship");
    expect(again.text).toContain(
      `value="${group}" aria-describedby="securityGroupId-hint securityGroupId-error" aria-invalid="true"`
    );
    expect(again.text).toContain('value="Second try"');
    expect(again.text).toMatch(new RegExp(`value="${userAdmin}"[^>]* checked`));
  });

  it("changes a group's roles and label on its own page, refuses a stale form (412) and answers every field's problem", async () => {
    const { id } = await activeRelationship();
    const created = await createAssignment(runtime, token, id, randomUUID(), [helpdesk], { label: "Old label" });
    const assignmentId = created.body.id;
    await waitForAssignment(runtime, token, id, assignmentId, "active");

    const edit = await get(runtime, path(id, `/assignments/${assignmentId}`), admin);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain("<h1>Change roles</h1>");
    expect(edit.text).toMatch(new RegExp(`value="${helpdesk}"[^>]* checked`));
    expect(edit.text).not.toMatch(new RegExp(`value="${userAdmin}"[^>]* checked`));
    const fields = { csrf: csrfOf(edit.text), version: hiddenField(edit.text, "version") };

    const empty = await post(runtime, path(id, `/assignments/${assignmentId}`), admin, {
      ...fields,
      label: "Old label"
    });
    expect(empty.status).toBe(400);
    expect(mainText(empty.text)).toContain("The roles were not changed Choose at least one role for the group.");

    const changed = await post(runtime, path(id, `/assignments/${assignmentId}`), admin, {
      ...fields,
      label: "New label",
      role: userAdmin
    });
    expect(changed.status).toBe(303);
    expect(changed.location).toBe(`${path(id)}?done=changed&assignment=${assignmentId}#assignment-${assignmentId}`);
    const now = await waitForAssignment(runtime, token, id, assignmentId, "active");
    expect(now).toMatchObject({
      label: "New label",
      accessDetails: { unifiedRoles: [{ roleDefinitionId: userAdmin }] }
    });

    const stale = await post(runtime, path(id, `/assignments/${assignmentId}`), admin, {
      ...fields,
      label: "Stale label",
      role: helpdesk
    });
    expect(stale.status).toBe(412);
    expect(mainText(stale.text)).toContain("Nothing was changed: someone else changed this security group meanwhile.");
    expect(stale.text).toMatch(new RegExp(`value="${userAdmin}"[^>]* checked`));
    expect((await readAssignment(runtime, token, id, assignmentId)).body.label).toBe("New label");
  });

  it("removes a group after a confirmation: Deleting at once, then Deleted; removing it again is refused (409)", async () => {
    const { id } = await activeRelationship();
    const created = await createAssignment(runtime, token, id, randomUUID(), [helpdesk], { label: "To remove" });
    const assignmentId = created.body.id;
    const page = await get(runtime, path(id), admin);
    expect(page.text).toContain(`data-opens-dialog="remove-${assignmentId}-dialog"`);
    expect(page.text).toContain(`<dialog id="remove-${assignmentId}-dialog"`);

    const confirm = await get(runtime, path(id, `/assignments/${assignmentId}/remove`), admin);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain("<h1>Remove this security group?</h1>");
    expect(mainText(confirm.text)).toContain(
      `Members of To remove (group ${created.body.accessContainer.accessContainerId}) lose Helpdesk Administrator`
    );
    const removed = await post(runtime, path(id, `/assignments/${assignmentId}/remove`), admin, {
      csrf: csrfOf(confirm.text)
    });

    expect(removed.status).toBe(303);
    expect(removed.location).toBe(`${path(id)}?done=removed&assignment=${assignmentId}#assignment-${assignmentId}`);
    const deleted = await eventually(
      () => status(id),
      (current) => rowOf(current, assignmentId)?.status === "deleted"
    );
    expect(rowOf(deleted, assignmentId)).toMatchObject({
      status: "deleted",
      statusLabel: "Deleted",
      actions: { change: false, remove: false }
    });
    const again = await post(runtime, path(id, `/assignments/${assignmentId}/remove`), admin, {
      csrf: csrfOf(confirm.text)
    });
    expect(again.status).toBe(409);
    expect(mainText(again.text)).toContain("Nothing was changed: A deleted access assignment cannot be deleted");
  });

  it("shows a failed operation with its safe message, and the group's error", async () => {
    const { id, customerTenantId } = await activeRelationship();
    // The Helpdesk Administrator grant goes missing from the access document: the group cannot be listed in it.
    const access = cosmosContainer(runtime, containerIds.access);
    const item = access.item(roleGrantsDocumentId(partner, helpdesk), customerTenantId);
    const { resource } = await item.read<RoleGrantsDocument>();
    await item.replace({ ...(resource as RoleGrantsDocument), grants: {} });

    const assigned = await assign(id, { securityGroupId: randomUUID(), role: helpdesk });
    const assignmentId = /assignment=([0-9a-f-]{36})/.exec(assigned.location ?? "")?.[1] as string;
    const failed = await eventually(
      () => status(id),
      (current) => rowOf(current, assignmentId)?.status === "error"
    );

    expect(rowOf(failed, assignmentId)?.statusNote).toContain("Helpdesk Administrator");
    const operation = failed.rows.find((row) => row.status === "failed");
    expect(operation).toMatchObject({
      statusLabel: "Failed",
      statusNote: expect.stringContaining("Helpdesk Administrator")
    });
    const page = await get(runtime, path(id), admin);
    expect(page.text).toMatch(
      new RegExp(
        `data-row-id="${operation?.id}" data-status="failed">[\\s\\S]*?<span class="cell-detail operation-error" data-field="statusNote" data-hide-when-empty>[^<]*Helpdesk Administrator`
      )
    );
  });

  it("says why no group can be assigned before the relationship is active, and refuses an assignment posted anyway (409)", async () => {
    const customerTenantId = randomUUID();
    const { id } = await invite(runtime, partner, {
      customer: { adminEmail: "admin@pending.example", tenantId: customerTenantId }
    });
    const pending = await get(runtime, path(id), admin);
    // The customer's details of a pending relationship have no groups section: no group can hold its roles yet.
    const customer = await signIn(runtime, { tenantId: customerTenantId, wids: [wids.globalAdministrator] });
    const customerDetails = await get(runtime, `/partner-relationships/${id}`, customer);
    expect(customerDetails.status).toBe(200);
    expect(customerDetails.text).not.toContain("partner-groups");
    expect(pending.status).toBe(200);
    expect(mainText(pending.text)).toContain(
      "Security groups can be assigned once the customer has accepted and the relationship is active."
    );
    expect(pending.text).toContain('<div data-action="assign" hidden>');
    expect((await status(id)).actions.assign).toBe(false);
    const refused = await assign(id, { securityGroupId: randomUUID(), role: helpdesk });
    expect(refused.status).toBe(409);
    expect(mainText(refused.text)).toContain(
      "The security group was not assigned: Access can be assigned only on an active relationship; this one is approvalPending."
    );
  });

  it("keeps the page from other partners and customers (not found), shows readers everything but the forms, and refuses their posts", async () => {
    const { id, customerTenantId } = await activeRelationship();
    const created = await createAssignment(runtime, token, id, randomUUID(), [helpdesk], { label: "Readers see me" });

    const stranger = await signIn(runtime, { tenantId: demoPartnerTenants[1], partnerAdmin: true });
    expect((await get(runtime, path(id), stranger)).status).toBe(404);
    expect((await get(runtime, path(id, "/status"), stranger)).status).toBe(404);
    expect((await get(runtime, path(id, `/assignments/${created.body.id}`), stranger)).status).toBe(404);
    const strangerCsrf = await csrfFor(stranger);
    expect(
      (
        await post(runtime, path(id, "/assignments"), stranger, {
          csrf: strangerCsrf,
          securityGroupId: randomUUID(),
          role: helpdesk
        })
      ).status
    ).toBe(404);
    expect(
      (await post(runtime, path(id, `/assignments/${created.body.id}/remove`), stranger, { csrf: strangerCsrf })).status
    ).toBe(404);

    const customer = await signIn(runtime, { tenantId: customerTenantId, wids: [wids.globalAdministrator] });
    const asCustomer = await get(runtime, path(id), customer);
    expect(asCustomer.status).toBe(404);
    expect(mainText(asCustomer.text)).toContain("Not found");

    const asReader = await get(runtime, path(id), reader);
    expect(asReader.status).toBe(200);
    expect(mainText(asReader.text)).toContain("Readers see me");
    expect(asReader.text).not.toContain('<form method="post"');
    expect(asReader.text).not.toContain("Change roles");
    expect(mainText(asReader.text)).toContain("needs the Partner.Admin app role");
    const readerPost = await post(runtime, path(id, "/assignments"), reader, {
      csrf: await csrfFor(reader),
      securityGroupId: randomUUID(),
      role: helpdesk
    });
    expect(readerPost.status).toBe(403);
    expect(mainText(readerPost.text)).toContain(
      "Assigning, changing and removing security groups need the Partner.Admin app role. Nothing was changed."
    );
    expect((await get(runtime, path(id, `/assignments/${created.body.id}`), reader)).status).toBe(403);

    expect((await get(runtime, path(id))).status).toBe(303);
    expect((await get(runtime, path(id, "/status"))).status).toBe(401);
    const listed = await call<{ value: unknown[] }>(runtime, "GET", `/api/relationships/${id}/accessAssignments`, {
      token
    });
    expect(listed.body.value).toHaveLength(1);
  });

  it("refuses an assignment without the CSRF token or from another site, and assigns nothing", async () => {
    const { id } = await activeRelationship();
    const page = await get(runtime, path(id), admin);
    const fields = { securityGroupId: randomUUID(), role: helpdesk };
    expect((await post(runtime, path(id, "/assignments"), admin, fields)).status).toBe(403);
    expect((await post(runtime, path(id, "/assignments"), admin, { ...fields, csrf: "forged" })).status).toBe(403);
    expect(
      (
        await post(
          runtime,
          path(id, "/assignments"),
          admin,
          { ...fields, csrf: csrfOf(page.text) },
          { origin: "https://evil.example" }
        )
      ).status
    ).toBe(403);
    const listed = await call<{ value: unknown[] }>(runtime, "GET", `/api/relationships/${id}/accessAssignments`, {
      token
    });
    expect(listed.body.value).toEqual([]);
  });

  it("shows the customer which groups hold which roles (a hostile label as text); Remove roles says every group loses them, and the partner's page then shows the group deleted", async () => {
    const { id, customerTenantId } = await activeRelationship();
    const group = randomUUID();
    const created = await createAssignment(runtime, token, id, group, [helpdesk], { label: attack });
    await waitForAssignment(runtime, token, id, created.body.id, "active");
    const customer = await signIn(runtime, { tenantId: customerTenantId, wids: [wids.globalAdministrator] });

    const details = await get(runtime, `/partner-relationships/${id}`, customer);
    expect(details.status).toBe(200);
    const groups = /<section id="partner-groups"[\s\S]*?<\/section>/.exec(details.text)?.[0] ?? "";
    expect(groups).toContain(escapedAttack);
    expect(groups).not.toContain(attack);
    expect(textOf(groups)).toContain(`${attack} ${group} Helpdesk Administrator Active`);
    // The history names the groups' work in words, and leaves out the queue's own bookkeeping.
    const history = mainText(details.text).slice(mainText(details.text).indexOf("History"));
    expect(history).toContain("Security group assigned by Partner admin");
    expect(history).toContain("Security group's roles applied");
    expect(history).not.toMatch(/accessAssignment|operationRunning/);
    expect(mainText(details.text)).toContain(
      "and so will every one of its security groups (the 1 security group listed on this page)"
    );
    const confirm = await get(runtime, `/partner-relationships/${id}/remove-roles`, customer);
    expect(mainText(confirm.text)).toContain(
      "and so will every one of its security groups (the 1 security group listed on this page)"
    );
    const partnerPage = await get(runtime, path(id), admin);
    expect(partnerPage.text).toContain(escapedAttack);
    expect(partnerPage.text).not.toContain(attack);

    expect(
      (await post(runtime, `/partner-relationships/${id}/remove-roles`, customer, { csrf: csrfOf(details.text) }))
        .status
    ).toBe(303);

    const after = await eventually(
      () => status(id),
      (current) => rowOf(current, created.body.id)?.status === "deleted"
    );
    expect(rowOf(after, created.body.id)?.status).toBe("deleted");
    expect(after.actions.assign).toBe(false);
    expect(after.fields.assignNote).toBe(
      "The customer removed this relationship's roles, so there are no roles left to give a security group."
    );
    const afterPage = await get(runtime, path(id), admin);
    expect(afterPage.text).not.toContain("assignment-form");
    expect(mainText(afterPage.text)).toContain(
      "Assign a security group The customer removed this relationship's roles, so there are no roles left to give a security group."
    );
    expect(afterPage.text).toMatch(
      new RegExp(`<tr id="assignment-${created.body.id}" data-row-id="${created.body.id}" data-status="deleted">`)
    );
    const customerJson = JSON.parse((await get(runtime, `/partner-relationships/${id}/status`, customer)).text) as {
      rows: Row[];
    };
    expect(customerJson.rows).toEqual([{ id: created.body.id, status: "deleted", statusLabel: "Deleted" }]);
  });
});
