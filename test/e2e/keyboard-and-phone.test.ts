/**
 * The pages at phone width (375 × 800: nothing to scroll sideways) and by keyboard alone: the Remove roles dialog
 * keeps focus inside while it is open, and Esc closes it without removing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { call, customerGlobalAdmin, gdapInvitation, partnerAdmin, tokenFor } from "../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../helpers/local-runtime";
import { phone, useBrowser } from "./browser";
import { createInvitationInUi, fitsViewport, signIn, tenants, uniqueName } from "./steps";

describe("pages at phone width and by keyboard", () => {
  let runtime: LocalRuntime;
  const browser = useBrowser({ name: "phone-keyboard" });

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it("fits the partner page, the acceptance page and the relationships list into a phone's width", async () => {
    const { newContext, screenshot } = browser();
    const partner = await newContext({ viewport: phone });
    const name = uniqueName("Phone support");
    await partner.page.goto(`${runtime.url}/partner/invitations`);
    await signIn(partner.page, { tenant: tenants.contoso, name: "Pat Partner", partnerAdmin: true });
    expect(await fitsViewport(partner.page)).toBe(true);
    const link = await createInvitationInUi(
      partner.page,
      { displayName: name, adminEmail: "admin@tailspin.example", roles: ["Global Administrator", "Directory Readers"] },
      async () => {
        expect(await partner.page.locator(".privileged-summary__ga").isVisible()).toBe(true);
        await screenshot("phone partner invitation form", partner.page);
      }
    );
    expect(await fitsViewport(partner.page)).toBe(true);
    await screenshot("phone partner invitations", partner.page);

    const customer = await newContext({ viewport: phone });
    await customer.page.goto(link);
    await signIn(customer.page, { tenant: tenants.tailspin, name: "Gil Global", roles: ["Global Administrator"] });
    await customer.page.getByRole("heading", { level: 1, name: "Accept agreement & authorize partner" }).waitFor();
    expect(await fitsViewport(customer.page)).toBe(true);
    await screenshot("phone accept page", customer.page);

    await customer.page.getByLabel("I have read the customer agreement and accept it for my organisation.").check();
    await Promise.all([
      customer.page.waitForURL((url) => url.pathname === "/partner-relationships"),
      customer.page.getByRole("button", { name: "Accept & Authorize" }).click()
    ]);
    const row = customer.page.locator("tbody tr", { hasText: name });
    await row.locator('[data-field="status"][data-status="active"]').waitFor({ timeout: 20_000 });
    expect(await fitsViewport(customer.page)).toBe(true);
    await screenshot("phone relationships list", customer.page);
  });

  it("keeps focus inside the Remove roles dialog and closes it with Esc, removing nothing", async () => {
    const { page, screenshot } = browser();
    const agreementVersion = (
      (await call<{ version: string }>(runtime, "GET", "/api/agreement")).body as { version: string }
    ).version;
    const partnerToken = await tokenFor(runtime, partnerAdmin(tenants.contoso.id));
    const created = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
      token: partnerToken,
      body: gdapInvitation({ customer: { adminEmail: "admin@tailspin.example", tenantId: tenants.tailspin.id } })
    });
    expect(created.status, created.text).toBe(201);
    const token = created.body.invitationLink.slice(created.body.invitationLink.lastIndexOf("/") + 1);
    const accepted = await call(runtime, "POST", `/api/invitations/${token}/accept`, {
      token: await tokenFor(runtime, customerGlobalAdmin(tenants.tailspin.id)),
      body: { agreementVersion, acknowledged: true }
    });
    expect(accepted.status, accepted.text).toBe(200);

    await page.goto(`${runtime.url}/partner-relationships/${created.body.id}`);
    await signIn(page, { tenant: tenants.tailspin, name: "Kim Keyboard", roles: ["Global Administrator"] });
    const removeRoles = page.getByRole("button", { name: "Remove roles" });
    await removeRoles.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Remove roles?" });
    await dialog.waitFor();
    expect(await focusInDialog(page)).toBe(true);
    await screenshot("keyboard remove roles dialog open", page);

    const visited = new Set<string>();
    for (const key of [
      "Tab",
      "Tab",
      "Tab",
      "Tab",
      "Tab",
      "Shift+Tab",
      "Shift+Tab",
      "Shift+Tab",
      "Shift+Tab",
      "Shift+Tab"
    ]) {
      await page.keyboard.press(key);
      expect(await focusInDialog(page), `focus after ${key}`).toBe(true);
      visited.add((await page.locator(":focus").textContent())?.trim() ?? "");
    }
    expect([...visited].sort()).toEqual(["No", "Yes"]);

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await page.locator("#remove-roles-dialog[open]").count()).toBe(0);
    expect((await page.locator(":focus").textContent())?.trim()).toBe("Remove roles");
    expect(await page.locator('[data-field="roles"]').isVisible()).toBe(true);
    await screenshot("keyboard remove roles dialog closed with esc", page);
  });
});

/** The focused element is inside the open dialog (not the page behind it, nor the dialog box itself). */
async function focusInDialog(page: Page): Promise<boolean> {
  return (await page.locator("#remove-roles-dialog[open] :focus").count()) === 1;
}
