/**
 * Partner onboarding in the browser: a new tenant's Global Administrator applies on "Become a partner", a refused
 * form names each problem, the operator approves on /operator/partners, and the new partner's admin can then invite.
 * Screenshots of each page go to test-results/screenshots/onboarding-*.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalRuntime, type LocalRuntime } from "../helpers/local-runtime";
import { useBrowser } from "./browser";

const operatorTenantLabel = "Partner relationships operations (operator)";

/** On the dev sign-in page: another tenant id, or a listed tenant by its label. */
async function signInAs(
  page: Page,
  who: {
    tenantId?: string;
    tenantLabel?: string;
    name: string;
    globalAdmin?: boolean;
    partnerAdmin?: boolean;
    operator?: boolean;
  }
): Promise<void> {
  await page.waitForURL((url) => url.pathname === "/dev/sign-in");
  if (who.tenantId) {
    await page.getByLabel("Other tenant id", { exact: true }).check();
    await page.getByLabel("Other tenant id (GUID)").fill(who.tenantId);
  } else {
    await page.getByLabel(who.tenantLabel as string, { exact: true }).check();
  }
  await page.getByLabel("User name").fill(who.name);
  if (who.globalAdmin) await page.getByLabel("Global Administrator", { exact: true }).check();
  if (who.partnerAdmin) await page.getByLabel("Partner.Admin", { exact: true }).check();
  if (who.operator) await page.getByLabel(/^Operator/).check();
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/dev/sign-")),
    page.getByRole("button", { name: "Sign in" }).click()
  ]);
}

describe("partner onboarding in the browser", () => {
  let runtime: LocalRuntime;
  const browser = useBrowser({ name: "onboarding" });

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("applies, is approved by the operator, and invites", async () => {
    const { page, newContext, screenshot, allowConsoleErrors } = browser();
    allowConsoleErrors(/status of 400 \(Bad Request\) \(.*\/partner\/apply\)$/);
    const tenantId = randomUUID();
    const name = `Graphic Design Institute ${randomUUID().slice(0, 4).replace(/[0-9]/g, "k")}`;

    await page.goto(`${runtime.url}/partner/apply`);
    await signInAs(page, { tenantId, name: "Gia Global", globalAdmin: true });
    await page.getByLabel("Legal name").fill(`${name} Ltd`);
    await page.getByLabel("Microsoft Partner ID").fill("12");
    await page.getByLabel("Verified domain").fill("graphicdesigninstitute.example");
    await page.getByLabel("Display name").fill("Ｍｉｃｒｏｓｏｆｔ Support");
    await page.getByLabel("Contact name").fill("Gia Global");
    await page.getByLabel("Contact email").fill("gia@graphicdesigninstitute.example");
    await page.getByRole("button", { name: "Apply" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await summary.locator("li").allTextContents()).toEqual([
      "Microsoft Partner ID must be your Microsoft Partner ID (formerly MPN ID): 6 to 10 digits, such as 1234567.",
      expect.stringMatching(/^Display name is reserved: it reads as "Microsoft/)
    ]);
    await screenshot("apply-refused");

    await page.getByLabel("Microsoft Partner ID").fill("4567890");
    await page.getByLabel("Display name").fill(name);
    await Promise.all([page.waitForURL(/submitted=1/), page.getByRole("button", { name: "Apply" }).click()]);
    expect(await page.locator("[data-application-status]").getAttribute("data-application-status")).toBe("inReview");
    await screenshot("apply-in-review");

    const operator = await newContext();
    await operator.page.goto(`${runtime.url}/operator/partners`);
    await signInAs(operator.page, { tenantLabel: operatorTenantLabel, name: "Olga Operator", operator: true });
    const card = operator.page.locator(`li[data-tenant-id="${tenantId}"]`);
    expect(await card.locator("[data-field=legalName]").textContent()).toBe(`${name} Ltd`);
    await screenshot("operator-in-review", operator.page);
    await Promise.all([
      operator.page.waitForURL(/done=approve/),
      card.getByRole("button", { name: "Approve" }).click()
    ]);
    expect(await operator.page.locator("[data-notice=success]").textContent()).toContain(tenantId);

    const partner = await newContext();
    await partner.page.goto(`${runtime.url}/partner/invitations`);
    await signInAs(partner.page, { tenantId, name: "Pat Partner", partnerAdmin: true });
    await partner.page.locator("form.invitation-form").waitFor();
    await screenshot("new-partner-invitations", partner.page);
  });
});
