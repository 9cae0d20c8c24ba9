/**
 * Bulk invitations in the browser: a partner saves a template with a security group on the templates page, uploads
 * a CSV of customers on the bulk page and watches the batch go — its progress bar, counts and rows updating without
 * a reload, through a wait for the hourly invitation limit — to the end, with the bad row's reason shown. The pages
 * fit a phone's width and work by keyboard.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalRuntime, type LocalRuntime } from "../helpers/local-runtime";
import { phone, useBrowser } from "./browser";
import { fitsViewport, injectedImages, markDocument, sameDocument, signIn, tenants, uniqueName } from "./steps";

const rows = 130;
// 100 an hour: the batch invites 100, waits for the next hour (a few seconds away on the product clock), then the rest.
const env = { LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: "100", LIMIT_INVITATIONS_PER_PARTNER_PER_DAY: "1000" };
const secondsBeforeTheHour = 15;

describe("bulk invitations in the browser", () => {
  let runtime: LocalRuntime;
  const browser = useBrowser({ name: "bulk" });

  beforeAll(async () => {
    runtime = await startLocalRuntime({ env });
  });

  /** The product's clock a little before an hour ends, so the limit's next window opens while the test watches. */
  async function justBeforeTheHour(): Promise<void> {
    const clock = (await (await fetch(`${runtime.url}/dev/clock`)).json()) as { now: string };
    const now = Date.parse(clock.now);
    const nextHour = Math.ceil((now + 1) / 3_600_000) * 3_600_000;
    await fetch(`${runtime.url}/dev/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: nextHour - now - secondsBeforeTheHour * 1_000 })
    });
  }

  afterAll(async () => {
    await runtime?.stop();
  });

  it("saves a template with a security group, uploads a CSV and shows the batch's progress live, row by row, to the end", async () => {
    const { page, screenshot, newContext } = browser();
    const templateName = uniqueName("Helpdesk bulk");

    // A template, then one of its roles for a security group.
    await page.goto(`${runtime.url}/partner/templates`);
    await signIn(page, { tenant: tenants.contoso, name: "Pat Partner", partnerAdmin: true });
    const form = page.locator("form.template-form");
    await form.getByLabel("Template name").fill(templateName);
    await form.getByText("Privileged roles (17)").click();
    await form.getByRole("checkbox", { name: /^Helpdesk Administrator\b/ }).check();
    await form.getByLabel("Duration (days)").fill("180");
    await Promise.all([
      page.waitForURL(/\/partner\/templates\/[0-9a-f-]{36}\?created=1$/),
      form.getByRole("button", { name: "Create template" }).click()
    ]);
    await page.getByLabel("Group object id").first().fill(randomUUID());
    await page.getByLabel("Label (optional)").first().fill("Tier 1 helpdesk");
    await page.locator("#group-0-role-first").check();
    await Promise.all([
      page.waitForURL(/\/partner\/templates\?saved=/),
      page.getByRole("button", { name: "Save template" }).click()
    ]);
    const templateRow = page.locator("tr", { hasText: templateName });
    expect(await templateRow.textContent()).toContain("Tier 1 helpdesk");
    await screenshot("templates list", page);

    // The CSV: a header, one customer whose name tries markup, one bad row, the rest plain.
    const customers = Array.from(
      { length: rows },
      (_, n) => `${randomUUID()},admin-${n}-${randomUUID().slice(0, 6)}@customer.example,`
    );
    customers[0] = `${randomUUID()},first-${randomUUID().slice(0, 6)}@customer.example,<img src=x onerror=alert(1)>`;
    customers[4] = "not-a-tenant,nobody,";
    await page.getByRole("link", { name: "Bulk invitations" }).click();
    await page.getByLabel("Template").selectOption({ label: templateName });
    await page.getByLabel("Customers (CSV file)").setInputFiles({
      name: "customers.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`Tenant ID,Admin email,Display name\r\n${customers.join("\r\n")}\r\n`)
    });
    await screenshot("upload form", page);
    await justBeforeTheHour();
    await Promise.all([
      page.waitForURL(/\/partner\/invitation-batches\/[0-9a-f-]{36}$/),
      page.getByRole("button", { name: "Start inviting" }).click()
    ]);

    // From here on the page is never reloaded: everything it shows comes from its own polling.
    const marker = await markDocument(page);
    const status = page.locator('[data-field="batchStatus"]');
    const progress = page.locator("#batch-progress");
    expect(await progress.getAttribute("max")).toBe(String(rows));
    await page.locator('[data-field="batchStatus"][data-status="waiting"]').waitFor({ timeout: 30_000 });
    expect(Number(await progress.getAttribute("value"))).toBe(101); // 100 invited and the bad row
    expect(await page.locator('[data-field="waitingText"]').textContent()).toContain("the batch goes on at");
    expect(await page.locator('[data-field="countPending"]').textContent()).toBe(String(rows - 101));
    await screenshot("batch waiting for the hourly limit", page);

    await page
      .locator('[data-field="batchStatus"][data-status="completedWithErrors"]')
      .waitFor({ timeout: (secondsBeforeTheHour + 30) * 1_000 });
    expect(await sameDocument(page, marker)).toBe(true);
    expect(await status.textContent()).toBe("Completed with errors");
    expect(Number(await progress.getAttribute("value"))).toBe(rows);
    expect(await page.locator('[data-field="countInvited"]').textContent()).toBe(String(rows - 1));
    expect(await page.locator('[data-field="waitingText"]').isHidden()).toBe(true);
    const bad = page.locator('[data-batch-row="5"]');
    expect(await bad.locator('[data-field="outcome"]').textContent()).toBe("Not invited");
    expect(await bad.locator('[data-field="detail"]').textContent()).toContain(
      "tenantId must be the customer's tenant id"
    );
    expect(await page.locator('[data-batch-row="130"] [data-field="outcome"]').getAttribute("data-status")).toBe(
      "invited"
    );
    expect(await page.locator("[data-live-region]").textContent()).toContain("Batch completed with errors");
    expect(await injectedImages(page)).toBe(0);
    await screenshot("batch finished", page);

    // The list says the same; at phone width nothing scrolls sideways.
    const mobile = await newContext({ viewport: phone });
    await mobile.page.goto(page.url());
    await signIn(mobile.page, { tenant: tenants.contoso, name: "Pat Partner", partnerAdmin: true });
    await mobile.page.locator('[data-field="batchStatus"]').waitFor();
    expect(await fitsViewport(mobile.page)).toBe(true);
    await screenshot("phone batch", mobile.page);
    await mobile.page.goto(`${runtime.url}/partner/invitation-batches`);
    expect(await fitsViewport(mobile.page)).toBe(true);
    expect(await mobile.page.locator("tr", { hasText: templateName }).textContent()).toContain("Completed with errors");
    await screenshot("phone batches list", mobile.page);
  }, 120_000);

  it("picks a template on the invitation form, which fills in its terms, and works by keyboard", async () => {
    const { page } = browser();
    await page.goto(`${runtime.url}/partner/invitations`);
    await signIn(page, { tenant: tenants.contoso, name: "Pat Partner", partnerAdmin: true });
    const form = page.locator("form.invitation-form");
    expect(await form.getByRole("button", { name: "Fill in from template" }).isHidden()).toBe(true);
    await form.getByLabel("Template").focus();
    // Keyboard: the first template is one arrow away from "No template".
    await page.keyboard.press("ArrowDown");
    await form.getByLabel("Template").dispatchEvent("change");
    expect(await form.getByLabel("Duration (days)").inputValue()).toBe("180");
    expect(await form.getByRole("checkbox", { name: /^Helpdesk Administrator\b/ }).isChecked()).toBe(true);
    expect(await form.getByRole("checkbox", { name: /^User Administrator\b/ }).isChecked()).toBe(false);
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").getAttribute("id")).toBe("displayName");
  });
});
