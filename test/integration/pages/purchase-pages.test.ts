/**
 * The MPSA purchase pages through the real runtime, as a browser without the script uses them: the customer's
 * /purchases (the switch, its confirmation page, the change with CSRF, purchases by partner) and a partner's
 * /partner/customers/{id}/purchases (list, record, refused form), with who may see what, and escaping.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPartnerTenants, partnerAdmin, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { purchaseBody, recordAs, relationshipWith, sharingAuditOf } from "../api/mpsa-kit";
import { attack, csrfOf, escapedAttack, get, hiddenField, mainText, post, signIn, wids } from "./pages-kit";

describe("pages: MPSA purchases", () => {
  let runtime: LocalRuntime;
  const [partnerA, partnerB, partnerC] = demoPartnerTenants;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  /** A customer with accepted MPSA relationships to A and B, and one purchase by each (A's product is an attack). */
  async function customerWithPurchases(): Promise<string> {
    const customer = randomUUID();
    await relationshipWith(runtime, partnerA, customer);
    await relationshipWith(runtime, partnerB, customer);
    const recordedA = await recordAs(
      runtime,
      await tokenFor(runtime, partnerAdmin(partnerA)),
      customer,
      purchaseBody({ product: attack, purchaseDate: "2026-05-01" })
    );
    const recordedB = await recordAs(
      runtime,
      await tokenFor(runtime, partnerAdmin(partnerB)),
      customer,
      purchaseBody({ product: "Project Plan 3", quantity: 1200, purchaseDate: "2026-05-02" })
    );
    if (recordedA.status !== 201 || recordedB.status !== 201)
      throw new Error(`recording failed: ${recordedA.text} ${recordedB.text}`);
    return customer;
  }

  describe("the customer's page", () => {
    it("shows the switch off with what that means, and every purchase by partner with legal name and tenant id, escaped", async () => {
      const customer = await customerWithPurchases();
      const billing = await signIn(runtime, {
        tenantId: customer,
        wids: [wids.billingAdministrator],
        name: "Bea Billing"
      });

      const page = await get(runtime, "/purchases", billing);

      expect(page.status).toBe(200);
      expect(page.text).toContain("<h1>MPSA purchases</h1>");
      expect(page.text).toMatch(
        /<button type="submit" class="switch" role="switch" aria-checked="false" aria-describedby="sharing-state" data-field="sharingSwitch" data-opens-dialog="sharing-dialog">/
      );
      expect(page.text).toContain('<form method="get" action="/purchases/sharing" class="sharing-switch">');
      expect(page.text).toContain('<dialog id="sharing-dialog"');
      expect(page.text).toContain('<input type="hidden" name="enabled" value="on">');
      const text = mainText(page.text);
      expect(text).toContain("Let my MPSA partners see each other's purchases Off");
      expect(text).toContain("Off: each of your MPSA partners sees only the purchases it recorded itself.");
      expect(text).toContain("Never changed");
      expect(text).toContain(`Contoso Cloud Partners Legal name: Contoso Cloud Partners Ltd · tenant ${partnerA}`);
      expect(text).toContain(`Fabrikam IT Services Legal name: Fabrikam IT Services GmbH · tenant ${partnerB}`);
      expect(text).toMatch(/Project Plan 3 1,200 01S12345 2 May 2026/);
      expect(page.text).toContain(escapedAttack);
      expect(page.text).not.toContain(attack);
    });

    it("asks first on a page of its own, then turns sharing on with the form (CSRF) and says so, recording who did it", async () => {
      const customer = await customerWithPurchases();
      const global = await signIn(runtime, {
        tenantId: customer,
        wids: [wids.globalAdministrator],
        name: "Gil Global"
      });

      const confirm = await get(runtime, "/purchases/sharing?to=on", global);
      expect(confirm.status).toBe(200);
      expect(confirm.text).toContain("<h1>Let your MPSA partners see each other&#39;s purchases?</h1>");
      expect(mainText(confirm.text)).toContain("It will not see who at the other partner recorded it.");
      expect(confirm.text).toContain('<a class="button button--secondary" href="/purchases">Cancel</a>');

      expect((await post(runtime, "/purchases/sharing", global, { enabled: "on" })).status).toBe(403);
      expect(
        (
          await post(
            runtime,
            "/purchases/sharing",
            global,
            { csrf: csrfOf(confirm.text), enabled: "on" },
            { origin: "https://evil.example" }
          )
        ).status
      ).toBe(403);
      expect(
        (await post(runtime, "/purchases/sharing", global, { csrf: csrfOf(confirm.text), enabled: "maybe" })).status
      ).toBe(400);
      expect(await sharingAuditOf(runtime, customer)).toEqual([]);

      const changed = await post(runtime, "/purchases/sharing", global, {
        csrf: csrfOf(confirm.text),
        enabled: hiddenField(confirm.text, "enabled")
      });
      expect(changed.status).toBe(303);
      expect(changed.location).toBe("/purchases?sharing=on#sharing");
      const after = await get(runtime, "/purchases?sharing=on", global);
      expect(after.text).toContain('role="switch" aria-checked="true"');
      expect(after.text).toContain('data-confirmation="on"');
      expect(mainText(after.text)).toMatch(/turned on by Gil Global/);
      expect(
        (await sharingAuditOf(runtime, customer)).map((record) => [record.action, record.actor.displayName])
      ).toEqual([["purchaseSharingEnabled", "Gil Global"]]);

      // The same form sent twice asks for the same state: nothing changes the second time.
      const twice = await post(runtime, "/purchases/sharing", global, { csrf: csrfOf(confirm.text), enabled: "on" });
      expect(twice.location).toBe("/purchases?sharing=unchanged#sharing");
      expect(await sharingAuditOf(runtime, customer)).toHaveLength(1);
    });

    it("says a made-up confirmation only when the setting bears it out, and a page token that is not ours with a 400 and the list from the start", async () => {
      const customer = await customerWithPurchases();
      const billing = await signIn(runtime, { tenantId: customer, wids: [wids.billingAdministrator] });

      const spoofed = await get(runtime, "/purchases?sharing=on", billing);
      const stale = await get(runtime, "/purchases?page=made-up.AAAAAAAAAAAAAAAAAAAAAA", billing);

      expect(spoofed.text).toContain('aria-checked="false"');
      expect(spoofed.text).not.toContain("data-confirmation");
      expect(stale.status).toBe(400);
      expect(mainText(stale.text)).toContain(
        "That page of the list is no longer available; here is the list from the start."
      );
      expect(stale.text).toContain("Project Plan 3");
    });

    it("shows an admin below Billing Administrator the setting only, with the switch disabled, and refuses the change", async () => {
      const customer = await customerWithPurchases();
      const helpdesk = await signIn(runtime, { tenantId: customer, wids: [wids.helpdeskAdministrator] });

      const page = await get(runtime, "/purchases", helpdesk);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/role="switch" aria-checked="false"[^>]* disabled>/);
      expect(page.text).not.toContain("<dialog");
      expect(mainText(page.text)).toContain(
        "Seeing the purchases needs a Billing Administrator or a Global Administrator."
      );
      expect(page.text).not.toContain("Project Plan 3");

      const confirm = await get(runtime, "/purchases/sharing?to=on", helpdesk);
      expect(confirm.status).toBe(403);
      expect(confirm.text).toContain('data-required-role="Billing Administrator"');
      // Any page's form carries the session's CSRF token (Contact me shows one to anyone signed in).
      const token = csrfOf((await get(runtime, `/partners/${partnerA}/contact`, helpdesk)).text);
      expect((await post(runtime, "/purchases/sharing", helpdesk, { csrf: token, enabled: "on" })).status).toBe(403);
      expect(await sharingAuditOf(runtime, customer)).toEqual([]);

      const member = await signIn(runtime, { tenantId: customer });
      expect((await get(runtime, "/purchases", member)).status).toBe(403);
      const signedOut = await get(runtime, "/purchases");
      expect(signedOut.status).toBe(303);
      expect(signedOut.location).toMatch(/^\/dev\/sign-in\?returnTo=%2Fpurchases/);
    });
  });

  describe("the partner's page", () => {
    it("lists the customer's purchases the partner may see and records one through the form; a refused form names each field and keeps what was typed", async () => {
      const customer = await customerWithPurchases();
      const partner = await signIn(runtime, { tenantId: partnerB, partnerAdmin: true, name: "Pat Partner" });
      const path = `/partner/customers/${customer}/purchases`;

      const page = await get(runtime, path, partner);
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-view="own"');
      expect(page.text).toContain("Project Plan 3");
      expect(page.text).not.toContain(escapedAttack);
      expect(page.text).toContain('<form method="post" action="/partner/customers/');

      const refused = await post(runtime, path, partner, {
        csrf: csrfOf(page.text),
        idempotencyKey: hiddenField(page.text, "idempotencyKey"),
        product: attack,
        quantity: "many",
        agreementNumber: "12",
        purchaseDate: "2099-01-01"
      });
      expect(refused.status).toBe(400);
      const errors = mainText(refused.text);
      expect(errors).toContain("The purchase was not recorded");
      expect(errors).toContain("Quantity must be a whole number from 1 to 1,000,000.");
      expect(errors).toContain("Agreement number must be 5 to 20 letters");
      expect(errors).toContain("Purchase date must not be in the future.");
      expect(refused.text).toContain(`value="${escapedAttack}"`);
      expect(refused.text).toContain('value="many"');
      expect(refused.text).toContain(
        'id="quantity" name="quantity" value="many" aria-describedby="quantity-hint quantity-error" aria-invalid="true"'
      );

      const key = hiddenField(page.text, "idempotencyKey");
      const recorded = await post(runtime, path, partner, {
        csrf: csrfOf(page.text),
        idempotencyKey: key,
        product: "Visio Plan 2",
        quantity: "40",
        agreementNumber: "01s 12345",
        purchaseDate: "2026-06-01"
      });
      expect(recorded.status).toBe(303);
      expect(recorded.location).toMatch(new RegExp(`^${path}\\?recorded=[0-9a-f-]{36}#recorded$`));
      const again = await post(runtime, path, partner, {
        csrf: csrfOf(page.text),
        idempotencyKey: key,
        product: "Visio Plan 2",
        quantity: "40",
        agreementNumber: "01s 12345",
        purchaseDate: "2026-06-01"
      });
      expect(again.location).toBe(recorded.location);
      const shown = await get(runtime, (recorded.location as string).replace(/#.*$/, ""), partner);
      expect(mainText(shown.text)).toContain("Recorded: Visio Plan 2.");
      expect(shown.text.match(/Visio Plan 2<\/th>/g)).toHaveLength(1);
      expect(shown.text).toContain("<code>01S12345</code>");
    });

    it("lets a reader list without the form, and refuses the page to a partner without an accepted MPSA relationship and to a customer tenant", async () => {
      const customer = await customerWithPurchases();
      const path = `/partner/customers/${customer}/purchases`;
      const reader = await signIn(runtime, { tenantId: partnerA });
      const readerPage = await get(runtime, path, reader);
      expect(readerPage.status).toBe(200);
      expect(readerPage.text).not.toContain('<form method="post"');
      const refusedReader = await post(runtime, path, reader, {
        csrf: csrfOf((await get(runtime, `/partners/${partnerA}/contact`, reader)).text),
        product: "x",
        quantity: "1",
        agreementNumber: "12345",
        purchaseDate: "2026-06-01"
      });
      expect(refusedReader.status).toBe(403);
      expect(mainText(refusedReader.text)).toContain(
        "Recording a purchase needs the Partner.Admin app role. Nothing was recorded."
      );

      const stranger = await signIn(runtime, { tenantId: partnerC, partnerAdmin: true });
      const strangerPage = await get(runtime, path, stranger);
      expect(strangerPage.status).toBe(403);
      expect(strangerPage.text).toContain("<h1>No MPSA relationship with this customer</h1>");
      expect(strangerPage.text).not.toContain("Project Plan 3");

      const customerAdmin = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
      expect((await get(runtime, path, customerAdmin)).text).toContain("<h1>This page is for partners</h1>");
      expect((await get(runtime, "/partner/customers/not-a-tenant/purchases", stranger)).status).toBe(404);
    });

    it("links an accepted MPSA relationship's row on Invitations to its customer's purchases, and no other row", async () => {
      const customer = randomUUID();
      await relationshipWith(runtime, partnerC, customer);
      await relationshipWith(runtime, partnerC, randomUUID(), { accept: false });
      await relationshipWith(runtime, partnerC, randomUUID(), { partnerType: "reseller" });
      const partner = await signIn(runtime, { tenantId: partnerC, partnerAdmin: true });

      const page = await get(runtime, "/partner/invitations", partner);

      const links = [
        ...page.text.matchAll(/href="\/partner\/customers\/([0-9a-f-]+)\/purchases" data-field="purchasesLink"/g)
      ].map((match) => match[1]);
      expect(links).toEqual([customer]);
    });
  });
});
