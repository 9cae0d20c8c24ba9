/**
 * The seed's story in a real browser against the real local runtime: a partner invites a customer on the
 * partner page, the email arrives in the mailbox, the customer's Billing Administrator is told a Global
 * Administrator is needed, the Global Administrator accepts and authorizes, watches the relationship become
 * active without reloading, and removes the partner's roles — the relationship stays listed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startLocalRuntime, type LocalRuntime } from "../helpers/local-runtime";
import { useBrowser } from "./browser";
import {
  createInvitationInUi,
  emailBody,
  escapeRegExp,
  markDocument,
  openEmail,
  sameDocument,
  signIn,
  tenants,
  uniqueName
} from "./steps";

describe("invitation story in the browser", () => {
  let runtime: LocalRuntime;
  const browser = useBrowser({ name: "story" });

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it("takes an invitation from the partner page through the mailbox to accepted, active and roles removed", async () => {
    const { page: partnerPage, newContext, screenshot, allowConsoleErrors } = browser();
    const relationshipName = uniqueName("Managed services");
    const adminEmail = "admin@tailspin.example";

    // The partner signs in and opens the invitations page.
    await partnerPage.goto(`${runtime.url}/partner/invitations`);
    await partnerPage.waitForURL(/\/dev\/sign-in/);
    await screenshot("dev sign-in page", partnerPage);
    await signIn(partnerPage, { tenant: tenants.contoso, name: "Pat Partner", partnerAdmin: true });
    expect(new URL(partnerPage.url()).pathname).toBe("/partner/invitations");
    await expectHeading(partnerPage, "Invitations");
    await screenshot("partner invitations empty", partnerPage);

    // Creates an invitation with a least-privileged role and a privileged one: the warnings show.
    const link = await createInvitationInUi(
      partnerPage,
      {
        displayName: relationshipName,
        adminEmail,
        customerTenantId: tenants.tailspin.id,
        roles: ["Directory Readers", "Helpdesk Administrator"],
        durationDays: 180
      },
      async () => {
        expect(await partnerPage.locator(".privileged-summary").isVisible()).toBe(true);
        expect(await partnerPage.getByText("Warning: you picked privileged roles.").isVisible()).toBe(true);
        await screenshot("partner invitation form filled", partnerPage);
      }
    );
    expect(link).toMatch(new RegExp(`^${runtime.url}/invitations/[A-Za-z0-9_-]+$`));
    const created = partnerPage.locator("#created");
    expect(await created.textContent()).toContain(adminEmail);
    const row = partnerPage.locator("tr", { hasText: relationshipName });
    expect(await row.locator("[data-field=status]").textContent()).toBe("Waiting for acceptance");
    expect(await row.textContent()).toMatch(/sent just now/);
    await screenshot("partner invitation created", partnerPage);
    const partnerMarker = await markDocument(partnerPage);

    // The customer's admin finds the email in the mailbox and follows its link.
    const customer = await newContext();
    const mail = customer.page;
    await openEmail(mail, runtime, adminEmail, relationshipName, async () => {
      await screenshot("mailbox list", mail);
    });
    await screenshot("mailbox message", mail);
    const body = await emailBody(mail);
    const emailLink = body.getByRole("link", { name: "Review the invitation" });
    expect(await emailLink.getAttribute("href")).toBe(link);
    const [invitationPage] = await Promise.all([customer.context.waitForEvent("page"), emailLink.click()]);
    await invitationPage.waitForURL(/\/dev\/sign-in/);

    // A Billing Administrator may not accept: the page says a Global Administrator is needed (with status 403).
    allowConsoleErrors(new RegExp(`status of 403 \\(Forbidden\\) \\(${escapeRegExp(link)}\\)$`));
    await signIn(invitationPage, { tenant: tenants.tailspin, name: "Bea Billing", roles: ["Billing Administrator"] });
    expect(invitationPage.url()).toBe(link);
    await expectHeading(invitationPage, "You need a different admin role");
    expect(await invitationPage.locator("main").textContent()).toContain("Global Administrator");
    await screenshot("accept page billing administrator told global administrator needed", invitationPage);

    // Signed in as a Global Administrator: the acceptance page, with the button disabled until the box is ticked.
    await Promise.all([
      invitationPage.waitForURL(/\/dev\/sign-in/),
      invitationPage.getByRole("link", { name: "sign in as another user" }).click()
    ]);
    await signIn(invitationPage, { tenant: tenants.tailspin, name: "Gil Global", roles: ["Global Administrator"] });
    await expectHeading(invitationPage, "Accept agreement & authorize partner");
    expect(await invitationPage.locator("main").textContent()).toContain("Contoso Cloud Partners");
    const accept = invitationPage.getByRole("button", { name: "Accept & Authorize" });
    expect(await accept.isDisabled()).toBe(true);
    await screenshot("accept page global administrator", invitationPage);
    await invitationPage.getByLabel("I have read the customer agreement and accept it for my organisation.").check();
    expect(await accept.isEnabled()).toBe(true);
    await Promise.all([invitationPage.waitForURL((url) => url.pathname === "/partner-relationships"), accept.click()]);

    // The list shows the partner; it turns active by itself (the page polls), without a reload.
    await expectHeading(invitationPage, "Partner relationships");
    const listRow = invitationPage.locator("tbody tr", { hasText: relationshipName });
    expect(await listRow.textContent()).toContain("Contoso Cloud Partners");
    await screenshot("relationships list just accepted", invitationPage);
    const marker = await markDocument(invitationPage);
    await listRow.locator('[data-field="status"][data-status="active"]').waitFor({ timeout: 20_000 });
    expect(await listRow.locator('[data-field="status"]').textContent()).toBe("Active");
    expect(await sameDocument(invitationPage, marker)).toBe(true);
    await screenshot("relationships list active", invitationPage);

    // The partner's page, left open, has followed along by itself too: active, and nothing left to resend.
    await row.locator('[data-field="status"][data-status="active"]').waitFor({ timeout: 10_000 });
    expect(await sameDocument(partnerPage, partnerMarker)).toBe(true);
    expect(await row.locator('[data-action="resend"]').isHidden()).toBe(true);
    await screenshot("partner invitations active without reload", partnerPage);

    // Details, then Remove roles → "Remove roles?" → Yes: the roles go, the relationship stays.
    await Promise.all([
      invitationPage.waitForURL(/\/partner-relationships\/[^/]+$/),
      listRow.getByRole("link", { name: "Contoso Cloud Partners" }).click()
    ]);
    await expectHeading(invitationPage, "Contoso Cloud Partners");
    expect(await invitationPage.locator('[data-field="roles"]').textContent()).toContain("Helpdesk Administrator");
    await screenshot("relationship details active", invitationPage);
    await invitationPage.getByRole("button", { name: "Remove roles" }).click();
    const dialog = invitationPage.getByRole("dialog", { name: "Remove roles?" });
    await dialog.waitFor();
    await screenshot("remove roles dialog", invitationPage);
    await Promise.all([
      invitationPage.waitForURL(/\/partner-relationships\/[^/]+(\?.*)?$/),
      dialog.getByRole("button", { name: "Yes" }).click()
    ]);
    await invitationPage.locator('[data-field="noRoles"]:not([hidden])').waitFor({ timeout: 20_000 });
    expect(await invitationPage.locator('[data-field="roles"]').isVisible()).toBe(false);
    await screenshot("relationship details roles removed", invitationPage);

    await invitationPage.getByRole("link", { name: "← Partner relationships" }).click();
    await expectHeading(invitationPage, "Partner relationships");
    const stillListed = invitationPage.locator("tbody tr", { hasText: relationshipName });
    expect(await stillListed.count()).toBe(1);
    expect(await stillListed.locator('[data-field="roleCount"]').textContent()).toBe("0");
    await screenshot("relationships list roles removed", invitationPage);

    // After a reload the partner sees the relationship without roles.
    await partnerPage.goto(`${runtime.url}/partner/invitations`);
    const partnerRow = partnerPage.locator("tr", { hasText: relationshipName });
    expect(await partnerRow.textContent()).toContain("Removed by the customer");
    await screenshot("partner invitations after roles removed", partnerPage);
  });
});

async function expectHeading(page: Page, text: string): Promise<void> {
  await page.getByRole("heading", { level: 1, name: text }).waitFor();
}
