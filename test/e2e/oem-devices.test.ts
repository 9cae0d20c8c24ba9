/**
 * OEM device registration in the browser: an OEM's engineer uploads an Autopilot CSV through the file input and
 * reads each line's outcome; the customer's admin finds the devices under Devices, sees which OEM registered each,
 * and removes one after the confirmation, by keyboard, and the list fits a phone's width.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentAgreement } from "../../shared/domain/agreement";
import { call, customerGlobalAdmin, newAdminEmail, partnerAdmin, tokenFor, tokenOfLink } from "../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../helpers/local-runtime";
import { phone, useBrowser } from "./browser";
import { fitsViewport, injectedImages, signIn, tenants, uniqueName } from "./steps";

const hash = () => randomBytes(3_000).toString("base64");

describe("OEM devices in the browser", () => {
  let runtime: LocalRuntime;
  let oemToken: string;
  const browser = useBrowser({ name: "oem-devices" });
  const customer = tenants.tailspin;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    oemToken = await tokenFor(runtime, partnerAdmin(tenants.contoso.id));
    const created = await call<{ invitationLink: string }>(runtime, "POST", "/api/relationships", {
      token: oemToken,
      body: {
        partnerType: "oem",
        displayName: uniqueName("Laptops"),
        customer: { adminEmail: newAdminEmail(), tenantId: customer.id }
      }
    });
    expect(created.status, created.text).toBe(201);
    const accepted = await call(
      runtime,
      "POST",
      `/api/invitations/${tokenOfLink(created.body.invitationLink)}/accept`,
      {
        token: await tokenFor(runtime, customerGlobalAdmin(customer.id)),
        body: { agreementVersion: currentAgreement.version, acknowledged: true }
      }
    );
    expect(accepted.status, accepted.text).toBe(200);
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it("uploads an Autopilot CSV through the file input and shows each line's outcome", async () => {
    const { page, screenshot } = browser();
    const known = hash();
    await call(runtime, "POST", `/api/partner/customers/${customer.id}/devices`, {
      token: oemToken,
      body: { devices: [{ hardwareHash: known, serialNumber: "PF-KNOWN", manufacturer: "Contoso", model: "Book" }] }
    });
    await page.goto(`${runtime.url}/partner/invitations`);
    await signIn(page, { tenant: tenants.contoso, name: "Olga OEM", partnerAdmin: true });
    await Promise.all([
      page.waitForURL(/\/partner\/customers\/[^/]+\/devices$/),
      page.locator('a[data-action="devices"]').first().click()
    ]);
    expect(await page.locator("h1").textContent()).toBe("Devices for a customer");

    const csv = [
      "Device Serial Number,Windows Product ID,Hardware Hash",
      `PF-NEW-1,,${hash()}`,
      `PF-KNOWN,,${known}`,
      "PF-NEW-2,3603000000000," + hash(),
      ""
    ].join("\r\n");
    await page
      .getByLabel("Autopilot CSV file")
      .setInputFiles({ name: "devices.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByLabel("Manufacturer", { exact: true }).fill("Contoso");
    await page.getByLabel("Model", { exact: true }).fill("Surface <b>Laptop</b>");
    await page.getByRole("button", { name: "Upload devices" }).click();

    const result = page.locator("[data-upload-result]");
    await result.waitFor();
    expect(await result.locator('[data-field="registeredCount"]').textContent()).toBe("2");
    expect(
      await result
        .locator("tbody tr")
        .evaluateAll((rows) =>
          rows.map((row) => (row as unknown as { innerText: string }).innerText.replace(/\s+/g, " ").trim())
        )
    ).toEqual([
      "2 PF-NEW-1 Registered",
      expect.stringMatching(/^3 PF-KNOWN Already registered by you on \d+ \w+ \d{4}$/),
      "4 PF-NEW-2 Registered"
    ]);
    expect(await page.locator(".device-list tbody tr").count()).toBe(3);
    expect(await page.locator(".device-list").textContent()).toContain("Surface <b>Laptop</b>");
    await screenshot("upload result", page);
  });

  it("lets the customer's admin see which OEM registered each device and remove one by keyboard, at phone width too", async () => {
    const { page, screenshot, newContext } = browser();
    await call(runtime, "POST", `/api/partner/customers/${customer.id}/devices`, {
      token: oemToken,
      body: {
        devices: [
          {
            hardwareHash: hash(),
            serialNumber: "PF-REMOVE",
            manufacturer: "Contoso",
            model: "<img src=x onerror=alert(1)>"
          },
          { hardwareHash: hash(), serialNumber: "PF-STAYS", manufacturer: "Contoso", model: "Book" }
        ]
      }
    });
    await page.goto(`${runtime.url}/partner-relationships`);
    await signIn(page, { tenant: customer, name: "Bea Billing", roles: ["Billing Administrator"] });
    await Promise.all([
      page.waitForURL(/\/devices$/),
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Devices" }).click()
    ]);

    const row = page.locator(".device-list tbody tr", { hasText: "PF-REMOVE" });
    expect(await row.locator('[data-field="registeredBy"]').textContent()).toContain("Contoso Cloud Partners Ltd");
    expect(await row.locator('[data-field="registeredBy"]').textContent()).toContain(tenants.contoso.id);
    expect(await injectedImages(page)).toBe(0);
    await screenshot("devices", page);

    await row.getByRole("link", { name: "Remove device PF-REMOVE" }).focus();
    await Promise.all([page.waitForURL(/\/remove$/), page.keyboard.press("Enter")]);
    expect(await page.locator("h1").textContent()).toBe("Remove this device?");
    await screenshot("remove confirmation", page);
    await page.getByRole("button", { name: "Yes, remove it" }).focus();
    await Promise.all([page.waitForURL(/\/devices\?removed=1$/), page.keyboard.press("Enter")]);
    expect(await page.locator('[data-confirmation="removed"]').textContent()).toContain("The device was removed.");
    expect(await page.locator(".device-list tbody tr", { hasText: "PF-REMOVE" }).count()).toBe(0);
    expect(await page.locator(".device-list tbody tr", { hasText: "PF-STAYS" }).count()).toBe(1);

    const small = await newContext({ viewport: phone });
    await small.context.addCookies(await page.context().cookies());
    await small.page.goto(`${runtime.url}/devices`);
    expect(await fitsViewport(small.page)).toBe(true);
    await screenshot("devices at phone width", small.page);
  });
});
