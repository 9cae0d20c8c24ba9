/**
 * MPSA purchase records as stored (container `purchases`, partition `/customerTenantId`), and the small ports the
 * purchase use cases take: the records themselves, and the lookup of the partner's accepted relationship that every
 * partner request rests on. Adapters live in shared/cosmos.
 */
import type { Page } from "../relationships/ports";

export interface PurchasePartner {
  readonly tenantId: string;
  /** The partner's display name when the purchase was recorded. */
  readonly displayName: string;
  /** The legal name an operator checked at approval; absent for a partner registered before onboarding existed. */
  readonly legalName?: string;
}

export interface PurchaseRecord {
  readonly id: string;
  readonly kind: "mpsaPurchase";
  /** The partition: the customer the purchase was made for. */
  readonly customerTenantId: string;
  readonly partnerTenantId: string;
  /** Who the partner was when it recorded the purchase: lists show it without reading the partner record. */
  readonly partner: PurchasePartner;
  readonly product: string;
  readonly quantity: number;
  readonly agreementNumber: string;
  /** YYYY-MM-DD. */
  readonly purchaseDate: string;
  /** The partner user who recorded it. */
  readonly recordedBy: { readonly userId: string; readonly displayName?: string };
  readonly recordedDateTime: string;
  /**
   * `<partner tenant>|<purchase date>|<recorded at>`: the customer's list sorts by this one property, so it comes
   * grouped by partner, oldest purchase first within each, without a composite index.
   */
  readonly partnerSortKey: string;
  /** Set with an Idempotency-Key: a retry with the same key and body finds this record instead of making another. */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
}

export interface PurchaseStore {
  /** Throws ConflictError when the id is taken (an Idempotency-Key's retry racing the first request). */
  create(record: PurchaseRecord): Promise<PurchaseRecord>;
  get(customerTenantId: string, id: string): Promise<PurchaseRecord | undefined>;
  /** The customer's purchases, latest purchase date first; only `partnerTenantId`'s when it is given. */
  listForPartner(
    customerTenantId: string,
    partnerTenantId: string | undefined,
    top: number,
    continuation?: string
  ): Promise<Page<PurchaseRecord>>;
  /** Every purchase of the customer, grouped by partner (`partnerSortKey`). */
  listForCustomer(customerTenantId: string, top: number, continuation?: string): Promise<Page<PurchaseRecord>>;
}

export function partnerSortKey(partnerTenantId: string, purchaseDate: string, recordedDateTime: string): string {
  return `${partnerTenantId}|${purchaseDate}|${recordedDateTime}`;
}
