import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentAgreement } from "../../../shared/domain/agreement";
import { call, customerGlobalAdmin, demoPartnerTenants, partnerAdmin, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { csrfOf, eventually, get, hiddenField, invite, mainText, post, signIn, wids } from "./pages-kit";

describe("pages: Accept agreement & authorize partner", () => {
  let runtime: LocalRuntime;
  const partner = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const apiStatus = async (customer: string, token: string) => {
    const bearer = await tokenFor(runtime, customerGlobalAdmin(customer));
    return (await call<{ status: string }>(runtime, "GET", `/api/invitations/${token}`, { token: bearer })).body.status;
  };

  it("sends someone who is not signed in to sign in, and back to the link afterwards", async () => {
    const { token } = await invite(runtime, partner);
    const page = await get(runtime, `/invitations/${token}`);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/dev/sign-in?returnTo=${encodeURIComponent(`/invitations/${token}`)}`);
  });

  it("shows partner, type, every role with its description, duration, end date, auto-extend, the agreement link and the two buttons", async () => {
    const customer = randomUUID();
    const { token } = await invite(runtime, partner, { duration: "P730D" });
    const ga = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });

    const page = await get(runtime, `/invitations/${token}`, ga);

    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.text).toContain("<h1>Accept agreement &amp; authorize partner</h1>");
    const text = mainText(page.text);
    expect(text).toContain("Contoso Cloud Partners");
    expect(text).toContain("Partner with GDAP access");
    expect(text).toContain("Helpdesk Administrator");
    expect(text).toContain("User Administrator");
    expect(text).toContain("Resets passwords");
    expect(text).toContain("730 days (2 years)");
    expect(text).toMatch(/Ends on \d{1,2} \w+ \d{4} \(if you accept today\)/);
    expect(text).toContain("Auto-extend Off");
    expect(page.text).toContain('href="/customer-agreement/text"');
    expect(page.text).toMatch(/<input type="checkbox" id="acknowledge" name="acknowledged" value="yes" required>/);
    expect(page.text).toContain(
      '<button type="submit" data-requires-checkbox="acknowledge">Accept &amp; Authorize</button>'
    );
    expect(page.text).toContain(">Decline</button>");
    expect(hiddenField(page.text, "agreementVersion")).toBe(currentAgreement.version);
  });

  it("accepts with the box ticked: 303 to the list with a confirmation, and the relationship becomes active", async () => {
    const customer = randomUUID();
    const { id, token } = await invite(runtime, partner);
    const ga = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
    const page = await get(runtime, `/invitations/${token}`, ga);
    const fields = {
      csrf: csrfOf(page.text),
      agreementVersion: currentAgreement.version,
      terms: hiddenField(page.text, "terms"),
      acknowledged: "yes"
    };

    const accepted = await post(runtime, `/invitations/${token}/accept`, ga, fields);

    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe(`/partner-relationships?accepted=${id}`);
    const list = await get(runtime, accepted.location as string, ga);
    expect(list.status).toBe(200);
    expect(mainText(list.text)).toContain("You accepted the customer agreement and authorized Contoso Cloud Partners.");
    const status = await eventually(
      async () => (await get(runtime, `/partner-relationships/${id}/status`, ga)).text,
      (text) => text.includes('"status":"active"')
    );
    expect(JSON.parse(status)).toMatchObject({ id, status: "active", roleCount: 2 });
    // The link is used now: the one "doesn't work" page for anyone else.
    const stranger = await signIn(runtime, { tenantId: randomUUID(), wids: [wids.globalAdministrator] });
    const again = await get(runtime, `/invitations/${token}`, stranger);
    expect(again.status).toBe(404);
    expect(mainText(again.text)).toContain("This invitation link doesn't work");
  });

  it("takes the customer that accepted back to its confirmation when it opens the link again or repeats the accept", async () => {
    const customer = randomUUID();
    const { id, token } = await invite(runtime, partner);
    const ga = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
    const page = await get(runtime, `/invitations/${token}`, ga);
    const fields = {
      csrf: csrfOf(page.text),
      agreementVersion: currentAgreement.version,
      terms: hiddenField(page.text, "terms"),
      acknowledged: "yes"
    };
    expect((await post(runtime, `/invitations/${token}/accept`, ga, fields)).status).toBe(303);

    // The answer to the first POST was lost: the browser sends the same form again.
    const repeated = await post(runtime, `/invitations/${token}/accept`, ga, fields);
    expect(repeated.status).toBe(303);
    expect(repeated.location).toBe(`/partner-relationships?accepted=${id}`);
    const confirmation = await get(runtime, repeated.location as string, ga);
    expect(confirmation.status).toBe(200);
    expect(mainText(confirmation.text)).toContain(
      "You accepted the customer agreement and authorized Contoso Cloud Partners."
    );

    const colleague = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
    const reopened = await get(runtime, `/invitations/${token}`, colleague);
    expect(reopened.status).toBe(303);
    expect(reopened.location).toBe(`/partner-relationships?accepted=${id}`);

    const stranger = await signIn(runtime, { tenantId: randomUUID(), wids: [wids.globalAdministrator] });
    const strangerCsrf = csrfOf(
      (await get(runtime, `/invitations/${(await invite(runtime, partner)).token}`, stranger)).text
    );
    const refused = await post(runtime, `/invitations/${token}/accept`, stranger, { ...fields, csrf: strangerCsrf });
    expect(refused.status).toBe(404);
    expect(refused.text).toContain("<h1>This invitation link doesn&#39;t work</h1>");
  });

  it("refuses an acceptance without the box ticked (400, the page again with the message) and changes nothing", async () => {
    const customer = randomUUID();
    const { token } = await invite(runtime, partner);
    const ga = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
    const page = await get(runtime, `/invitations/${token}`, ga);

    const refused = await post(runtime, `/invitations/${token}/accept`, ga, {
      csrf: csrfOf(page.text),
      agreementVersion: currentAgreement.version
    });

    expect(refused.status).toBe(400);
    expect(refused.text).toContain('role="alert"');
    expect(mainText(refused.text)).toContain("Tick the box to confirm that you have read the customer agreement");
    expect(await apiStatus(customer, token)).toBe("approvalPending");
  });

  it("refuses to accept terms the partner changed after the page was shown (409, the page again), and accepts the new ones", async () => {
    const customer = randomUUID();
    const { id, token } = await invite(runtime, partner);
    const ga = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
    const page = await get(runtime, `/invitations/${token}`, ga);
    const partnerBearer = await tokenFor(runtime, partnerAdmin(partner));
    const read = await call(runtime, "GET", `/api/relationships/${id}`, { token: partnerBearer });
    const changed = await call(runtime, "PATCH", `/api/relationships/${id}`, {
      token: partnerBearer,
      body: { autoExtendDuration: "P180D" },
      headers: { "if-match": read.headers.get("etag") as string }
    });
    expect(changed.status).toBe(200);
    const fields = {
      csrf: csrfOf(page.text),
      agreementVersion: currentAgreement.version,
      terms: hiddenField(page.text, "terms"),
      acknowledged: "yes"
    };

    const refused = await post(runtime, `/invitations/${token}/accept`, ga, fields);

    expect(refused.status).toBe(409);
    expect(mainText(refused.text)).toContain("The partner changed this invitation while you were reading it.");
    expect(mainText(refused.text)).toContain("Auto-extend On");
    expect(await apiStatus(customer, token)).toBe("approvalPending");
    const again = await post(runtime, `/invitations/${token}/accept`, ga, {
      ...fields,
      terms: hiddenField(refused.text, "terms")
    });
    expect(again.status).toBe(303);
  });

  it("refuses a POST without the CSRF token, with another user's token, or from another site (403), and changes nothing", async () => {
    const customer = randomUUID();
    const { token } = await invite(runtime, partner);
    const ga = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
    const other = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
    const page = await get(runtime, `/invitations/${token}`, ga);
    const otherPage = await get(runtime, `/invitations/${token}`, other);
    const fields = { agreementVersion: currentAgreement.version, acknowledged: "yes" };

    const missing = await post(runtime, `/invitations/${token}/accept`, ga, fields);
    const stolen = await post(runtime, `/invitations/${token}/accept`, ga, { ...fields, csrf: csrfOf(otherPage.text) });
    const crossSite = await post(
      runtime,
      `/invitations/${token}/accept`,
      ga,
      { ...fields, csrf: csrfOf(page.text) },
      { origin: "https://evil.example" }
    );
    const fetchSite = await post(
      runtime,
      `/invitations/${token}/accept`,
      ga,
      { ...fields, csrf: csrfOf(page.text) },
      { "sec-fetch-site": "cross-site" }
    );
    const decline = await post(runtime, `/invitations/${token}/decline`, ga, {});

    for (const response of [missing, stolen, crossSite, fetchSite, decline]) {
      expect(response.status).toBe(403);
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
    expect(mainText(missing.text)).toContain("This form has expired or did not come from this site");
    expect(mainText(crossSite.text)).toContain("sent from another site");
    expect(await apiStatus(customer, token)).toBe("approvalPending");
    expect(csrfOf(page.text)).not.toBe(csrfOf(otherPage.text));
  });

  it("tells a Billing Administrator that accepting needs a Global Administrator (403), still offering Decline", async () => {
    const customer = randomUUID();
    const { token } = await invite(runtime, partner);
    const billing = await signIn(runtime, {
      tenantId: customer,
      name: "Bill Billing",
      wids: [wids.billingAdministrator]
    });

    const page = await get(runtime, `/invitations/${token}`, billing);

    expect(page.status).toBe(403);
    const text = mainText(page.text);
    expect(text).toContain("You are signed in as Bill Billing with Billing Administrator.");
    expect(text).toContain("Accepting this relationship needs a Global Administrator.");
    expect(page.text).toContain('data-required-role="Global Administrator"');
    expect(page.text).toMatch(/<a href="\/dev\/sign-out\?returnTo=[^"]+">sign in as another user<\/a>/);
    expect(page.text).not.toContain("Accept &amp; Authorize</button>");
    expect(page.text).toContain(">Decline</button>");

    // The server enforces the same rule on a hand-made POST.
    const forced = await post(runtime, `/invitations/${token}/accept`, billing, {
      csrf: csrfOf(page.text),
      agreementVersion: currentAgreement.version,
      acknowledged: "yes"
    });
    expect(forced.status).toBe(403);
    expect(mainText(forced.text)).toContain("Global Administrator");
    expect(await apiStatus(customer, token)).toBe("approvalPending");

    const declined = await post(runtime, `/invitations/${token}/decline`, billing, { csrf: csrfOf(page.text) });
    expect(declined.status).toBe(303);
    expect(declined.location).toMatch(/^\/partner-relationships\?declined=/);
    expect(mainText((await get(runtime, declined.location as string, billing)).text)).toContain(
      "You declined the invitation from Contoso Cloud Partners."
    );
  });

  it("tells a user without admin roles which role is needed for an invitation without roles (Billing Administrator)", async () => {
    const { token } = await invite(runtime, partner, { partnerType: "reseller", accessDetails: undefined });
    const user = await signIn(runtime, { tenantId: randomUUID(), name: "Una User", wids: [] });
    const page = await get(runtime, `/invitations/${token}`, user);
    expect(page.status).toBe(403);
    expect(mainText(page.text)).toContain("You are signed in as Una User with no admin role.");
    expect(mainText(page.text)).toContain("Accepting this relationship needs a Billing Administrator.");
    expect(page.text).not.toContain(">Decline</button>");
  });

  it("answers an unknown, malformed or foreign link with the same 404 page", async () => {
    const ga = await signIn(runtime, { tenantId: randomUUID(), wids: [wids.globalAdministrator] });
    const { token } = await invite(runtime, partner, {
      customer: { adminEmail: "a@b.example", tenantId: randomUUID() }
    });
    const pages = await Promise.all(
      [`/invitations/${"A".repeat(43)}`, "/invitations/not-a-token", `/invitations/${token}`].map((path) =>
        get(runtime, path, ga)
      )
    );
    for (const page of pages) {
      expect(page.status).toBe(404);
      expect(page.text).toContain("<h1>This invitation link doesn&#39;t work</h1>");
    }
    const open = await invite(runtime, partner);
    const csrf = csrfOf((await get(runtime, `/invitations/${open.token}`, ga)).text);
    const accepted = await post(runtime, `/invitations/${"A".repeat(43)}/accept`, ga, {
      csrf,
      agreementVersion: currentAgreement.version,
      acknowledged: "yes"
    });
    expect(accepted.status).toBe(404);
    expect(accepted.text).toContain("<h1>This invitation link doesn&#39;t work</h1>");
  });
});
