/**
 * MPSA purchase visibility through the real local runtime (issue 12, item 1): two MPSA partners of one customer,
 * each seeing only its own purchases while sharing is off, all of them while it is on, and only its own again once
 * it is off; every change audited with who and when; the customer seeing everything by partner; and who may not
 * see anything at all.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, partnerAdmin, partnerReader, roles, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { customerToken } from "./customer-api";
import {
  listAs,
  purchaseBody,
  recordAs,
  relationshipWith,
  setSharing,
  sharingAuditOf,
  type CustomerPage,
  type Sharing
} from "./mpsa-kit";

describe("MPSA purchase visibility", () => {
  let runtime: LocalRuntime;
  let tokenA: string;
  let tokenB: string;
  let tokenC: string;
  const [partnerA, partnerB, partnerC] = demoPartnerTenants;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    tokenA = await tokenFor(runtime, partnerAdmin(partnerA));
    tokenB = await tokenFor(runtime, partnerAdmin(partnerB));
    tokenC = await tokenFor(runtime, partnerAdmin(partnerC));
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  /** A new customer with accepted MPSA relationships to partners A and B. */
  async function customerOfAandB(): Promise<string> {
    const customer = randomUUID();
    await relationshipWith(runtime, partnerA, customer);
    await relationshipWith(runtime, partnerB, customer);
    return customer;
  }
  const products = async (token: string, customer: string) =>
    (await listAs(runtime, token, customer)).body.value.map((purchase) => purchase.product).sort();

  it("shows each partner only its own purchases while sharing is off, all while it is on, its own again once off; audits each change; the customer sees all by partner", async () => {
    const customer = await customerOfAandB();
    const billing = await customerToken(runtime, customer, [roles.billingAdministrator], randomUUID());
    const global = await customerToken(runtime, customer, [roles.globalAdministrator]);
    const helpdesk = await customerToken(runtime, customer, [roles.helpdeskAdministrator]);
    for (const [token, product, purchaseDate] of [
      [tokenA, "A: Microsoft 365 E3", "2026-06-10"],
      [tokenA, "A: Visio Plan 2", "2026-06-20"],
      [tokenB, "B: Project Plan 3", "2026-06-15"]
    ] as const) {
      const recorded = await recordAs(runtime, token, customer, purchaseBody({ product, purchaseDate }));
      expect(recorded.status, recorded.text).toBe(201);
      expect(recorded.body).toMatchObject({ product, isOwn: true, customerTenantId: customer });
    }

    // Off (never set): each sees its own, and says so.
    const seenByA = await listAs(runtime, tokenA, customer);
    expect(seenByA.status).toBe(200);
    expect(seenByA.body.sharing).toEqual({ enabled: false });
    expect(seenByA.body.value.map((purchase) => [purchase.product, purchase.isOwn])).toEqual([
      ["A: Visio Plan 2", true],
      ["A: Microsoft 365 E3", true]
    ]);
    expect(await products(tokenB, customer)).toEqual(["B: Project Plan 3"]);
    expect(
      (await call<Sharing>(runtime, "GET", "/api/customer/mpsa-purchase-sharing", { token: helpdesk })).body
    ).toMatchObject({ enabled: false, changes: [], description: "Let my MPSA partners see each other's purchases" });

    // The customer sees every purchase, by partner, with each partner's legal name and tenant id.
    const all = await call<CustomerPage>(runtime, "GET", "/api/customer/purchases", { token: billing });
    expect(all.status).toBe(200);
    expect(
      all.body.value.map((group) => [
        group.partner.tenantId,
        group.partner.legalName,
        group.purchases.map((purchase) => purchase.product)
      ])
    ).toEqual(
      [
        [partnerA, "Contoso Cloud Partners Ltd", ["A: Microsoft 365 E3", "A: Visio Plan 2"]],
        [partnerB, "Fabrikam IT Services GmbH", ["B: Project Plan 3"]]
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0])))
    );

    // On: both see everything; another partner's record says whose it is, and not who there recorded it.
    const on = await setSharing(runtime, global, true);
    expect(on.status, on.text).toBe(200);
    expect(on.headers.get("etag")).toBe('"v1"');
    expect(on.body).toMatchObject({
      enabled: true,
      changes: [{ enabled: true, changedBy: { displayName: expect.stringMatching(/^Customer user/) } }]
    });
    expect(await products(tokenA, customer)).toEqual(["A: Microsoft 365 E3", "A: Visio Plan 2", "B: Project Plan 3"]);
    const seenByB = await listAs(runtime, tokenB, customer);
    expect(seenByB.body.sharing).toEqual({ enabled: true });
    const othersRecord = seenByB.body.value.find((purchase) => purchase.product === "A: Visio Plan 2");
    expect(othersRecord).toMatchObject({
      isOwn: false,
      partner: { tenantId: partnerA, displayName: "Contoso Cloud Partners", legalName: "Contoso Cloud Partners Ltd" }
    });
    expect(othersRecord?.recordedBy).toBeUndefined();
    expect(seenByB.body.value.find((purchase) => purchase.isOwn)?.recordedBy).toMatchObject({
      displayName: "Partner admin"
    });

    // Off again: back to their own.
    const off = await setSharing(runtime, billing, false, { "if-match": '"v1"' });
    expect(off.status, off.text).toBe(200);
    expect(off.headers.get("etag")).toBe('"v2"');
    expect(await products(tokenA, customer)).toEqual(["A: Microsoft 365 E3", "A: Visio Plan 2"]);
    expect(await products(tokenB, customer)).toEqual(["B: Project Plan 3"]);

    // Every change audited, who and when, in the trail and on the setting.
    const audit = await sharingAuditOf(runtime, customer);
    expect(audit.map((record) => [record.sequence, record.action, record.actor.kind, record.actor.tenantId])).toEqual([
      [1, "purchaseSharingEnabled", "customer", customer],
      [2, "purchaseSharingDisabled", "customer", customer]
    ]);
    const setting = (await call<Sharing>(runtime, "GET", "/api/customer/mpsa-purchase-sharing", { token: helpdesk }))
      .body;
    expect(setting.changes.map((change) => [change.enabled, change.changedDateTime, change.changedBy.userId])).toEqual([
      [false, audit[1]?.at, audit[1]?.actor.userId],
      [true, audit[0]?.at, audit[0]?.actor.userId]
    ]);
    expect(audit[0]?.actor.userId).not.toBe(audit[1]?.actor.userId);
    expect(Date.parse(audit[1]?.at ?? "")).toBeGreaterThanOrEqual(Date.parse(audit[0]?.at ?? ""));
  });

  it("answers a change to the state it already has with 200 and no audit record, and a stale If-Match with 412", async () => {
    const customer = randomUUID();
    const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);

    const unchanged = await setSharing(runtime, billing, false);
    const on = await setSharing(runtime, billing, true, { "if-match": '"v0"' });
    const stale = await setSharing(runtime, billing, false, { "if-match": '"v0"' });

    expect(unchanged.status).toBe(200);
    expect(unchanged.headers.get("etag")).toBe('"v0"');
    expect(on.status).toBe(200);
    expect(stale.status).toBe(412);
    expect((await sharingAuditOf(runtime, customer)).map((record) => record.action)).toEqual([
      "purchaseSharingEnabled"
    ]);
  });

  describe("who sees nothing", () => {
    it("refuses a partner without an accepted MPSA relationship: a reseller, a pending MPSA invitation, no relationship (403, nothing written)", async () => {
      const customer = await customerOfAandB();
      await recordAs(runtime, tokenA, customer, purchaseBody({ product: "Secret order" }));
      await relationshipWith(runtime, partnerC, customer, { partnerType: "reseller" });
      const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);
      expect((await setSharing(runtime, billing, true)).status).toBe(200);

      const asReseller = [
        await recordAs(runtime, tokenC, customer, purchaseBody()),
        await listAs(runtime, tokenC, customer)
      ];
      const pendingCustomer = randomUUID();
      await relationshipWith(runtime, partnerC, pendingCustomer, { accept: false });
      const asPending = [
        await recordAs(runtime, tokenC, pendingCustomer, purchaseBody()),
        await listAs(runtime, tokenC, pendingCustomer)
      ];

      for (const response of [...asReseller, ...asPending]) {
        expect(response.status).toBe(403);
        expect(response.text).not.toContain("Secret order");
        expect(response.body.detail).toMatch(/MPSA relationship with that customer was accepted and has not ended/);
      }
      const groups = (await call<CustomerPage>(runtime, "GET", "/api/customer/purchases", { token: billing })).body
        .value;
      expect(groups.map((group) => group.partner.tenantId)).toEqual([partnerA]);
    });

    it("keeps a partner's lists to the customer in the path: its purchases for one customer never show for another", async () => {
      const first = await customerOfAandB();
      const second = await customerOfAandB();
      await recordAs(runtime, tokenA, first, purchaseBody({ product: "For the first" }));
      await recordAs(runtime, tokenA, second, purchaseBody({ product: "For the second" }));
      for (const customer of [first, second]) {
        await setSharing(runtime, await customerToken(runtime, customer, [roles.globalAdministrator]), true);
      }

      expect(await products(tokenB, first)).toEqual(["For the first"]);
      expect(await products(tokenB, second)).toEqual(["For the second"]);
      const otherCustomer = await customerToken(runtime, randomUUID(), [roles.globalAdministrator]);
      expect(
        (await call<CustomerPage>(runtime, "GET", "/api/customer/purchases", { token: otherCustomer })).body.value
      ).toEqual([]);
      // A third customer: partner A has no relationship with it at all.
      const stranger = randomUUID();
      expect((await listAs(runtime, tokenA, stranger)).status).toBe(403);
      expect((await recordAs(runtime, tokenA, stranger, purchaseBody())).status).toBe(403);
    });

    it("takes a partner's sight away as soon as its MPSA relationship ends; what it recorded stays for the customer", async () => {
      const customer = randomUUID();
      const relationshipA = await relationshipWith(runtime, partnerA, customer);
      await relationshipWith(runtime, partnerB, customer);
      await recordAs(runtime, tokenA, customer, purchaseBody({ product: "Before the end" }));
      const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);
      await setSharing(runtime, billing, true);

      const ended = await call(runtime, "POST", `/api/customer/relationships/${relationshipA}/terminate`, {
        token: billing
      });
      expect(ended.status, ended.text).toBe(202);

      expect((await listAs(runtime, tokenA, customer)).status).toBe(403);
      expect((await recordAs(runtime, tokenA, customer, purchaseBody())).status).toBe(403);
      const groups = (await call<CustomerPage>(runtime, "GET", "/api/customer/purchases", { token: billing })).body
        .value;
      expect(groups.flatMap((group) => group.purchases.map((purchase) => purchase.product))).toEqual([
        "Before the end"
      ]);
      // Sharing is on: the remaining MPSA partner still sees the purchase the customer made through A.
      expect(await products(tokenB, customer)).toEqual(["Before the end"]);
    });

    it("lets a partner user without Partner.Admin read but not record, and refuses a customer below Billing Administrator", async () => {
      const customer = await customerOfAandB();
      const reader = await tokenFor(runtime, partnerReader(partnerA));
      const recorded = await recordAs(runtime, reader, customer, purchaseBody());
      expect(recorded.status).toBe(403);
      expect(recorded.body.requiredRole).toEqual({ id: "Partner.Admin", displayName: "Partner.Admin" });
      expect((await listAs(runtime, reader, customer)).status).toBe(200);

      const helpdesk = await customerToken(runtime, customer, [roles.helpdeskAdministrator]);
      const member = await customerToken(runtime, customer, ["b79fbf4d-3ef9-4689-8143-76b194e85509"]);
      for (const response of [
        await setSharing(runtime, helpdesk, true),
        await call<Sharing>(runtime, "GET", "/api/customer/purchases", { token: helpdesk })
      ]) {
        expect(response.status).toBe(403);
        expect(response.body.requiredRole).toEqual({
          id: roles.billingAdministrator,
          displayName: "Billing Administrator"
        });
      }
      expect((await call(runtime, "GET", "/api/customer/mpsa-purchase-sharing", { token: member })).status).toBe(403);
      expect((await call(runtime, "GET", "/api/customer/mpsa-purchase-sharing")).status).toBe(401);
      expect((await call(runtime, "GET", "/api/customer/purchases")).status).toBe(401);
      expect((await call(runtime, "GET", `/api/partner/customers/${customer}/purchases`)).status).toBe(401);
      expect(await sharingAuditOf(runtime, customer)).toEqual([]);
    });

    it("refuses a customer tenant that is not a partner with 403 on the partner routes", async () => {
      const customer = await customerOfAandB();
      const customerAdmin = await customerToken(runtime, customer, [roles.globalAdministrator]);
      expect((await listAs(runtime, customerAdmin, customer)).status).toBe(403);
      expect((await recordAs(runtime, customerAdmin, customer, purchaseBody())).status).toBe(403);
    });
  });
});
