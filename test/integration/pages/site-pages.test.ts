import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentAgreement } from "../../../shared/domain/agreement";
import { demoPartnerTenants } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  attack,
  csrfOf,
  escapedAttack,
  eventually,
  get,
  hiddenField,
  invite,
  mainText,
  post,
  registerHostilePartner,
  signIn,
  wids,
  type Browser,
  type PageResponse
} from "./pages-kit";

const csp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; connect-src 'self'";

function expectPageHeaders(page: PageResponse): void {
  expect(page.headers.get("content-security-policy")).toBe(csp);
  expect(page.headers.get("x-frame-options")).toBe("DENY");
  expect(page.headers.get("x-content-type-options")).toBe("nosniff");
  expect(page.headers.get("referrer-policy")).toBe("no-referrer");
  expect(page.headers.get("cache-control")).toBe("no-store");
}

/** No inline script, no inline event handler, no style attribute: what the CSP would block anyway. */
function expectNoInlineCode(html: string): void {
  // Attribute values are always double-quoted and escaped, so emptying them leaves only the markup itself.
  const markup = html.replace(/"[^"]*"/g, '""');
  expect(markup).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(markup).not.toMatch(/<[a-z][^>]*\sstyle=/i);
  expect(markup).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
}

describe("pages: sign-in, security headers, escaping, agreement, Find a partner, Contact me, static files", () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  describe("signing in", () => {
    it("shows the dev sign-in form with the demo tenants, another tenant id, a user name, directory roles and Partner.Admin", async () => {
      const page = await get(runtime, "/dev/sign-in?returnTo=/partner-relationships");
      expect(page.status).toBe(200);
      expectPageHeaders(page);
      for (const label of [
        "Tailspin Toys (customer)",
        "Contoso Cloud Partners (partner)",
        "Other tenant id",
        "User name",
        "Global Administrator",
        "Billing Administrator",
        "Helpdesk Administrator",
        "Domain Name Administrator",
        "Partner.Admin"
      ]) {
        expect(page.text).toContain(`>${label}</label>`);
      }
      expect(hiddenField(page.text, "returnTo")).toBe("/partner-relationships");
    });

    it("sets an HttpOnly, SameSite=Lax session cookie and returns only to a path on this site; sign-out clears it", async () => {
      const form = new URLSearchParams({
        tenant: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01",
        name: "Ada",
        returnTo: "/partners?name=x"
      });
      const response = await fetch(`${runtime.url}/dev/sign-in`, { method: "POST", body: form, redirect: "manual" });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/partners?name=x");
      expect(response.headers.get("set-cookie")).toMatch(
        /^pr_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax$/
      );
      for (const evil of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
        const bounced = await fetch(`${runtime.url}/dev/sign-in`, {
          method: "POST",
          body: new URLSearchParams({ tenant: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01", name: "Ada", returnTo: evil }),
          redirect: "manual"
        });
        expect(bounced.headers.get("location")).toBe("/");
      }
      const out = await fetch(`${runtime.url}/dev/sign-out?returnTo=/partners`, { redirect: "manual" });
      expect(out.status).toBe(303);
      expect(out.headers.get("location")).toBe("/partners");
      expect(out.headers.get("set-cookie")).toBe("pr_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    });

    it("sends signed-out visitors of every signed-in page to sign in with a returnTo, and ignores an Easy Auth header when not behind Easy Auth", async () => {
      for (const path of [
        "/partner-relationships",
        `/partner-relationships/${randomUUID()}`,
        "/customer-agreement",
        `/partners/${demoPartnerTenants[0]}/contact`,
        `/invitations/${"A".repeat(43)}`
      ]) {
        const page = await get(runtime, path);
        expect(page.status, path).toBe(303);
        expect(page.location).toBe(`/dev/sign-in?returnTo=${encodeURIComponent(path)}`);
        expectPageHeaders(page);
      }
      const forged = Buffer.from(
        JSON.stringify({
          auth_typ: "aad",
          claims: [
            { typ: "tid", val: randomUUID() },
            { typ: "oid", val: randomUUID() },
            { typ: "wids", val: wids.globalAdministrator }
          ]
        })
      ).toString("base64");
      const page = await get(runtime, "/partner-relationships", undefined, { "x-ms-client-principal": forged });
      expect(page.status).toBe(303);
      const expired = await get(runtime, "/partner-relationships", { cookie: "pr_session=not.a.token" });
      expect(expired.status).toBe(303);
    });

    it("posts to a form only when signed in: a signed-out POST goes to sign in and changes nothing", async () => {
      const response = await post(runtime, "/customer-agreement", undefined, {
        acknowledged: "yes",
        agreementVersion: currentAgreement.version
      });
      expect(response.status).toBe(303);
      expect(response.location).toBe(`/dev/sign-in?returnTo=${encodeURIComponent("/customer-agreement")}`);
    });
  });

  describe("home", () => {
    it("links a customer to its relationships, the agreement and the directory, a partner to its invitations, and a visitor to sign in", async () => {
      const anonymous = await get(runtime, "/");
      expect(anonymous.status).toBe(200);
      expectPageHeaders(anonymous);
      expect(anonymous.text).toContain('href="/dev/sign-in?returnTo=%2F"');
      const customer = await get(
        runtime,
        "/",
        await signIn(runtime, { tenantId: randomUUID(), name: "Cara", wids: [wids.billingAdministrator] })
      );
      for (const href of ["/partner-relationships", "/customer-agreement", "/partners"])
        expect(customer.text).toContain(`href="${href}"`);
      expect(mainText(customer.text)).toContain("You are signed in as Cara with Billing Administrator.");
      const partner = await get(
        runtime,
        "/",
        await signIn(runtime, { tenantId: demoPartnerTenants[0], partnerAdmin: true })
      );
      expect(partner.text).toContain('href="/partner/invitations"');
      expect(mainText(partner.text)).toContain("of the partner Contoso Cloud Partners");
      const missing = await get(runtime, "/no-such-page");
      expect(missing.status).toBe(404);
      expectPageHeaders(missing);
    });
  });

  describe("the customer agreement", () => {
    it("shows the text on its own page to anyone", async () => {
      const page = await get(runtime, "/customer-agreement/text");
      expect(page.status).toBe(200);
      expectPageHeaders(page);
      expect(page.text).toContain(`<h1>${currentAgreement.title}</h1>`);
      expect(page.text).toContain(currentAgreement.sha256);
    });

    it("lets a Billing Administrator accept it (Accept disabled until ticked, refused without the box), then says when and which version", async () => {
      const billing = await signIn(runtime, { tenantId: randomUUID(), wids: [wids.billingAdministrator] });
      const page = await get(runtime, "/customer-agreement", billing);
      expect(page.status).toBe(200);
      expect(page.text).toContain("<h1>Accept the customer agreement</h1>");
      expect(page.text).toContain('<button type="submit" data-requires-checkbox="acknowledge">Accept</button>');
      const fields = { csrf: csrfOf(page.text), agreementVersion: currentAgreement.version };
      const unticked = await post(runtime, "/customer-agreement", billing, fields);
      expect(unticked.status).toBe(400);
      expect(mainText(unticked.text)).toContain("Tick the box");
      const accepted = await post(runtime, "/customer-agreement", billing, { ...fields, acknowledged: "yes" });
      expect(accepted.status).toBe(303);
      expect(accepted.location).toBe("/customer-agreement?accepted=1");
      const after = mainText((await get(runtime, accepted.location as string, billing)).text);
      expect(after).toMatch(
        new RegExp(
          `Thank you. Your organisation accepted the customer agreement on \\d{1,2} \\w+ \\d{4} \\(version ${currentAgreement.version}\\)`
        )
      );
      expect((await get(runtime, "/customer-agreement", billing)).text).not.toContain(">Accept</button>");
    });

    it("names the role a user without one needs", async () => {
      const page = await get(
        runtime,
        "/customer-agreement",
        await signIn(runtime, { tenantId: randomUUID(), name: "Ned", wids: [] })
      );
      expect(page.status).toBe(403);
      expect(mainText(page.text)).toContain("You are signed in as Ned with no admin role.");
      expect(mainText(page.text)).toContain("Billing Administrator");
    });
  });

  describe("Find a partner and Contact me", () => {
    it("filters the directory with a GET form and refuses an unknown partner type with a message (400)", async () => {
      const page = await get(runtime, "/partners?name=fabrikam&partnerType=advisor");
      expect(page.status).toBe(200);
      expectPageHeaders(page);
      expect(page.text).toContain('<form method="get" action="/partners"');
      expect(mainText(page.text)).toContain("Fabrikam IT Services");
      expect(mainText(page.text)).not.toContain("Northwind Licensing");
      expect(page.text).toContain(`href="/partners/${demoPartnerTenants[1]}/contact"`);
      const bad = await get(runtime, "/partners?partnerType=wizard");
      expect(bad.status).toBe(400);
      expect(mainText(bad.text)).toContain("Choose a partner type from the list.");
    });

    it("sends Contact me: messages per field when incomplete (400), then 'The partner will contact you'", async () => {
      const customer = await signIn(runtime, { tenantId: randomUUID(), wids: [] });
      const path = `/partners/${demoPartnerTenants[2]}/contact`;
      const page = await get(runtime, path, customer);
      expect(page.status).toBe(200);
      for (const id of [
        "location",
        "contactName",
        "email",
        "phone",
        "organisationName",
        "organisationSize",
        "industry",
        "businessNeeds"
      ]) {
        expect(page.text).toMatch(new RegExp(`<label for="${id}">`));
      }
      const incomplete = await post(runtime, path, customer, { csrf: csrfOf(page.text), email: "nope" });
      expect(incomplete.status).toBe(400);
      expect(mainText(incomplete.text)).toContain("Enter an email address like name@example.com.");
      expect(incomplete.text).toContain('aria-invalid="true"');
      const fields = {
        csrf: csrfOf(page.text),
        location: "United States",
        contactName: "Ada",
        email: "ada@tailspin.example",
        organisationName: "Tailspin Toys",
        organisationSize: "50-249",
        industry: "Retail",
        businessNeeds: "Licensing for 80 stores."
      };
      expect((await post(runtime, path, customer, { ...fields, csrf: "forged" })).status).toBe(403);
      const sent = await post(runtime, path, customer, fields);
      expect(sent.status).toBe(303);
      expect(sent.location).toBe(`${path}?sent=1`);
      expect(mainText((await get(runtime, sent.location as string, customer)).text)).toContain(
        "Northwind Licensing has your details: the partner will contact you."
      );
      expect((await get(runtime, `/partners/${randomUUID()}/contact`, customer)).status).toBe(404);
    });
  });

  describe("escaping", () => {
    it("shows a hostile partner and relationship name as text on every page", async () => {
      const partner = await registerHostilePartner(runtime);
      const customer = randomUUID();
      const { id, token } = await invite(runtime, partner, { displayName: attack });
      const ga = await signIn(runtime, { tenantId: customer, name: attack, wids: [wids.globalAdministrator] });
      const billing = await signIn(runtime, { tenantId: customer, name: attack, wids: [wids.billingAdministrator] });
      const pages: [string, Browser | undefined][] = [
        [`/partners?name=${encodeURIComponent("<img")}`, undefined],
        [`/partners/${partner}/contact`, ga],
        ["/", ga]
      ];
      const expectEscaped = (path: string, page: Awaited<ReturnType<typeof get>>) => {
        expect(page.status, path).toBeLessThan(500);
        expect(page.text, path).not.toContain("<img src=x");
        expect(page.text, path).toContain(escapedAttack);
        expectPageHeaders(page);
        expectNoInlineCode(page.text);
      };
      // Read while the invitation is open: once accepted, its link takes this customer to its confirmation.
      for (const browser of [ga, billing])
        expectEscaped(`/invitations/${token}`, await get(runtime, `/invitations/${token}`, browser));
      const invitationPage = await get(runtime, `/invitations/${token}`, ga);
      await post(runtime, `/invitations/${token}/accept`, ga, {
        csrf: csrfOf(invitationPage.text),
        agreementVersion: currentAgreement.version,
        terms: hiddenField(invitationPage.text, "terms"),
        acknowledged: "yes"
      });
      await eventually(
        async () => (await get(runtime, `/partner-relationships/${id}/status`, ga)).text,
        (text) => text.includes('"status":"active"')
      );
      pages.push(
        ["/partner-relationships", ga],
        [`/partner-relationships?accepted=${id}`, ga],
        [`/partner-relationships/${id}`, ga],
        [`/partner-relationships/${id}/remove-roles`, ga],
        [`/partner-relationships/${id}/terminate`, ga]
      );
      pages.push(["/", await signIn(runtime, { tenantId: partner, name: attack, partnerAdmin: true })]);
      for (const [path, browser] of pages) expectEscaped(path, await get(runtime, path, browser));
      // The polled JSON carries the name as JSON text; the script writes it with textContent only.
      const json = await get(runtime, `/partner-relationships/${id}/status`, ga);
      expect(json.headers.get("content-type")).toContain("application/json");
      expect(json.headers.get("cache-control")).toBe("no-store");
    });
  });

  describe("static files", () => {
    it("serves one stylesheet and one script with their content types, a year's cache under the hashed URL, and 404 for anything else", async () => {
      const home = (await get(runtime, "/")).text;
      const css = /href="(\/static\/app\.css\?v=[0-9a-f]{16})"/.exec(home)?.[1] as string;
      const js = /src="(\/static\/app\.js\?v=[0-9a-f]{16})"/.exec(home)?.[1] as string;
      const cssResponse = await fetch(`${runtime.url}${css}`);
      expect(cssResponse.headers.get("content-type")).toBe("text/css; charset=utf-8");
      expect(cssResponse.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const jsResponse = await fetch(`${runtime.url}${js}`);
      expect(jsResponse.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      const script = await jsResponse.text();
      expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|eval\(|new Function/);
      expect((await fetch(`${runtime.url}/static/app.css`)).headers.get("cache-control")).toBe("public, max-age=300");
      for (const path of [
        "/static/nope.js",
        "/static/../package.json",
        "/static/%2e%2e/package.json",
        "/static/assets/app.css"
      ]) {
        expect((await fetch(`${runtime.url}${path}`)).status, path).toBe(404);
      }
    });
  });
});
