import { describe, expect, it } from "vitest";
import {
  mayChangePurchaseSharing,
  mayListPurchases,
  mayReadPurchaseSharing
} from "../../../shared/domain/customer-permissions";
import {
  givesSightOfPurchases,
  latestPurchaseDate,
  purchaseViewFor,
  validatePurchase,
  type PurchaseRequest
} from "../../../shared/domain/mpsa-purchases";
import { relationshipStatuses } from "../../../shared/domain/relationship";
import {
  billingAdministratorRoleId,
  globalAdministratorRoleId,
  helpdeskAdministratorRoleId
} from "../../../shared/domain/roles";

const now = new Date("2027-03-04T12:00:00.000Z");
const good: PurchaseRequest = {
  product: "  Microsoft 365 E3  ",
  quantity: 250,
  agreementNumber: "01s-123 456",
  purchaseDate: "2027-03-01"
};
const fieldsOf = (request: PurchaseRequest, at = now) => {
  const result = validatePurchase(request, at);
  return result.ok ? [] : result.errors.map((error) => error.field);
};

describe("MPSA purchase values", () => {
  it("accepts a sane purchase, trimming the product and writing the agreement number in upper case without spaces or hyphens", () => {
    expect(validatePurchase(good, now)).toEqual({
      ok: true,
      value: { product: "Microsoft 365 E3", quantity: 250, agreementNumber: "01S123456", purchaseDate: "2027-03-01" }
    });
  });

  it("names every broken rule at once", () => {
    const result = validatePurchase(
      { product: " ", quantity: 0, agreementNumber: "12", purchaseDate: "2027-02-30" },
      now
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      { field: "product", message: "must be 1 to 200 characters long." },
      { field: "quantity", message: "must be a whole number from 1 to 1,000,000." },
      {
        field: "agreementNumber",
        message: expect.stringMatching(/^must be 5 to 20 letters \(A-Z\) and digits, with at least one digit/)
      },
      { field: "purchaseDate", message: "must be a date written YYYY-MM-DD, such as 2027-03-04." }
    ]);
  });

  it("bounds the product and refuses invisible or control characters in it", () => {
    expect(fieldsOf({ ...good, product: "x".repeat(200) })).toEqual([]);
    expect(fieldsOf({ ...good, product: "x".repeat(201) })).toEqual(["product"]);
    expect(fieldsOf({ ...good, product: "Office\u202Eexe" })).toEqual(["product"]);
    expect(fieldsOf({ ...good, product: "Line\nbreak" })).toEqual(["product"]);
  });

  it("takes only whole quantities from 1 to 1,000,000", () => {
    for (const quantity of [1, 1_000_000]) expect(fieldsOf({ ...good, quantity })).toEqual([]);
    for (const quantity of [0, -3, 2.5, 1_000_001, Number.NaN, Number.POSITIVE_INFINITY])
      expect(fieldsOf({ ...good, quantity })).toEqual(["quantity"]);
  });

  it("takes agreement numbers of 5 to 20 letters and digits with at least one digit", () => {
    for (const agreementNumber of ["12345", "m1234567", "A".repeat(19) + "1", "0123-4567-89"])
      expect(fieldsOf({ ...good, agreementNumber })).toEqual([]);
    for (const agreementNumber of ["1234", "ABCDEFG", "1".repeat(21), "12345_6", "12345/6", "１２３４５"])
      expect(fieldsOf({ ...good, agreementNumber })).toEqual(["agreementNumber"]);
  });

  it("takes a purchase date from 2000-01-01 up to today where the day starts first (UTC+14), never later", () => {
    expect(latestPurchaseDate(new Date("2027-03-04T09:59:59.999Z"))).toBe("2027-03-04");
    expect(latestPurchaseDate(new Date("2027-03-04T10:00:00.000Z"))).toBe("2027-03-05");
    expect(fieldsOf({ ...good, purchaseDate: "2027-03-05" }, new Date("2027-03-04T09:59:59.999Z"))).toEqual([
      "purchaseDate"
    ]);
    expect(fieldsOf({ ...good, purchaseDate: "2027-03-06" })).toEqual(["purchaseDate"]);
    expect(fieldsOf({ ...good, purchaseDate: "2027-03-05" }, new Date("2027-03-04T10:00:00.000Z"))).toEqual([]);
    expect(fieldsOf({ ...good, purchaseDate: "2000-01-01" })).toEqual([]);
    for (const purchaseDate of ["1999-12-31", "2027-3-1", "01/03/2027", "2027-03-01T00:00:00Z", "", "2026-02-29"])
      expect(fieldsOf({ ...good, purchaseDate })).toEqual(["purchaseDate"]);
    expect(fieldsOf({ ...good, purchaseDate: "2024-02-29" })).toEqual([]);
  });
});

describe("who sees MPSA purchases", () => {
  it("gives sight only through an MPSA relationship the customer accepted that has not started ending", () => {
    const seeing = relationshipStatuses.filter((status) =>
      givesSightOfPurchases({ partnerType: "mpsaPartner", status })
    );
    expect(seeing).toEqual(["approved", "activating", "active", "expiring"]);
    for (const partnerType of ["reseller", "partnerWithGdap", "oem", "indirectReseller"])
      expect(givesSightOfPurchases({ partnerType, status: "active" })).toBe(false);
  });

  it("shows a partner its own records while sharing is off and every MPSA partner's while it is on", () => {
    expect(purchaseViewFor(false)).toBe("own");
    expect(purchaseViewFor(true)).toBe("all");
  });

  it("lets a Billing Administrator or Global Administrator change sharing and see purchases; any admin role read the setting", () => {
    for (const wids of [[billingAdministratorRoleId], [globalAdministratorRoleId.toUpperCase()]]) {
      expect(mayChangePurchaseSharing(wids).allowed).toBe(true);
      expect(mayListPurchases(wids).allowed).toBe(true);
    }
    const helpdesk = [helpdeskAdministratorRoleId];
    expect(mayChangePurchaseSharing(helpdesk)).toMatchObject({
      allowed: false,
      requiredRole: { id: billingAdministratorRoleId, displayName: "Billing Administrator" }
    });
    expect(mayListPurchases(helpdesk).allowed).toBe(false);
    expect(mayReadPurchaseSharing(helpdesk).allowed).toBe(true);
    // The member user type Entra puts in every member's wids is no admin role.
    expect(mayReadPurchaseSharing(["b79fbf4d-3ef9-4689-8143-76b194e85509"])).toMatchObject({
      allowed: false,
      requiredRole: { displayName: "Billing Administrator" }
    });
    expect(mayReadPurchaseSharing([]).allowed).toBe(false);
  });
});
