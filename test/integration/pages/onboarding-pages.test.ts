import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoOperator } from "../../../local/demo-data";
import { currentAgreement } from "../../../shared/domain/agreement";
import { call, partnerAdmin, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  attack,
  csrfOf,
  escapedAttack,
  get,
  hiddenField,
  invite,
  mainText,
  post,
  signIn,
  wids,
  type Browser
} from "./pages-kit";

/** The form fields of /partner/apply, filled in for one organisation. */
function applyForm(name: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    legalName: `${name} Holdings Ltd`,
    partnerId: "2345678",
    verifiedDomain: `${name.toLowerCase().replace(/[^a-z]+/g, "")}.example`,
    displayName: name,
    contactName: "Ada Admin",
    contactEmail: "ada@partner.example",
    contactPhone: "",
    ...overrides
  };
}

const word = () => randomUUID().slice(0, 6).replace(/[0-9]/g, "q");

describe("pages: Become a partner (/partner/apply) and the operator's review (/operator/partners)", () => {
  let runtime: LocalRuntime;
  let operator: Browser;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    operator = await signIn(runtime, { tenantId: demoOperator.tenantId, name: "Olga Operator", operator: true });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  async function applyThroughPage(tenantId: string, fields: Record<string, string>): Promise<Browser> {
    const admin = await signIn(runtime, { tenantId, wids: [wids.globalAdministrator] });
    const page = await get(runtime, "/partner/apply", admin);
    const sent = await post(runtime, "/partner/apply", admin, { csrf: csrfOf(page.text), ...fields });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe("/partner/apply?submitted=1");
    return admin;
  }

  /** One form of the operator's page (approve, reject, suspend), with its CSRF token and, for an application, ETag. */
  async function operatorForm(
    tenantId: string,
    action: "approve" | "reject" | "suspend",
    view = "inReview"
  ): Promise<Record<string, string>> {
    const page = await get(runtime, `/operator/partners?view=${view}`, operator);
    const form =
      new RegExp(`<form method="post" action="/operator/partners/${tenantId}/${action}"[\\s\\S]*?</form>`).exec(
        page.text
      )?.[0] ?? "";
    if (!form) throw new Error(`no ${action} form for ${tenantId}`);
    return { csrf: csrfOf(form), ...(action === "suspend" ? {} : { etag: hiddenField(form, "etag") }) };
  }

  it("takes an application from a tenant admin, shows it in review, and refuses a form without its CSRF token", async () => {
    const tenantId = randomUUID();
    const admin = await signIn(runtime, { tenantId, wids: [wids.globalAdministrator] });
    const empty = await get(runtime, "/partner/apply", admin);
    expect(empty.status).toBe(200);
    expect(empty.text).toContain("<h1>Become a partner</h1>");
    expect((await post(runtime, "/partner/apply", admin, applyForm(`Tailwind ${word()}`))).status).toBe(403);

    const name = `Tailwind Traders ${word()}`;
    await applyThroughPage(tenantId, applyForm(name));
    const shown = await get(runtime, "/partner/apply?submitted=1", admin);
    expect(shown.text).toContain('data-application-status="inReview"');
    expect(shown.text).toContain(`value="${name} Holdings Ltd"`);
    expect(mainText(shown.text)).toContain("your application is in review");
  });

  it("tells a user without an admin role which role applying needs", async () => {
    const user = await signIn(runtime, { tenantId: randomUUID(), wids: [wids.helpdeskAdministrator] });
    const page = await get(runtime, "/partner/apply", user);
    expect(page.status).toBe(403);
    expect(page.text).toContain('data-required-role="Global Administrator"');
  });

  it("comes back filled in with every problem named next to its field (400), escaping what was typed", async () => {
    const admin = await signIn(runtime, { tenantId: randomUUID(), wids: [wids.globalAdministrator] });
    const page = await get(runtime, "/partner/apply", admin);
    const refused = await post(runtime, "/partner/apply", admin, {
      csrf: csrfOf(page.text),
      ...applyForm("x", {
        legalName: attack,
        partnerId: "12",
        verifiedDomain: "nope",
        displayName: "Microsoft Support"
      })
    });
    expect(refused.status).toBe(400);
    for (const id of ["partnerId", "verifiedDomain", "displayName"])
      expect(refused.text).toMatch(new RegExp(`id="${id}" name="${id}"[^>]*aria-invalid="true"`));
    expect(refused.text).toContain(`value="${escapedAttack}"`);
    expect(refused.text).not.toContain(attack);
    expect(mainText(refused.text)).toContain("The application was not sent");
  });

  it("keeps /operator/partners to operators: anyone else is told the Operator role is needed", async () => {
    const partnerUser = await signIn(runtime, {
      tenantId: randomUUID(),
      wids: [wids.globalAdministrator],
      operator: true
    });
    const refused = await get(runtime, "/operator/partners", partnerUser);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('data-required-role="Operator"');
    const signedOut = await get(runtime, "/operator/partners");
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toContain("/dev/sign-in");
  });

  it("lets an operator approve through the page; the partner then invites from its invitations page", async () => {
    const tenantId = randomUUID();
    const name = `Woodgrove ${word()}`;
    const admin = await applyThroughPage(tenantId, applyForm(name, { legalName: `${attack} Woodgrove Bank` }));
    const list = await get(runtime, "/operator/partners", operator);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`data-tenant-id="${tenantId}"`);
    expect(list.text).toContain(`${escapedAttack} Woodgrove Bank`);
    expect(list.text).not.toContain(attack);

    const form = await operatorForm(tenantId, "approve");
    expect(
      (await post(runtime, `/operator/partners/${tenantId}/approve`, operator, { etag: form.etag ?? "" })).status
    ).toBe(403);
    const approved = await post(runtime, `/operator/partners/${tenantId}/approve`, operator, form);
    expect(approved.status).toBe(303);
    expect(approved.location).toBe(`/operator/partners?view=inReview&done=approve&tenant=${tenantId}`);
    expect((await get(runtime, "/partner/apply", admin)).text).toContain('data-application-status="approved"');

    const partner = await signIn(runtime, { tenantId, partnerAdmin: true });
    const invitations = await get(runtime, "/partner/invitations", partner);
    expect(invitations.text).toContain('action="/partner/invitations"');
    expect(
      (
        await call(runtime, "POST", "/api/relationships", {
          token: await tokenFor(runtime, partnerAdmin(tenantId)),
          body: { partnerType: "reseller", displayName: "Licensing", customer: { adminEmail: "a@b.example" } }
        })
      ).status
    ).toBe(201);
  });

  it("does not approve an application the tenant changed after the operator's page showed it", async () => {
    const tenantId = randomUUID();
    const name = `Relecloud ${word()}`;
    const admin = await applyThroughPage(tenantId, applyForm(name));
    const form = await operatorForm(tenantId, "approve");
    const page = await get(runtime, "/partner/apply", admin);
    await post(runtime, "/partner/apply", admin, {
      csrf: csrfOf(page.text),
      etag: hiddenField(page.text, "etag"),
      ...applyForm(name, { legalName: "Somebody Else Ltd" })
    });
    const stale = await post(runtime, `/operator/partners/${tenantId}/approve`, operator, form);
    expect(stale.status).toBe(412);
    expect(mainText(stale.text)).toContain("Nothing was changed");
    expect((await get(runtime, "/partner/apply", admin)).text).toContain('data-application-status="inReview"');
  });

  it("rejects with a reason through the page, which the applicant reads; an empty reason is refused", async () => {
    const tenantId = randomUUID();
    const admin = await applyThroughPage(tenantId, applyForm(`Contoso Pharmaceuticals ${word()}`));
    const form = await operatorForm(tenantId, "reject");
    expect(
      (await post(runtime, `/operator/partners/${tenantId}/reject`, operator, { ...form, reason: " " })).status
    ).toBe(400);
    const rejected = await post(runtime, `/operator/partners/${tenantId}/reject`, operator, {
      ...form,
      reason: `The Partner ID is not yours ${attack}`
    });
    expect(rejected.status).toBe(303);
    const seen = await get(runtime, "/partner/apply", admin);
    expect(seen.text).toContain('data-application-status="rejected"');
    expect(seen.text).toContain(`The Partner ID is not yours ${escapedAttack}`);
    expect(mainText(seen.text)).toContain("apply again");
  });

  it("suspends a partner through the page: its invitations page then says why and offers no form", async () => {
    const tenantId = randomUUID();
    await applyThroughPage(tenantId, applyForm(`Fourth Coffee ${word()}`));
    expect(
      (await post(runtime, `/operator/partners/${tenantId}/approve`, operator, await operatorForm(tenantId, "approve")))
        .status
    ).toBe(303);
    const suspended = await post(runtime, `/operator/partners/${tenantId}/suspend`, operator, {
      ...(await operatorForm(tenantId, "suspend", "approved")),
      reason: "Under investigation"
    });
    expect(suspended.status).toBe(303);

    const partner = await signIn(runtime, { tenantId, partnerAdmin: true });
    const invitations = await get(runtime, "/partner/invitations", partner);
    expect(mainText(invitations.text)).toContain("suspended by the operator");
    expect(invitations.text).not.toContain('action="/partner/invitations"');
    expect(
      (await get(runtime, "/partner/apply", await signIn(runtime, { tenantId, wids: [wids.globalAdministrator] }))).text
    ).toContain("Under investigation");
  });

  it("shows the customer who the partner is in the relationship list and details", async () => {
    const tenantId = randomUUID();
    const name = `Nod Publishers ${word()}`;
    await applyThroughPage(tenantId, applyForm(name));
    await post(runtime, `/operator/partners/${tenantId}/approve`, operator, await operatorForm(tenantId, "approve"));
    const customer = randomUUID();
    const { id, token } = await invite(runtime, tenantId, {
      customer: { adminEmail: "admin@customer.example", tenantId: customer }
    });
    const ga = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
    const offer = await get(runtime, `/invitations/${token}`, ga);
    const accepted = await post(runtime, `/invitations/${token}/accept`, ga, {
      csrf: csrfOf(offer.text),
      agreementVersion: currentAgreement.version,
      terms: hiddenField(offer.text, "terms"),
      acknowledged: "yes"
    });
    expect(accepted.status).toBe(303);
    const domain = `${name.toLowerCase().replace(/[^a-z]+/g, "")}.example`;

    const list = await get(runtime, "/partner-relationships", ga);
    const row = new RegExp(`<tr data-row-id="${id}"[\\s\\S]*?</tr>`).exec(list.text)?.[0] ?? "";
    expect(mainText(`<main>${row}</main>`)).toContain(`${name} Holdings Ltd · ${domain} · tenant ${tenantId}`);
    const details = mainText((await get(runtime, `/partner-relationships/${id}`, ga)).text);
    expect(details).toContain(`Legal name ${name} Holdings Ltd`);
    expect(details).toContain(`Verified domain ${domain}`);
    expect(details).toContain(`Partner tenant id ${tenantId}`);
  });
});
