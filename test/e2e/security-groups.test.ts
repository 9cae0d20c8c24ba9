/**
 * Access through security groups in a real browser: the partner invites on its page, the customer accepts, the
 * partner opens the relationship from its list and assigns a security group on the relationship's page (it turns
 * active without a reload), the customer sees the group and its roles on its relationship page, removes the
 * roles (the dialog says every group loses them), and the partner's page, left open, shows the group deleted.
 * Then the partner's page at phone width and by keyboard.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { call, customerGlobalAdmin, gdapInvitation, partnerAdmin, tokenFor } from "../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../helpers/local-runtime";
import { phone, useBrowser } from "./browser";
import { createInvitationInUi, fitsViewport, markDocument, sameDocument, signIn, tenants, uniqueName } from "./steps";

describe("security groups in the browser", () => {
  let runtime: LocalRuntime;
  const browser = useBrowser({ name: "groups" });

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it("assigns a group on the partner's relationship page, shows it to the customer, and shows it deleted after Remove roles", async () => {
    const { page: partnerPage, newContext, screenshot } = browser();
    const relationshipName = uniqueName("Managed helpdesk");
    const group = randomUUID();

    // The partner invites; the customer's Global Administrator accepts through the emailed link.
    await partnerPage.goto(`${runtime.url}/partner/invitations`);
    await signIn(partnerPage, { tenant: tenants.contoso, name: "Pat Partner", partnerAdmin: true });
    const link = await createInvitationInUi(partnerPage, {
      displayName: relationshipName,
      adminEmail: "admin@tailspin.example",
      customerTenantId: tenants.tailspin.id,
      roles: ["Directory Readers", "Helpdesk Administrator"]
    });
    const customer = await newContext();
    const customerPage = customer.page;
    await customerPage.goto(link);
    await signIn(customerPage, { tenant: tenants.tailspin, name: "Gil Global", roles: ["Global Administrator"] });
    await customerPage.getByLabel("I have read the customer agreement and accept it for my organisation.").check();
    await Promise.all([
      customerPage.waitForURL((url) => url.pathname === "/partner-relationships"),
      customerPage.getByRole("button", { name: "Accept & Authorize" }).click()
    ]);

    // The partner opens the relationship from its list; once it is active the form to assign a group shows by itself.
    await Promise.all([
      partnerPage.waitForURL(/\/partner\/relationships\/[^/]+$/),
      partnerPage.getByRole("link", { name: relationshipName }).click()
    ]);
    await partnerPage.getByRole("heading", { level: 1, name: relationshipName }).waitFor();
    const form = partnerPage.locator("form.assignment-form");
    await form.waitFor({ state: "visible", timeout: 20_000 });
    expect(await partnerPage.locator('.partner-relationship > dl [data-field="status"]').textContent()).toBe("Active");
    expect(await form.getByRole("checkbox").count()).toBe(2);
    await screenshot("partner relationship active", partnerPage);

    // A group is assigned with a label and one of the two roles; it turns active without a reload.
    await form.getByLabel("Security group object ID").fill(group);
    await form.getByLabel("Label (optional)").fill("Helpdesk tier 1");
    await form.getByRole("checkbox", { name: /^Helpdesk Administrator\b/ }).check();
    await Promise.all([
      partnerPage.waitForURL(/done=assigned/),
      form.getByRole("button", { name: "Assign group" }).click()
    ]);
    expect(await partnerPage.locator('[data-notice="assigned"]').textContent()).toContain(
      `Helpdesk tier 1 (group ${group}) was assigned.`
    );
    const row = partnerPage.locator("table.assignments tbody tr", { hasText: group });
    const marker = await markDocument(partnerPage);
    await row.locator('[data-field="status"][data-status="active"]').waitFor({ timeout: 20_000 });
    expect(await row.locator('td[data-label="Roles"]').textContent()).toBe("Helpdesk Administrator");
    await partnerPage
      .locator("table.operations tbody tr", { hasText: "Give Helpdesk tier 1" })
      .locator('[data-status="succeeded"]')
      .waitFor();
    expect(await sameDocument(partnerPage, marker)).toBe(true);
    await screenshot("partner group assigned and active", partnerPage);

    // The customer sees which of the partner's groups holds which role.
    await customerPage.goto(
      `${runtime.url}${new URL(partnerPage.url()).pathname.replace("/partner/relationships/", "/partner-relationships/")}`
    );
    const groups = customerPage.locator("#partner-groups");
    const groupRow = groups.locator("tbody tr", { hasText: group });
    expect(await groupRow.locator(".group-label").textContent()).toBe("Helpdesk tier 1");
    expect(await groupRow.locator('td[data-label="Roles"]').textContent()).toBe("Helpdesk Administrator");
    expect(await groupRow.locator('[data-field="status"]').textContent()).toBe("Active");
    // After the page has refreshed itself, a privileged role still says so.
    await customerPage.waitForTimeout(2_500);
    expect(
      await customerPage
        .locator('[data-field="roles"] li', { hasText: "Helpdesk Administrator" })
        .locator(".tag")
        .textContent()
    ).toBe("Privileged");
    await screenshot("customer sees the partner's group", customerPage);

    // Remove roles: the dialog says every group loses them.
    await customerPage.getByRole("button", { name: "Remove roles" }).click();
    const dialog = customerPage.getByRole("dialog", { name: "Remove roles?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      "and so will every one of its security groups (the 1 security group listed on this page)"
    );
    await screenshot("customer remove roles dialog names the groups", customerPage);
    await Promise.all([customerPage.waitForURL(/removed=1/), dialog.getByRole("button", { name: "Yes" }).click()]);
    await customerPage.locator('[data-field="noRoles"]:not([hidden])').waitFor({ timeout: 20_000 });

    // The partner's page, left open, shows the group deleted and no longer offers the form.
    await row.locator('[data-field="status"][data-status="deleted"]').waitFor({ timeout: 20_000 });
    expect(await row.locator('[data-field="status"]').textContent()).toBe("Deleted");
    expect(await row.locator('[data-action="remove"]').isHidden()).toBe(true);
    await partnerPage.locator('[data-action="assign"][hidden]').waitFor({ state: "attached" });
    expect(await partnerPage.locator('[data-field="assignNote"]').textContent()).toContain(
      "The customer removed this relationship's roles"
    );
    expect(await sameDocument(partnerPage, marker)).toBe(true);
    await screenshot("partner group deleted after remove roles", partnerPage);
  });

  it("fits the relationship page into a phone's width with a refused form and the Change roles page, and removes a group by keyboard through its dialog", async () => {
    const { newContext, screenshot, allowConsoleErrors } = browser();
    const id = await activeRelationship();
    const token = await tokenFor(runtime, partnerAdmin(tenants.contoso.id));
    const group = randomUUID();
    const created = await call<{ id: string }>(runtime, "POST", `/api/relationships/${id}/accessAssignments`, {
      token,
      body: {
        accessContainer: { accessContainerId: group, accessContainerType: "securityGroup" },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" }] },
        label: "A rather long label for the second line helpdesk team"
      }
    });
    expect(created.status, created.text).toBe(201);

    const { page } = await newContext({ viewport: phone });
    await page.goto(`${runtime.url}/partner/relationships/${id}`);
    await signIn(page, { tenant: tenants.contoso, name: "Kim Keyboard", partnerAdmin: true });
    await page.locator('table.assignments [data-field="status"][data-status="active"]').waitFor({ timeout: 20_000 });
    expect(await fitsViewport(page)).toBe(true);
    await screenshot("phone partner relationship", page);

    // The same group again, without roles: every problem is named, the summary links to the field, the form is kept.
    allowConsoleErrors(/status of (400 \(Bad Request\)|409 \(Conflict\)) \(.*\/assignments\)$/);
    const form = page.locator("form.assignment-form");
    await form.getByLabel("Security group object ID").fill(group);
    await form.getByRole("button", { name: "Assign group" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await summary.locator("li").allTextContents()).toEqual(["Choose at least one role for the group."]);
    await form.getByRole("checkbox", { name: /^User Administrator\b/ }).check();
    await form.getByRole("button", { name: "Assign group" }).click();
    await summary.locator("li", { hasText: "This security group already has an access assignment" }).waitFor();
    expect(await form.getByLabel("Security group object ID").inputValue()).toBe(group);
    expect(await form.getByRole("checkbox", { name: /^User Administrator\b/ }).isChecked()).toBe(true);
    await summary.getByRole("link").click();
    expect(await page.locator(":focus").getAttribute("id")).toBe("securityGroupId");
    expect(await fitsViewport(page)).toBe(true);
    await screenshot("phone assign form refused", page);

    await page.goto(`${runtime.url}/partner/relationships/${id}/assignments/${created.body.id}`);
    await page.getByRole("heading", { level: 1, name: "Change roles" }).waitFor();
    expect(await page.getByRole("checkbox", { name: /^Helpdesk Administrator\b/ }).isChecked()).toBe(true);
    expect(await fitsViewport(page)).toBe(true);
    await screenshot("phone change roles", page);
    await page.goto(`${runtime.url}/partner/relationships/${id}`);

    const remove = page.getByRole("button", {
      name: `Remove A rather long label for the second line helpdesk team (group ${group})`
    });
    await remove.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Remove this security group?" });
    await dialog.waitFor();
    expect(await focusIn(page, `#remove-${created.body.id}-dialog[open]`)).toBe(true);
    expect(await page.locator(":focus").textContent()).toBe("No");
    await screenshot("phone remove group dialog", page);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect((await page.locator(":focus").textContent())?.trim()).toBe(
      `Remove A rather long label for the second line helpdesk team (group ${group})`
    );

    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("Shift+Tab");
    expect(await page.locator(":focus").textContent()).toBe("Yes, remove");
    await Promise.all([page.waitForURL(/done=removed/), page.keyboard.press("Enter")]);
    await page
      .locator(`tr[data-row-id="${created.body.id}"] [data-field="status"][data-status="deleted"]`)
      .waitFor({ timeout: 20_000 });
    expect(await fitsViewport(page)).toBe(true);
    await screenshot("phone group removed", page);
  });

  /** A relationship Tailspin accepted through the API, once active. */
  async function activeRelationship(): Promise<string> {
    const agreementVersion = (
      (await call<{ version: string }>(runtime, "GET", "/api/agreement")).body as { version: string }
    ).version;
    const partnerToken = await tokenFor(runtime, partnerAdmin(tenants.contoso.id));
    const created = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
      token: partnerToken,
      body: gdapInvitation({ customer: { adminEmail: "admin@tailspin.example", tenantId: tenants.tailspin.id } })
    });
    expect(created.status, created.text).toBe(201);
    const linkToken = created.body.invitationLink.slice(created.body.invitationLink.lastIndexOf("/") + 1);
    const accepted = await call(runtime, "POST", `/api/invitations/${linkToken}/accept`, {
      token: await tokenFor(runtime, customerGlobalAdmin(tenants.tailspin.id)),
      body: { agreementVersion, acknowledged: true }
    });
    expect(accepted.status, accepted.text).toBe(200);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const current = await call<{ status: string }>(runtime, "GET", `/api/relationships/${created.body.id}`, {
        token: partnerToken
      });
      if (current.body.status === "active") return created.body.id;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("the relationship did not become active");
  }
});

async function focusIn(page: Page, dialog: string): Promise<boolean> {
  return (await page.locator(`${dialog} :focus`).count()) === 1;
}
