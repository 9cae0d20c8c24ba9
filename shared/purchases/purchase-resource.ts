/**
 * Purchase records as the API and the pages show them. A partner sees on each record which partner recorded it and
 * whether that was itself; who at another partner recorded it stays with that partner. The customer sees its
 * purchases grouped by partner, in the order the store returns them (partner by partner).
 */
import { purchaseSharingLabel, type PurchaseView } from "../domain/mpsa-purchases";
import type { RelationshipFacts } from "../domain/accepted-relationships";
import type { PurchasePartner, PurchaseRecord } from "./purchase-records";
import type { SharingChange } from "./purchase-sharing";

export interface PartnerPurchaseResource {
  readonly id: string;
  readonly customerTenantId: string;
  readonly partner: PurchasePartner;
  readonly isOwn: boolean;
  readonly product: string;
  readonly quantity: number;
  readonly agreementNumber: string;
  readonly purchaseDate: string;
  readonly recordedDateTime: string;
  /** Only on the viewer's own records. */
  readonly recordedBy?: { readonly userId: string; readonly displayName?: string };
}

export interface CustomerPurchaseResource {
  readonly id: string;
  readonly product: string;
  readonly quantity: number;
  readonly agreementNumber: string;
  readonly purchaseDate: string;
  readonly recordedDateTime: string;
  readonly recordedBy: { readonly displayName?: string };
}

export interface PartnerPurchaseGroup {
  readonly partner: PurchasePartner;
  readonly purchases: readonly CustomerPurchaseResource[];
}

export function toPartnerPurchaseResource(record: PurchaseRecord, viewerTenantId: string): PartnerPurchaseResource {
  const isOwn = record.partnerTenantId === viewerTenantId;
  return {
    id: record.id,
    customerTenantId: record.customerTenantId,
    partner: partnerOf(record),
    isOwn,
    product: record.product,
    quantity: record.quantity,
    agreementNumber: record.agreementNumber,
    purchaseDate: record.purchaseDate,
    recordedDateTime: record.recordedDateTime,
    ...(isOwn ? { recordedBy: { ...record.recordedBy } } : {})
  };
}

export interface PartnerPurchaseListing {
  readonly items: readonly PurchaseRecord[];
  readonly view: PurchaseView;
  readonly relationship: RelationshipFacts;
}

/** `GET /api/partner/customers/{id}/purchases`: the page, whether the customer shares now, and the next link. */
export function toPartnerPurchasePage(
  listing: PartnerPurchaseListing,
  viewerTenantId: string,
  customerTenantId: string,
  nextLink: string | undefined
) {
  return {
    value: listing.items.map((record) => toPartnerPurchaseResource(record, viewerTenantId)),
    sharing: { enabled: listing.view === "all" },
    customer: {
      tenantId: customerTenantId,
      ...(listing.relationship.customerDisplayName ? { displayName: listing.relationship.customerDisplayName } : {})
    },
    ...(nextLink ? { "@odata.nextLink": nextLink } : {})
  };
}

/** `GET/PUT /api/customer/mpsa-purchase-sharing`. */
export function toSharingResource(sharing: {
  readonly tenantId: string;
  readonly enabled: boolean;
  readonly changes: readonly SharingChange[];
}) {
  return {
    tenantId: sharing.tenantId,
    enabled: sharing.enabled,
    description: purchaseSharingLabel,
    changes: sharing.changes.map((change) => ({
      enabled: change.enabled,
      changedDateTime: change.changedDateTime,
      changedBy: {
        userId: change.changedBy.userId,
        ...(change.changedBy.displayName ? { displayName: change.changedBy.displayName } : {})
      }
    }))
  };
}

/** Consecutive records of one partner make one group (the customer's list comes sorted by partner). */
export function groupByPartner(records: readonly PurchaseRecord[]): PartnerPurchaseGroup[] {
  const groups: { partner: PurchasePartner; purchases: CustomerPurchaseResource[] }[] = [];
  for (const record of records) {
    let group = groups[groups.length - 1];
    if (!group || group.partner.tenantId !== record.partnerTenantId) {
      group = { partner: partnerOf(record), purchases: [] };
      groups.push(group);
    }
    group.purchases.push({
      id: record.id,
      product: record.product,
      quantity: record.quantity,
      agreementNumber: record.agreementNumber,
      purchaseDate: record.purchaseDate,
      recordedDateTime: record.recordedDateTime,
      recordedBy: record.recordedBy.displayName ? { displayName: record.recordedBy.displayName } : {}
    });
  }
  return groups;
}

function partnerOf(record: PurchaseRecord): PurchasePartner {
  return {
    tenantId: record.partner.tenantId,
    displayName: record.partner.displayName,
    ...(record.partner.legalName ? { legalName: record.partner.legalName } : {})
  };
}
