import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, partnerAdmin, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  attack,
  csrfOf,
  escapedAttack,
  get,
  hiddenField,
  mainText,
  post,
  signIn,
  wids,
  type Browser,
  type PageResponse
} from "./pages-kit";

const userAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";

describe("pages: relationship templates, the template picker and bulk invitations", () => {
  let runtime: LocalRuntime;
  let partner: Browser;
  const partnerTenantId = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    partner = await signIn(runtime, { tenantId: partnerTenantId, partnerAdmin: true });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  async function upload(
    browser: Browser,
    csv: Buffer | string,
    fields: Record<string, string> = {},
    headers: Record<string, string> = {}
  ): Promise<PageResponse> {
    const page = await get(runtime, "/partner/invitation-batches", browser);
    const form = new FormData();
    form.set("csrf", fields.csrf ?? csrfOf(page.text));
    form.set("idempotencyKey", hiddenField(page.text, "idempotencyKey"));
    form.set("templateId", fields.templateId ?? /<option value="([^"]+)"/.exec(page.text)?.[1] ?? "");
    form.set("csv", new Blob([csv], { type: "text/csv" }), "customers.csv");
    const response = await fetch(`${runtime.url}/partner/invitation-batches`, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { origin: runtime.url, cookie: browser.cookie, ...headers }
    });
    return {
      status: response.status,
      headers: response.headers,
      text: await response.text(),
      location: response.headers.get("location")
    };
  }

  async function templateThroughTheForm(name: string): Promise<string> {
    const page = await get(runtime, "/partner/templates", partner);
    const created = await post(runtime, "/partner/templates", partner, {
      csrf: csrfOf(page.text),
      displayName: name,
      partnerType: "partnerWithGdap",
      role: wids.helpdeskAdministrator,
      durationDays: "90"
    });
    expect(created.status).toBe(303);
    return /\/partner\/templates\/([0-9a-f-]{36})\?created=1$/.exec(created.location ?? "")?.[1] ?? "";
  }

  it("creates a template, names each problem of a refused form, adds a security group on its edit page, refuses a stale save and deletes it", async () => {
    const list = await get(runtime, "/partner/templates", partner);
    expect(list.status).toBe(200);
    const refused = await post(runtime, "/partner/templates", partner, {
      csrf: csrfOf(list.text),
      displayName: "",
      partnerType: "partnerWithGdap",
      durationDays: "999"
    });
    expect(refused.status).toBe(400);
    expect(mainText(refused.text)).toContain("Template name is required.");
    expect(mainText(refused.text)).toContain("Enter the number of days, a whole number from 1 to 730.");

    const name = `Page template ${randomUUID().slice(0, 6)}`;
    const id = await templateThroughTheForm(name);
    const edit = await get(runtime, `/partner/templates/${id}?created=1`, partner);
    expect(mainText(edit.text)).toContain(`The template ${name} was saved.`);
    const group = randomUUID();
    const fields = {
      csrf: csrfOf(edit.text),
      version: hiddenField(edit.text, "version"),
      displayName: name,
      partnerType: "partnerWithGdap",
      role: wids.helpdeskAdministrator,
      durationDays: "90"
    };
    const badGroup = await post(runtime, `/partner/templates/${id}`, partner, {
      ...fields,
      "group-0-id": "not-a-group",
      "group-0-role": wids.helpdeskAdministrator
    });
    expect(badGroup.status).toBe(400);
    expect(mainText(badGroup.text)).toContain(
      "Security group 1, group object id: must be a security group's object id (GUID)."
    );
    const saved = await post(runtime, `/partner/templates/${id}`, partner, {
      ...fields,
      "group-0-id": group,
      "group-0-label": attack,
      "group-0-role": wids.helpdeskAdministrator
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/partner/templates?saved=${id}#template-${id}`);
    const after = await get(runtime, saved.location ?? "", partner);
    expect(after.text).toContain(escapedAttack);
    expect(after.text).not.toContain(attack);
    expect(mainText(after.text)).toContain(`The template ${name} was saved.`);
    // The form still carries version v1: the save made it v2, so the old form changes nothing.
    const stale = await post(runtime, `/partner/templates/${id}`, partner, { ...fields, durationDays: "30" });
    expect(stale.status).toBe(412);
    const deleted = await post(runtime, `/partner/templates/${id}/delete`, partner, {
      csrf: csrfOf(after.text),
      version: "v2"
    });
    expect(deleted.status).toBe(303);
    expect(deleted.location).toBe("/partner/templates?deleted=1");
    expect(mainText((await get(runtime, deleted.location ?? "", partner)).text)).toContain("The template was deleted.");
    expect((await get(runtime, `/partner/templates/${id}`, partner)).status).toBe(404);
    expect((await get(runtime, "/partner/templates/not-an-id", partner)).status).toBe(404);
  });

  it("offers the templates on the invitation form: Fill in from template posts back the template's terms, and the invitation is made on them", async () => {
    const name = `Picker ${randomUUID().slice(0, 6)}`;
    const id = await templateThroughTheForm(name);
    const page = await get(runtime, "/partner/invitations", partner);
    expect(page.text).toContain(
      `<option value="${id}" data-partner-type="partnerWithGdap" data-roles="${wids.helpdeskAdministrator}" data-duration-days="90" data-auto-extend="off">${name}</option>`
    );
    const base = {
      csrf: csrfOf(page.text),
      idempotencyKey: hiddenField(page.text, "idempotencyKey"),
      templateId: id,
      displayName: `From picker ${randomUUID().slice(0, 6)}`,
      adminEmail: `picker-${randomUUID().slice(0, 6)}@customer.example`
    };
    const filled = await post(runtime, "/partner/invitations", partner, {
      ...base,
      intent: "fill",
      partnerType: "partnerWithGdap",
      durationDays: "365"
    });
    expect(filled.status).toBe(200);
    expect(filled.text).toContain(`id="durationDays" name="durationDays" value="90"`);
    expect(filled.text).toMatch(new RegExp(`id="role-${wids.helpdeskAdministrator}"[^>]* checked`));
    // Other terms than the template's are refused next to the field.
    const differs = await post(runtime, "/partner/invitations", partner, {
      ...base,
      partnerType: "partnerWithGdap",
      role: userAdministrator,
      durationDays: "90"
    });
    expect(differs.status).toBe(400);
    expect(mainText(differs.text)).toContain("Admin roles must be as the template says");
    const made = await post(runtime, "/partner/invitations", partner, {
      ...base,
      partnerType: "partnerWithGdap",
      role: wids.helpdeskAdministrator,
      durationDays: "90"
    });
    expect(made.status).toBe(303);
    const relationshipId = /created=([0-9a-f-]{36})/.exec(made.location ?? "")?.[1] ?? "";
    const token = await tokenFor(runtime, partnerAdmin(partnerTenantId));
    expect((await call(runtime, "GET", `/api/relationships/${relationshipId}`, { token })).body).toMatchObject({
      duration: "P90D"
    });
  });

  it("uploads a CSV (semicolons, UTF-16 with a byte-order mark) into a batch, shows it and its live status, and escapes what the rows say", async () => {
    await templateThroughTheForm(`Bulk page ${randomUUID().slice(0, 6)}`);
    const text = `Tenant ID;Admin email;Display name\n${randomUUID()};a-${randomUUID().slice(0, 6)}@customer.example;${attack}\nnot-a-tenant;nobody;\n`;
    const uploaded = await upload(partner, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect(uploaded.status).toBe(303);
    const batchPath = uploaded.location ?? "";
    expect(batchPath).toMatch(/^\/partner\/invitation-batches\/[0-9a-f-]{36}$/);
    const batch = await get(runtime, batchPath, partner);
    expect(batch.status).toBe(200);
    expect(batch.text).toContain(escapedAttack);
    expect(batch.text).not.toContain(attack);
    expect(batch.text).toContain(`data-batch-poll-url="${batchPath}?format=json"`);
    expect(mainText(batch.text)).toContain("tenantId must be the customer's tenant id (a GUID).");
    const status = async () =>
      JSON.parse((await get(runtime, `${batchPath}?format=json`, partner)).text) as {
        status: string;
        finished: boolean;
        counts: { invited: number; failed: number };
        rows: { row: number; outcome: string }[];
      };
    await expect.poll(async () => (await status()).finished, { timeout: 20_000 }).toBe(true);
    expect(await status()).toMatchObject({
      status: "completedWithErrors",
      counts: { invited: 1, failed: 1 },
      rows: [
        { row: 1, outcome: "invited" },
        { row: 2, outcome: "failed" }
      ]
    });
    expect(mainText((await get(runtime, "/partner/invitation-batches", partner)).text)).toContain(
      "Completed with errors"
    );
  });

  it("says what is wrong with a file that is no customer list, and refuses more than 1,000 customers, starting nothing", async () => {
    const before = (await get(runtime, "/partner/invitation-batches", partner)).text.match(/<tr>/g)?.length ?? 0;
    const rows = Array.from({ length: 1001 }, (_, n) => `${randomUUID()},a${n}@customer.example`).join("\n");
    const tooMany = await upload(partner, `tenantId,adminEmail\n${rows}`);
    expect(tooMany.status).toBe(400);
    expect(mainText(tooMany.text)).toContain(
      "The file has 1,001 customers; a batch takes at most 1,000. Split it into several files."
    );
    const noHeader = await upload(partner, `${randomUUID()},a@customer.example\n`);
    expect(mainText(noHeader.text)).toContain("The header row has no tenant id or admin email column.");
    const latin1 = await upload(partner, Buffer.from("tenantId,adminEmail,name\nx,y,Zo\xeb", "latin1"));
    expect(latin1.status).toBe(400);
    expect(mainText(latin1.text)).toContain("is not UTF-8 or UTF-16 text");
    expect((await get(runtime, "/partner/invitation-batches", partner)).text.match(/<tr>/g)?.length ?? 0).toBe(before);
  });

  it("refuses an upload without the form's CSRF token or from another site, offers readers no form, and shows a partner's batch to nobody else", async () => {
    expect((await upload(partner, "tenantId,adminEmail\n", { csrf: "forged" })).status).toBe(403);
    expect((await upload(partner, "tenantId,adminEmail\n", {}, { origin: "https://evil.example" })).status).toBe(403);
    const reader = await signIn(runtime, { tenantId: partnerTenantId });
    const readerPage = await get(runtime, "/partner/invitation-batches", reader);
    expect(readerPage.status).toBe(200);
    expect(readerPage.text).not.toContain('enctype="multipart/form-data"');
    expect(mainText(readerPage.text)).toContain("Sending invitations needs the Partner.Admin app role.");
    const uploaded = await upload(
      partner,
      `tenantId,adminEmail\n${randomUUID()},x-${randomUUID().slice(0, 6)}@customer.example\n`
    );
    const batchPath = uploaded.location ?? "";
    const other = await signIn(runtime, { tenantId: demoPartnerTenants[1], partnerAdmin: true });
    expect((await get(runtime, batchPath, other)).status).toBe(404);
    expect((await get(runtime, `${batchPath}?format=json`, other)).status).toBe(404);
    expect((await get(runtime, `${batchPath}?format=json`)).status).toBe(401);
    expect((await get(runtime, "/partner/invitation-batches/not-an-id", partner)).status).toBe(404);
  });
});
