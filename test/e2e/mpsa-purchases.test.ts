/**
 * The MPSA purchase-sharing page in a browser: a customer's Billing Administrator reads what the switch means, opens
 * it, backs out with Esc (nothing changes), turns sharing on with the mouse and off again with the keyboard alone,
 * while the two MPSA partners' views follow; the page fits a phone; and a partner records a purchase on its page.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, partnerAdmin, tokenFor } from "../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../helpers/local-runtime";
import { purchaseBody, recordAs, relationshipWith, type PartnerPage } from "../integration/api/mpsa-kit";
import { phone, useBrowser } from "./browser";
import { fitsViewport, injectedImages, signIn, tenants } from "./steps";

const switchName = "Let my MPSA partners see each other's purchases";

describe("MPSA purchases pages", () => {
  let runtime: LocalRuntime;
  let contosoToken: string;
  let fabrikamToken: string;
  const browser = useBrowser({ name: "mpsa" });
  const customer = tenants.tailspin.id;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    contosoToken = await tokenFor(runtime, partnerAdmin(tenants.contoso.id));
    fabrikamToken = await tokenFor(runtime, partnerAdmin(tenants.fabrikam.id));
    await relationshipWith(runtime, tenants.contoso.id, customer);
    await relationshipWith(runtime, tenants.fabrikam.id, customer);
    const purchases: [string, Record<string, unknown>][] = [
      [contosoToken, { product: "Microsoft 365 E3", quantity: 250, purchaseDate: "2026-09-01" }],
      [contosoToken, { product: "<img src=x onerror=alert(1)> Visio", quantity: 12, purchaseDate: "2026-10-03" }],
      [
        fabrikamToken,
        { product: "Project Plan 3", quantity: 40, agreementNumber: "02M765432", purchaseDate: "2026-10-12" }
      ]
    ];
    for (const [token, values] of purchases)
      expect((await recordAs(runtime, token, customer, purchaseBody(values))).status).toBe(201);
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  const fabrikamSees = async () =>
    (
      await call<PartnerPage>(runtime, "GET", `/api/partner/customers/${customer}/purchases`, { token: fabrikamToken })
    ).body.value
      .map((purchase) => purchase.product)
      .sort();

  it("turns sharing on and off with a confirmation that says what it means, by mouse and by keyboard; the partners' views follow", async () => {
    const { page, screenshot } = browser();
    await page.goto(`${runtime.url}/purchases`);
    await signIn(page, { tenant: tenants.tailspin, name: "Bea Billing", roles: ["Billing Administrator"] });
    await page.getByRole("heading", { level: 1, name: "MPSA purchases" }).waitFor();
    const toggle = page.getByRole("switch", { name: switchName });
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    expect(await page.locator("#sharing-state").textContent()).toBe(
      "Off: each of your MPSA partners sees only the purchases it recorded itself."
    );
    const groups = page.locator(".purchase-group");
    expect(await groups.locator("h3").allTextContents()).toEqual(["Contoso Cloud Partners", "Fabrikam IT Services"]);
    expect(await groups.first().locator(".partner-identity").textContent()).toBe(
      `Legal name: Contoso Cloud Partners Ltd · tenant ${tenants.contoso.id}`
    );
    expect(await injectedImages(page)).toBe(0);
    expect(await fabrikamSees()).toEqual(["Project Plan 3"]);
    await screenshot("customer purchases sharing off", page);

    // Open, read, back out with Esc: nothing changes and focus returns to the switch.
    await toggle.click();
    const dialog = page.getByRole("dialog", { name: "Let your MPSA partners see each other's purchases?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("It will not see who at the other partner recorded it.");
    expect((await page.locator(":focus").textContent())?.trim()).toBe("Cancel");
    await screenshot("customer sharing confirmation", page);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await page.locator(":focus").getAttribute("role")).toBe("switch");
    expect(await toggle.getAttribute("aria-checked")).toBe("false");

    // On, with the mouse.
    await toggle.click();
    await Promise.all([
      page.waitForURL(/[?&]sharing=on/),
      dialog.getByRole("button", { name: "Yes, let them see" }).click()
    ]);
    expect(await page.getByRole("switch", { name: switchName }).getAttribute("aria-checked")).toBe("true");
    expect(await page.getByRole("status").textContent()).toContain("Sharing is on");
    expect(await page.locator('[data-field="sharingChanges"] li').first().textContent()).toMatch(
      /turned on by Bea Billing$/
    );
    expect(await fabrikamSees()).toEqual(["<img src=x onerror=alert(1)> Visio", "Microsoft 365 E3", "Project Plan 3"]);
    await screenshot("customer purchases sharing on", page);

    // Off again, by keyboard alone: Space on the switch, Shift+Tab from Cancel to the confirming button, Enter.
    await page.getByRole("switch", { name: switchName }).focus();
    await page.keyboard.press("Space");
    const offDialog = page.getByRole("dialog", { name: "Stop your MPSA partners seeing each other's purchases?" });
    await offDialog.waitFor();
    await page.keyboard.press("Shift+Tab");
    expect((await page.locator(":focus").textContent())?.trim()).toBe("Yes, stop sharing");
    await Promise.all([page.waitForURL(/[?&]sharing=off/), page.keyboard.press("Enter")]);
    expect(await page.getByRole("switch", { name: switchName }).getAttribute("aria-checked")).toBe("false");
    expect(await page.locator('[data-field="sharingChanges"] li').allTextContents()).toEqual([
      expect.stringMatching(/turned off by Bea Billing$/),
      expect.stringMatching(/turned on by Bea Billing$/)
    ]);
    expect(await fabrikamSees()).toEqual(["Project Plan 3"]);
    await screenshot("customer purchases sharing off again", page);
  });

  it("fits a phone's width, and lets a partner record a purchase on its page", async () => {
    const { newContext, screenshot } = browser();
    const customerView = await newContext({ viewport: phone });
    await customerView.page.goto(`${runtime.url}/purchases`);
    await signIn(customerView.page, { tenant: tenants.tailspin, name: "Gil Global", roles: ["Global Administrator"] });
    await customerView.page.getByRole("switch", { name: switchName }).waitFor();
    expect(await fitsViewport(customerView.page)).toBe(true);
    await screenshot("phone customer purchases", customerView.page);
    await customerView.page.getByRole("switch", { name: switchName }).click();
    await customerView.page.getByRole("dialog").waitFor();
    expect(await fitsViewport(customerView.page)).toBe(true);
    await screenshot("phone sharing confirmation", customerView.page);

    const partnerView = await newContext({ viewport: phone });
    await partnerView.page.goto(`${runtime.url}/partner/invitations`);
    await signIn(partnerView.page, { tenant: tenants.fabrikam, name: "Pat Partner", partnerAdmin: true });
    await Promise.all([
      partnerView.page.waitForURL(/\/purchases$/),
      partnerView.page
        .getByRole("link", { name: /^MPSA purchases/ })
        .first()
        .click()
    ]);
    const form = partnerView.page.locator("form.purchase-form");
    const product = `Teams Premium ${randomUUID().slice(0, 4)}`;
    await form.getByLabel("Product").fill(product);
    await form.getByLabel("Quantity").fill("75");
    await form.getByLabel("Agreement number").fill("02m-765432");
    await form.getByLabel("Purchase date").fill("2026-11-02");
    await Promise.all([
      partnerView.page.waitForURL(/[?&]recorded=/),
      form.getByRole("button", { name: "Record purchase" }).click()
    ]);
    expect(await partnerView.page.locator("#recorded").textContent()).toContain(product);
    const row = partnerView.page.locator("tbody tr", { hasText: product });
    expect(await row.locator("code").textContent()).toBe("02M765432");
    expect(await fitsViewport(partnerView.page)).toBe(true);
    await screenshot("phone partner purchases", partnerView.page);
  });
});
