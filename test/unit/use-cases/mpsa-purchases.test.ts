import { beforeEach, describe, expect, it } from "vitest";
import type { Principal } from "../../../shared/auth/principal";
import { billingAdministratorRoleId, helpdeskAdministratorRoleId } from "../../../shared/domain/roles";
import { ConflictError, ForbiddenError, TooManyRequestsError, ValidationError } from "../../../shared/errors";
import { createLimiter, defaultLimitSettings } from "../../../shared/limits/limiter";
import { groupByPartner, toPartnerPurchaseResource } from "../../../shared/purchases/purchase-resource";
import type { PartnerRecord } from "../../../shared/tenants/tenant-records";
import {
  listCustomerPurchases,
  listPartnerPurchases,
  recordPurchase,
  type PurchasePorts
} from "../../../shared/use-cases/mpsa-purchases";
import { changePurchaseSharing } from "../../../shared/use-cases/purchase-sharing";
import { InMemoryLimitStore } from "../../support/in-memory/limit-store";
import { TestClock } from "../../support/in-memory/clock";
import { InMemoryPurchases, InMemorySharing } from "../../support/in-memory/purchase-stores";
import { InMemoryRelationshipFacts } from "../../support/in-memory/relationship-facts";

const customer = "c0ffee00-0000-4000-8000-000000000001";
const otherCustomer = "c0ffee00-0000-4000-8000-000000000002";
const partnerA = "a0000000-0000-4000-8000-00000000000a";
const partnerB = "b0000000-0000-4000-8000-00000000000b";
const partnerC = "c0000000-0000-4000-8000-00000000000c";

const partnerRecord = (tenantId: string, name: string): PartnerRecord => ({
  id: "partner",
  kind: "partner",
  tenantId,
  displayName: name,
  registeredDateTime: "2027-01-01T00:00:00.000Z",
  status: "approved",
  identity: { legalName: `${name} Ltd`, partnerId: "1234567", verifiedDomain: "partner.example" }
});
const user = (tenantId: string, directoryRoles: string[] = []): Principal => ({
  tenantId,
  userId: `user-of-${tenantId.slice(0, 1)}`,
  displayName: "Pat",
  directoryRoles,
  appRoles: ["Partner.Admin"]
});
const purchase = (overrides: Record<string, unknown> = {}) => ({
  product: "Microsoft 365 E3",
  quantity: 250,
  agreementNumber: "01S12345",
  purchaseDate: "2027-02-20",
  ...overrides
});

async function rejection(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error
  );
}

