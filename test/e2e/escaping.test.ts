/**
 * Names are text, never markup: a partner whose profile name and relationship name are both
 * `<img src=x onerror=alert(1)>` shows that text on every page that names them (partner invitations, mailbox,
 * acceptance page, relationships list and details, the directory), as does a security group's label on both sides'
 * relationship pages. No such image element is ever created, and no script runs (the browser helper fails the test
 * on any dialog or console error).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, partnerAdmin, tokenFor } from "../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../helpers/local-runtime";
import { useBrowser } from "./browser";
import { createInvitationInUi, emailBody, injectedImages, openEmail, signIn, tenants } from "./steps";

const evil = "<img src=x onerror=alert(1)>";

describe("names shown as text in the browser", () => {
  let runtime: LocalRuntime;
  const browser = useBrowser({ name: "escaping" });

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    const token = await tokenFor(runtime, partnerAdmin(tenants.fabrikam.id));
    const profile = await call(runtime, "PUT", "/api/partner-profile", {
      token,
      body: {
        name: evil,
        description: `Helpdesk ${evil}`,
        industries: ["Education"],
        locations: ["Germany"],
        partnerTypes: ["partnerWithGdap"],
        contactEmail: "team@fabrikam-it.example"
      }
    });
    expect(profile.status, profile.text).toBe(200);
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it("shows a partner name and a relationship name made of markup as text on every page and in the email", async () => {
    const { page, newContext, screenshot } = browser();
    const adminEmail = "admin@wideworld.example";

    // Partner page: the partner's own name in the lead, the relationship in the created notice and in the list.
    await page.goto(`${runtime.url}/partner/invitations`);
    await signIn(page, { tenant: tenants.fabrikam, name: "Fay Fabrikam", partnerAdmin: true });
    const link = await createInvitationInUi(page, { displayName: evil, adminEmail, roles: ["Helpdesk Administrator"] });
    expect(await page.locator("p.lead").textContent()).toContain(evil);
    expect(await page.locator("#created h2").textContent()).toBe(`Invitation created: ${evil}`);
    expect(await page.locator("tr .relationship-name").first().textContent()).toBe(evil);
    expect(await injectedImages(page)).toBe(0);
    await screenshot("partner invitations", page);

    // The email, in the mailbox list, on the message page and in its HTML body.
    const customer = await newContext();
    const mail = customer.page;
    await openEmail(mail, runtime, adminEmail, evil, async () => {
      expect(await mail.locator("tbody").textContent()).toContain(evil);
      expect(await injectedImages(mail)).toBe(0);
      await screenshot("mailbox list", mail);
    });
    expect(await mail.locator("h1").textContent()).toBe(`${evil} invites you to a partner relationship: ${evil}`);
    const body = await emailBody(mail);
    expect(await body.locator("body").textContent()).toContain(`${evil} would like to work with your organisation`);
    expect(await injectedImages(mail)).toBe(0);
    expect(await injectedImages(body)).toBe(0);
    await screenshot("mailbox message", mail);

    // The acceptance page, for an admin of any tenant (the invitation names none).
    const customerPage = await customer.context.newPage();
    await customerPage.goto(link);
    await signIn(customerPage, { tenant: tenants.wideWorld, name: "Gus Global", roles: ["Global Administrator"] });
    await customerPage.getByRole("heading", { level: 1, name: "Accept agreement & authorize partner" }).waitFor();
    expect(await customerPage.locator('[data-field="partnerName"]').textContent()).toBe(evil);
    expect(await customerPage.locator("dl.facts").textContent()).toContain(`Relationship${evil}`);
    expect(await injectedImages(customerPage)).toBe(0);
    await screenshot("accept page", customerPage);

    // The relationships list and the details.
    await customerPage.getByLabel("I have read the customer agreement and accept it for my organisation.").check();
    await Promise.all([
      customerPage.waitForURL((url) => url.pathname === "/partner-relationships"),
      customerPage.getByRole("button", { name: "Accept & Authorize" }).click()
    ]);
    const row = customerPage.locator("tbody tr").first();
    expect(await row.getByRole("link").textContent()).toBe(evil);
    expect(await row.locator(".muted").textContent()).toBe(evil);
    expect(await injectedImages(customerPage)).toBe(0);
    await screenshot("relationships list", customerPage);
    await Promise.all([customerPage.waitForURL(/\/partner-relationships\/[^/]+$/), row.getByRole("link").click()]);
    expect(await customerPage.locator("h1").textContent()).toBe(evil);
    expect(await customerPage.locator("p.lead").first().textContent()).toBe(evil);
    expect(await injectedImages(customerPage)).toBe(0);
    await screenshot("relationship details", customerPage);

    // A security group labelled with markup: text on the partner's relationship page and on the customer's details.
    const relationshipPath = new URL(customerPage.url()).pathname;
    await page.goto(`${runtime.url}${relationshipPath.replace("/partner-relationships/", "/partner/relationships/")}`);
    expect(await page.locator("h1").textContent()).toBe(evil);
    const form = page.locator("form.assignment-form");
    await form.waitFor({ state: "visible", timeout: 20_000 });
    await form.getByLabel("Security group object ID").fill(randomUUID());
    await form.getByLabel("Label (optional)").fill(evil);
    await form.getByRole("checkbox", { name: /^Helpdesk Administrator\b/ }).check();
    await Promise.all([page.waitForURL(/done=assigned/), form.getByRole("button", { name: "Assign group" }).click()]);
    expect(await page.locator("table.assignments .group-label").textContent()).toBe(evil);
    expect(await page.locator('[data-notice="assigned"] strong').textContent()).toContain(evil);
    expect(await injectedImages(page)).toBe(0);
    await screenshot("partner relationship with a hostile group label", page);
    await customerPage.reload();
    expect(await customerPage.locator("#partner-groups .group-label").textContent()).toBe(evil);
    expect(await customerPage.locator("#remove-roles-dialog").textContent()).toContain(
      "the 1 security group listed on this page"
    );
    expect(await injectedImages(customerPage)).toBe(0);
    await screenshot("relationship details with a hostile group label", customerPage);

    // The public directory.
    await customerPage.goto(`${runtime.url}/partners?partnerType=partnerWithGdap`);
    const card = customerPage
      .locator(".partner-card", { hasText: "Helpdesk" })
      .filter({ has: customerPage.getByRole("heading", { name: evil, exact: true }) });
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain(`Helpdesk ${evil}`);
    expect(await injectedImages(customerPage)).toBe(0);
    await screenshot("directory", customerPage);
  });
});
