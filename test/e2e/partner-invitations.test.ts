/**
 * The partner invitations page beyond the happy path: a refused form names every problem and keeps what was
 * typed; resend, auto-extend, cancel and terminate work from the list, and what no longer applies is refused; readers and
 * non-partners get a clear page; an invitation with fewer than 14 of its 90 days left stands out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, customerGlobalAdmin, gdapInvitation, partnerAdmin, tokenFor } from "../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../helpers/local-runtime";
import { useBrowser } from "./browser";
import { signIn, tenants, uniqueName } from "./steps";

describe("partner invitations page", () => {
  let runtime: LocalRuntime;
  let partnerToken: string;
  const browser = useBrowser({ name: "partner-page" });

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    partnerToken = await tokenFor(runtime, partnerAdmin(tenants.contoso.id));
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  async function invite(
    overrides: Record<string, unknown> = {}
  ): Promise<{ id: string; displayName: string; link: string }> {
    const displayName = uniqueName("Invitation");
    const created = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
      token: partnerToken,
      body: gdapInvitation({ displayName, ...overrides })
    });
    expect(created.status, created.text).toBe(201);
    return { id: created.body.id, displayName, link: created.body.invitationLink };
  }

  async function accept(link: string): Promise<void> {
    const agreementVersion = (
      (await call<{ version: string }>(runtime, "GET", "/api/agreement")).body as { version: string }
    ).version;
    const token = link.slice(link.lastIndexOf("/") + 1);
    const customerToken = await tokenFor(runtime, customerGlobalAdmin(tenants.tailspin.id));
    const accepted = await call(runtime, "POST", `/api/invitations/${token}/accept`, {
      token: customerToken,
      body: { agreementVersion, acknowledged: true }
    });
    expect(accepted.status, accepted.text).toBe(200);
  }

  it("refuses a form with problems, naming each next to its field and keeping what was typed", async () => {
    const { page, screenshot, allowConsoleErrors } = browser();
    allowConsoleErrors(/status of 400 \(Bad Request\) \(.*\/partner\/invitations\)$/);
    await page.goto(`${runtime.url}/partner/invitations`);
    await signIn(page, { tenant: tenants.contoso, name: "Pat Partner", partnerAdmin: true });
    const form = page.locator("form.invitation-form");
    await form.getByLabel("Customer admin email").fill("not-an-email");
    await form.getByLabel("Customer tenant ID (optional)").fill("not-a-tenant");
    await form.getByLabel("Duration (days)").fill("ten");
    await form.getByRole("button", { name: "Create invitation" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await summary.locator("li").allTextContents()).toEqual([
      "Relationship name is required.",
      "Customer admin email must be an email address such as admin@contoso.com.",
      "Customer tenant ID must be a GUID such as 00000000-0000-0000-0000-000000000000, or be left empty so any customer tenant can accept.",
      "Enter the number of days, a whole number from 1 to 730.",
      "A Partner with GDAP access relationship needs at least one role; ask for the fewest that do the job."
    ]);
    expect(await form.getByLabel("Customer admin email").inputValue()).toBe("not-an-email");
    expect(await form.getByLabel("Customer admin email").getAttribute("aria-invalid")).toBe("true");
    await summary.getByRole("link", { name: /^Relationship name/ }).click();
    expect(await page.locator(":focus").getAttribute("id")).toBe("displayName");
    await screenshot("form with problems", page);

    // Global Administrator with auto-extend: refused with the reason, the privileged roles still ticked.
    await form.getByLabel("Relationship name").fill(uniqueName("Full control"));
    await form.getByLabel("Customer admin email").fill("admin@tailspin.example");
    await form.getByLabel("Customer tenant ID (optional)").fill("");
    await form.getByLabel("Duration (days)").fill("30");
    await form.getByText("Privileged roles (17)").click();
    await form.getByRole("checkbox", { name: /^Global Administrator\b/ }).check();
    await form.getByLabel("Auto-extend by 180 days").check();
    expect(await page.locator(".privileged-summary__ga").isVisible()).toBe(true);
    await form.getByRole("button", { name: "Create invitation" }).click();
    await page.locator(".error-summary", { hasText: "Turn auto-extend off" }).waitFor();
    expect(await form.getByRole("checkbox", { name: /^Global Administrator\b/ }).isChecked()).toBe(true);
    await form.getByLabel("Auto-extend by 180 days").uncheck();
    await Promise.all([
      page.waitForURL(/[?&]created=/),
      form.getByRole("button", { name: "Create invitation" }).click()
    ]);
    expect(await page.locator("#created").textContent()).toContain(
      "It asks for privileged roles: Global Administrator."
    );
  });

  it("resends, switches auto-extend, cancels and terminates from the list, and refuses what no longer applies", async () => {
    const { page, screenshot, allowConsoleErrors } = browser();
    const pending = await invite();
    const accepted = await invite({
      customer: { adminEmail: "admin@tailspin.example", tenantId: tenants.tailspin.id }
    });
    const raced = await invite({ customer: { adminEmail: "admin@tailspin.example", tenantId: tenants.tailspin.id } });
    await accept(accepted.link);

    await page.goto(`${runtime.url}/partner/invitations`);
    await signIn(page, { tenant: tenants.contoso, name: "Pat Partner", partnerAdmin: true });
    const rowOf = (invitation: { id: string }) => page.locator(`tr[data-row-id="${invitation.id}"]`);
    const notice = page.locator('.notice[role="status"]');

    await Promise.all([
      page.waitForURL(/done=resend/),
      rowOf(pending)
        .getByRole("button", { name: `Resend the invitation for ${pending.displayName}` })
        .click()
    ]);
    expect(await notice.textContent()).toBe(`The invitation for ${pending.displayName} is being emailed again.`);

    await Promise.all([
      page.waitForURL(/done=auto-extend/),
      rowOf(pending)
        .getByRole("button", { name: `Turn auto-extend on for ${pending.displayName}` })
        .click()
    ]);
    expect(await notice.textContent()).toBe(`Auto-extend is now on for ${pending.displayName}.`);
    expect(await rowOf(pending).locator('td[data-label="Auto-extend"]').textContent()).toBe("On (180 days)");
    await screenshot("auto-extend on", page);
    await Promise.all([
      page.waitForURL(/done=auto-extend/),
      rowOf(pending)
        .getByRole("button", { name: `Turn auto-extend off for ${pending.displayName}` })
        .click()
    ]);
    expect(await rowOf(pending).locator('td[data-label="Auto-extend"]').textContent()).toBe("Off");

    // The customer accepts while the partner looks at the list: cancelling it now is refused, and says why.
    await accept(raced.link);
    allowConsoleErrors(/status of 409 \(Conflict\) \(.*\/cancel\)$/);
    const racedCancel = rowOf(raced).locator('details[data-action="cancel"]');
    await racedCancel.locator("summary").click();
    await racedCancel.getByRole("button", { name: `Cancel invitation ${raced.displayName}` }).click();
    await page
      .locator('.notice[role="alert"]', { hasText: "Nothing was changed: Only a pending invitation can be cancelled" })
      .waitFor();
    expect(await rowOf(raced).locator('[data-field="status"]').textContent()).not.toBe("Waiting for acceptance");
    await screenshot("cancel refused after acceptance", page);

    const cancel = rowOf(pending).locator('details[data-action="cancel"]');
    await cancel.locator("summary").click();
    await Promise.all([
      page.waitForURL(/done=cancel/),
      cancel.getByRole("button", { name: `Cancel invitation ${pending.displayName}` }).click()
    ]);
    expect(await rowOf(pending).locator('[data-field="status"]').textContent()).toBe("Cancelled");
    expect(await rowOf(pending).getByRole("button").count()).toBe(0);

    const terminate = rowOf(accepted).locator('details[data-action="terminate"]');
    await terminate.locator("summary").click();
    await screenshot("terminate confirmation open", page);
    await Promise.all([
      page.waitForURL(/done=terminate/),
      terminate.getByRole("button", { name: `Terminate relationship ${accepted.displayName}` }).click()
    ]);
    expect(await notice.textContent()).toBe(
      `Termination of ${accepted.displayName} was requested; your roles are being removed.`
    );
    expect(["Termination requested", "Terminating", "Terminated"]).toContain(
      await rowOf(accepted).locator('[data-field="status"]').textContent()
    );
    await screenshot("after cancel and terminate", page);
  });

  it("shows a partner user without Partner.Admin the list but no form, and tells a customer the page is for partners", async () => {
    const { page, newContext, screenshot, allowConsoleErrors } = browser();
    const invitation = await invite();
    await page.goto(`${runtime.url}/partner/invitations`);
    await signIn(page, { tenant: tenants.contoso, name: "Rita Reader" });
    expect(await page.locator(`tr[data-row-id="${invitation.id}"]`).count()).toBe(1);
    expect(await page.locator("form.invitation-form").count()).toBe(0);
    expect(await page.getByRole("button").count()).toBe(0);
    expect(await page.locator("#new-invitation").textContent()).toContain("needs the Partner.Admin app role");
    await screenshot("reader", page);

    allowConsoleErrors(/status of 403 \(Forbidden\) \(.*\/partner\/invitations\)$/);
    const customer = await newContext();
    await customer.page.goto(`${runtime.url}/partner/invitations`);
    await signIn(customer.page, { tenant: tenants.tailspin, name: "Gil Global", roles: ["Global Administrator"] });
    await customer.page.getByRole("heading", { level: 1, name: "This page is for partners" }).waitFor();
    expect(await customer.page.locator("main").textContent()).not.toContain(invitation.displayName);
    await screenshot("customer on the partner page", customer.page);
  });

  it("highlights an invitation with fewer than 14 of its 90 days left", async () => {
    const { page, screenshot } = browser();
    const old = await invite();
    await page.goto(`${runtime.url}/partner/invitations`);
    await signIn(page, { tenant: tenants.contoso, name: "Pat Partner", partnerAdmin: true });
    const row = page.locator(`tr[data-row-id="${old.id}"]`);
    expect(await row.getAttribute("class")).toBeNull();
    expect(await row.locator('td[data-label="Invitation"]').textContent()).toContain("expires in 90 days");

    const moved = await call(runtime, "POST", "/dev/clock", { body: { advanceDays: 80 } });
    expect(moved.status).toBe(200);
    try {
      await page.reload();
      expect(await row.getAttribute("class")).toBe("expiring-soon");
      const cell = await row.locator('td[data-label="Invitation"]').textContent();
      expect(cell).toContain("sent 80 days ago");
      expect(cell).toContain("Expiring soon: expires in 10 days");
      await screenshot("expiring soon", page);
    } finally {
      await call(runtime, "POST", "/dev/clock", { body: { reset: true } });
    }
  });
});
