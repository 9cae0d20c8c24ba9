import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPartnerTenants, partnerAdmin, tokenFor } from "../../helpers/api";
import { startApiRuntime } from "../api/customer-api";
import { acceptedOem, autopilotCsv, device, uploadJson } from "../api/devices-kit";
import type { LocalRuntime } from "../../helpers/local-runtime";
import {
  attack,
  csrfOf,
  escapedAttack,
  get,
  mainText,
  post,
  registerHostilePartner,
  signIn,
  wids,
  type Browser,
  type PageResponse
} from "./pages-kit";

const intuneAdministrator = "3a2c62db-5318-420d-8d74-23affee5d9d5";

describe("pages: an OEM's devices for a customer, and the customer's Devices", () => {
  let runtime: LocalRuntime;
  let oem: Browser;
  let oemToken: string;
  const oemTenant = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startApiRuntime();
    oem = await signIn(runtime, { tenantId: oemTenant, partnerAdmin: true, name: "OEM engineer" });
    oemToken = await tokenFor(runtime, partnerAdmin(oemTenant));
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const devicesPage = (customer: string) => `/partner/customers/${customer}/devices`;

  /** Posts the upload form as a browser does: multipart, with the file, the session's CSRF token and this site's Origin. */
  async function upload(
    browser: Browser,
    customer: string,
    csv: string,
    fields: Record<string, string> = {},
    csrf?: string
  ): Promise<PageResponse> {
    const form = new FormData();
    form.set("csrf", csrf ?? csrfOf((await get(runtime, devicesPage(customer), browser)).text));
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set("file", new Blob([csv], { type: "text/csv" }), "devices.csv");
    const response = await fetch(`${runtime.url}${devicesPage(customer)}`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { cookie: browser.cookie, origin: runtime.url }
    });
    return {
      status: response.status,
      headers: response.headers,
      text: await response.text(),
      location: response.headers.get("location")
    };
  }

  it("shows an OEM the upload form and an empty list, under the pages' security headers", async () => {
    const { customerTenantId } = await acceptedOem(runtime, oemToken);
    const page = await get(runtime, devicesPage(customerTenantId), oem);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toMatch(/<input type="file" id="file" name="file" accept="\.csv,text\/csv" required/);
    expect(mainText(page.text)).toContain(`Customer tenant ID ${customerTenantId}`);
    expect(mainText(page.text)).toContain("None yet.");
  });

  it("uploads a CSV file: each line's outcome, the counts, and the devices listed, escaped", async () => {
    const { customerTenantId } = await acceptedOem(runtime, oemToken);
    const known = device();
    await uploadJson(runtime, oemToken, customerTenantId, [known]);
    const fresh = device({ serialNumber: "SN-FRESH-1" });

    const response = await upload(oem, customerTenantId, autopilotCsv([fresh, known, fresh]), {
      manufacturer: attack,
      model: "Book 3"
    });

    expect(response.status).toBe(200);
    const text = mainText(response.text);
    expect(text).toContain("1 registered, 2 already registered (not written again).");
    expect(text).toMatch(
      /2 SN-FRESH-1 Registered 3 SN-\w+ Already registered by you on \d+ \w+ \d{4} 4 SN-FRESH-1 Duplicate: the same device as line 2/
    );
    expect(response.text).toContain(escapedAttack);
    expect(response.text).not.toContain(attack);
    const listed = await get(runtime, devicesPage(customerTenantId), oem);
    expect(mainText(listed.text)).toMatch(/SN-FRESH-1 .* Book 3/);
  });

  it("refuses a file with malformed lines with 400, naming each, and registers none of them", async () => {
    const { customerTenantId } = await acceptedOem(runtime, oemToken);
    const csv = autopilotCsv([
      device({ serialNumber: "SN-GOOD" }),
      device({ hardwareHash: "QUJD" }),
      device({ serialNumber: "SN\u0007" })
    ]);

    const response = await upload(oem, customerTenantId, csv, { manufacturer: "Contoso", model: "Book" });

    expect(response.status).toBe(400);
    const text = mainText(response.text);
    expect(text).toContain("Nothing was registered.");
    expect(text).toContain("Line 3, Hardware Hash: must be 256 to 8192 base64 characters");
    expect(text).toContain("Line 4, Device Serial Number: may hold only printable ASCII");
    expect(response.text).toContain('value="Contoso"');
    expect(mainText((await get(runtime, devicesPage(customerTenantId), oem)).text)).toContain("None yet.");
  });

  it("refuses an upload without the form's CSRF token, and one from another site", async () => {
    const { customerTenantId } = await acceptedOem(runtime, oemToken);
    const csv = autopilotCsv([device()]);
    const forged = await upload(oem, customerTenantId, csv, { manufacturer: "a", model: "b" }, "forged");
    const form = new FormData();
    form.set("csrf", csrfOf((await get(runtime, devicesPage(customerTenantId), oem)).text));
    form.set("file", new Blob([csv]), "devices.csv");
    const crossSite = await fetch(`${runtime.url}${devicesPage(customerTenantId)}`, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: { cookie: oem.cookie, origin: "https://elsewhere.example" }
    });
    expect(forged.status).toBe(403);
    expect(crossSite.status).toBe(403);
    expect(mainText((await get(runtime, devicesPage(customerTenantId), oem)).text)).toContain("None yet.");
  });

  it("shows a reader the list without the form, and refuses a partner without an OEM relationship with 403 and nothing of the customer", async () => {
    const { customerTenantId } = await acceptedOem(runtime, oemToken);
    await uploadJson(runtime, oemToken, customerTenantId, [device({ serialNumber: "SN-READ-ME" })]);
    const reader = await signIn(runtime, { tenantId: oemTenant });
    const stranger = await signIn(runtime, { tenantId: demoPartnerTenants[1], partnerAdmin: true });

    const asReader = await get(runtime, devicesPage(customerTenantId), reader);
    const asStranger = await get(runtime, devicesPage(customerTenantId), stranger);
    const strangerCsrf = csrfOf((await get(runtime, "/partner/invitations", stranger)).text);
    const strangerPost = await upload(
      stranger,
      customerTenantId,
      autopilotCsv([device()]),
      { manufacturer: "a", model: "b" },
      strangerCsrf
    );

    expect(asReader.status).toBe(200);
    expect(mainText(asReader.text)).toContain("SN-READ-ME");
    expect(mainText(asReader.text)).toContain("needs the Partner.Admin app role");
    expect(asReader.text).not.toContain('type="file"');
    expect(asStranger.status).toBe(403);
    expect(mainText(asStranger.text)).toContain("no accepted OEM relationship with this customer");
    expect(asStranger.text).not.toContain("SN-READ-ME");
    expect(strangerPost.status).toBe(403);
    expect((await get(runtime, `/partner/customers/not-a-tenant/devices`, oem)).status).toBe(404);
  });

  it("links an accepted OEM relationship's row on the invitations page to its devices", async () => {
    const { customerTenantId } = await acceptedOem(runtime, oemToken);
    const page = await get(runtime, "/partner/invitations", oem);
    expect(page.text).toContain(`href="/partner/customers/${customerTenantId}/devices" data-action="devices"`);
  });

  describe("the customer's Devices page", () => {
    it("lists each device with the OEM that registered it, escaped, for a device admin; others are told which role is needed", async () => {
      const hostile = await registerHostilePartner(runtime);
      const hostileToken = await tokenFor(runtime, partnerAdmin(hostile));
      const { customerTenantId } = await acceptedOem(runtime, hostileToken);
      await uploadJson(runtime, hostileToken, customerTenantId, [
        device({ serialNumber: "SN-HOSTILE", model: attack })
      ]);
      // The dev sign-in page offers no Intune Administrator box: the session cookie holds a token, as it would after sign-in.
      const intune: Browser = {
        cookie: `pr_session=${await tokenFor(runtime, { tenantId: customerTenantId, wids: [intuneAdministrator], name: "Intune admin" })}`
      };
      const user = await signIn(runtime, { tenantId: customerTenantId });

      const page = await get(runtime, "/devices", intune);
      const refused = await get(runtime, "/devices", user);

      expect(page.status).toBe(200);
      expect(page.text).toContain('<a href="/devices" aria-current="page">Devices</a>');
      expect(page.text).not.toContain(attack);
      const row = /<tr data-row-id="[0-9a-f]{32}">[\s\S]*?<\/tr>/.exec(page.text)?.[0] ?? "";
      expect(row).toContain("SN-HOSTILE");
      expect(row).toContain(escapedAttack);
      expect(row).toContain(`tenant <code>${hostile}</code>`);
      expect(refused.status).toBe(403);
      expect(mainText(refused.text)).toContain("Intune Administrator");
    });

    it("removes a device after the confirmation page, returning to the list, which no longer has it", async () => {
      const { customerTenantId } = await acceptedOem(runtime, oemToken);
      const uploaded = await uploadJson(runtime, oemToken, customerTenantId, [
        device({ serialNumber: "SN-REMOVE-ME" }),
        device({ serialNumber: "SN-KEEP" })
      ]);
      const id = uploaded.body.devices[0]?.id as string;
      const admin = await signIn(runtime, { tenantId: customerTenantId, wids: [wids.billingAdministrator] });
      const other = await signIn(runtime, { tenantId: randomUUID(), wids: [wids.globalAdministrator] });

      const list = await get(runtime, "/devices", admin);
      expect(list.text).toContain(`href="/devices/${id}/remove"`);
      const confirm = await get(runtime, `/devices/${id}/remove`, admin);
      expect(confirm.status).toBe(200);
      expect(mainText(confirm.text)).toContain("Remove this device? Serial number SN-REMOVE-ME");
      expect((await get(runtime, `/devices/${id}/remove`, other)).status).toBe(404);
      expect((await post(runtime, `/devices/${id}/remove`, admin, {})).status).toBe(403);

      const removed = await post(runtime, `/devices/${id}/remove`, admin, { csrf: csrfOf(confirm.text) });

      expect(removed.status).toBe(303);
      expect(removed.location).toBe("/devices?removed=1");
      const after = await get(runtime, "/devices?removed=1", admin);
      expect(mainText(after.text)).toContain("The device was removed.");
      expect(after.text).not.toContain("SN-REMOVE-ME");
      expect(after.text).toContain("SN-KEEP");
      expect((await get(runtime, `/devices/${id}/remove`, admin)).status).toBe(404);
    });
  });
});