describe("MPSA purchases", () => {
  let ports: PurchasePorts & {
    purchases: InMemoryPurchases;
    relationshipFacts: InMemoryRelationshipFacts;
    purchaseSharing: InMemorySharing;
    clock: TestClock;
  };
  let limits: InMemoryLimitStore;
  const record = (
    partner: string,
    name: string,
    overrides: Record<string, unknown> = {},
    key?: string,
    forCustomer = customer
  ) =>
    recordPurchase(ports, {
      partner: partnerRecord(partner, name),
      principal: user(partner),
      customerTenantId: forCustomer,
      request: purchase(overrides),
      ...(key ? { idempotencyKey: key } : {})
    });
  const listAs = (partner: string, forCustomer = customer) =>
    listPartnerPurchases(ports, {
      partnerTenantId: partner,
      customerTenantId: forCustomer,
      top: 50,
      continuationFor: () => undefined
    });
  const billing = user(customer, [billingAdministratorRoleId]);

  beforeEach(() => {
    limits = new InMemoryLimitStore();
    ports = {
      clock: new TestClock(),
      purchases: new InMemoryPurchases(),
      purchaseSharing: new InMemorySharing(),
      relationshipFacts: new InMemoryRelationshipFacts(),
      limiter: createLimiter(limits, { ...defaultLimitSettings, purchasesPerPartnerPerDay: 3 }, Buffer.alloc(32, 1))
    };
    ports.relationshipFacts.relationships.push(
      {
        id: "rel-a",
        partnerTenantId: partnerA,
        customerTenantId: customer,
        partnerType: "mpsaPartner",
        status: "active",
        customerDisplayName: "Tailspin"
      },
      {
        id: "rel-b",
        partnerTenantId: partnerB,
        customerTenantId: customer,
        partnerType: "mpsaPartner",
        status: "approved"
      },
      { id: "rel-c", partnerTenantId: partnerC, customerTenantId: customer, partnerType: "reseller", status: "active" }
    );
  });

  it("records a purchase with the partner's names, the recording user and a sort key, for a partner with an accepted MPSA relationship", async () => {
    const { purchase: stored, created } = await record(partnerA, "Contoso", { agreementNumber: "01s 12345" });

    expect(created).toBe(true);
    expect(stored).toMatchObject({
      kind: "mpsaPurchase",
      customerTenantId: customer,
      partnerTenantId: partnerA,
      partner: { tenantId: partnerA, displayName: "Contoso", legalName: "Contoso Ltd" },
      product: "Microsoft 365 E3",
      quantity: 250,
      agreementNumber: "01S12345",
      purchaseDate: "2027-02-20",
      recordedBy: { userId: "user-of-a", displayName: "Pat" },
      recordedDateTime: "2027-03-01T09:00:00.000Z",
      partnerSortKey: `${partnerA}|2027-02-20|2027-03-01T09:00:00.000Z`
    });
  });

  it("refuses bad values with every field named, before any read, limit or write", async () => {
    const refused = await rejection(
      record(partnerA, "Contoso", { product: "", quantity: 0, agreementNumber: "x", purchaseDate: "2099-01-01" })
    );

    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).errors.map((error) => error.field)).toEqual([
      "product",
      "quantity",
      "agreementNumber",
      "purchaseDate"
    ]);
    expect(ports.relationshipFacts.lookups).toBe(0);
    expect(limits.documents.size).toBe(0);
    expect(ports.purchases.creates).toBe(0);
  });

  it("refuses a partner without an accepted, live MPSA relationship with that customer (403), writing nothing and counting nothing", async () => {
    ports.relationshipFacts.relationships.push({
      id: "rel-a2",
      partnerTenantId: partnerA,
      customerTenantId: otherCustomer,
      partnerType: "mpsaPartner",
      status: "approvalPending"
    });
    const cases = [
      () => record(partnerC, "Reseller only"),
      () => record("d0000000-0000-4000-8000-00000000000d", "Stranger"),
      () => record(partnerA, "Contoso", {}, undefined, otherCustomer)
    ];
    for (const attempt of cases) expect(await rejection(attempt())).toBeInstanceOf(ForbiddenError);
    for (const status of ["terminationRequested", "terminated", "expired"] as const) {
      (ports.relationshipFacts.relationships[1] as { status: string }).status = status;
      expect(await rejection(record(partnerB, "Fabrikam"))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(listAs(partnerB))).toBeInstanceOf(ForbiddenError);
    }
    expect(ports.purchases.creates).toBe(0);
    expect(limits.documents.size).toBe(0);
  });

  it("answers a retry with the same Idempotency-Key and body with the first record, and another body with 409", async () => {
    const first = await record(partnerA, "Contoso", {}, "order-7");
    const again = await record(partnerA, "Contoso", {}, "order-7");
    const clash = await rejection(record(partnerA, "Contoso", { quantity: 251 }, "order-7"));
    const otherPartnerSameKey = await record(partnerB, "Fabrikam", {}, "order-7");

    expect(again).toEqual({ purchase: first.purchase, created: false });
    expect(clash).toBeInstanceOf(ConflictError);
    expect((clash as ConflictError).errors.map((error) => error.field)).toEqual(["Idempotency-Key"]);
    expect(otherPartnerSameKey.created).toBe(true);
    expect(ports.purchases.creates).toBe(2);
    expect(limits.used(`partner:${partnerA}`, "purchases_86400")).toBe(1);
  });

  it("stops at the daily limit with 429 and writes nothing more", async () => {
    for (let n = 0; n < 3; n += 1) await record(partnerA, "Contoso");
    const refused = await rejection(record(partnerA, "Contoso"));

    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).limit).toBe("purchasesPerPartnerPerDay");
    expect(ports.purchases.creates).toBe(3);
  });

  it("shows each partner only its own purchases while sharing is off, and everyone's while it is on, decided at each read", async () => {
    await record(partnerA, "Contoso", { product: "A's order", purchaseDate: "2027-02-01" });
    await record(partnerB, "Fabrikam", { product: "B's order", purchaseDate: "2027-02-10" });
    const products = async (partner: string) => (await listAs(partner)).items.map((item) => item.product);

    expect(await products(partnerA)).toEqual(["A's order"]);
    expect(await products(partnerB)).toEqual(["B's order"]);
    expect((await listAs(partnerA)).view).toBe("own");

    await changePurchaseSharing(ports, billing, true);
    expect(await products(partnerA)).toEqual(["B's order", "A's order"]);
    expect(await products(partnerB)).toEqual(["B's order", "A's order"]);
    const seenByB = (await listAs(partnerB)).items.map((item) => toPartnerPurchaseResource(item, partnerB));
    expect(seenByB.map((item) => [item.product, item.isOwn, item.recordedBy !== undefined])).toEqual([
      ["B's order", true, true],
      ["A's order", false, false]
    ]);

    await changePurchaseSharing(ports, billing, false);
    expect(await products(partnerB)).toEqual(["B's order"]);
    // A partner with no MPSA relationship sees nothing even while sharing is on.
    await changePurchaseSharing(ports, billing, true);
    expect(await rejection(listAs(partnerC))).toBeInstanceOf(ForbiddenError);
  });

  it("asks the continuation for the view in force, so a page token is bound to it", async () => {
    const asked: string[] = [];
    await changePurchaseSharing(ports, billing, true);
    await listPartnerPurchases(ports, {
      partnerTenantId: partnerA,
      customerTenantId: customer,
      top: 5,
      continuationFor: (view) => (asked.push(view), undefined)
    });
    expect(asked).toEqual(["all"]);
  });

  it("shows the customer every purchase grouped by partner, to a Billing Administrator only", async () => {
    await record(partnerB, "Fabrikam", { product: "B1", purchaseDate: "2027-02-10" });
    await record(partnerA, "Contoso", { product: "A2", purchaseDate: "2027-02-15" });
    await record(partnerA, "Contoso", { product: "A1", purchaseDate: "2027-01-15" });

    const page = await listCustomerPurchases(ports, billing, 50, () => undefined);
    const groups = groupByPartner(page.items);

    expect(
      groups.map((group) => [
        group.partner.displayName,
        group.partner.legalName,
        group.purchases.map((item) => item.product)
      ])
    ).toEqual([
      ["Contoso", "Contoso Ltd", ["A1", "A2"]],
      ["Fabrikam", "Fabrikam Ltd", ["B1"]]
    ]);
    let tokenRead = false;
    const refused = await rejection(
      listCustomerPurchases(
        ports,
        user(customer, [helpdeskAdministratorRoleId]),
        50,
        () => ((tokenRead = true), undefined)
      )
    );
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(tokenRead).toBe(false);
    expect(
      (await listCustomerPurchases(ports, user(otherCustomer, [billingAdministratorRoleId]), 50, () => undefined)).items
    ).toEqual([]);
  });
});
