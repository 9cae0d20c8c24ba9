/**
 * Graph's delegatedAdminCustomers: the customers a partner has at least one active relationship with. One small
 * record per (partner, customer) in the partner's partition of `tenants`, so the list is one single-partition query
 * that pages, and one customer is a point read. The role-grants handler keeps it: a relationship joins when it
 * becomes active and leaves when it ends. An ended relationship is remembered as ended and never joins again, so a
 * redelivered or late "became active" message cannot bring a finished relationship back, and doing either twice
 * changes nothing.
 */
import type { FilterCondition } from "../graph/odata-filter";
import type { OrderBy } from "../graph/odata-query";
import type { Page } from "./ports";

export interface PartnerCustomerRecord {
  /** `customer:<customer tenant id>`. */
  readonly id: string;
  readonly kind: "delegatedAdminCustomer";
  /** The partition: the partner's tenant. */
  readonly tenantId: string;
  readonly customerTenantId: string;
  /** "" until a relationship brings a name (customer.displayName): always present, so it can be sorted by. */
  readonly displayName: string;
  readonly activeRelationshipIds: readonly string[];
  readonly endedRelationshipIds: readonly string[];
  readonly lastModifiedDateTime: string;
}

export interface PartnerCustomerQuery {
  readonly filter: readonly FilterCondition[];
  readonly orderBy: OrderBy;
}

export interface PartnerCustomerIndex {
  /** Applies `change` to the record (undefined when there is none yet); a change that returns undefined writes nothing. */
  update(
    partnerTenantId: string,
    customerTenantId: string,
    change: (current: PartnerCustomerRecord | undefined) => PartnerCustomerRecord | undefined
  ): Promise<void>;
  get(partnerTenantId: string, customerTenantId: string): Promise<PartnerCustomerRecord | undefined>;
  /** Customers with at least one active relationship. */
  list(
    partnerTenantId: string,
    query: PartnerCustomerQuery,
    top: number,
    continuation?: string
  ): Promise<Page<PartnerCustomerRecord>>;
  count(partnerTenantId: string, filter: PartnerCustomerQuery["filter"]): Promise<number>;
}

export const customerRecordId = (customerTenantId: string) => `customer:${customerTenantId}`;

export interface CustomerRelationshipEvent {
  readonly partnerTenantId: string;
  readonly customerTenantId: string;
  readonly relationshipId: string;
  readonly displayName?: string;
  readonly at: string;
}

/** The record once `relationshipId` is active; undefined when that is already so, or when it has already ended. */
export function withActiveRelationship(
  current: PartnerCustomerRecord | undefined,
  event: CustomerRelationshipEvent
): PartnerCustomerRecord | undefined {
  const record = current ?? emptyRecord(event);
  if (
    record.activeRelationshipIds.includes(event.relationshipId) ||
    record.endedRelationshipIds.includes(event.relationshipId)
  ) {
    return current && !current.displayName && event.displayName
      ? { ...current, displayName: event.displayName, lastModifiedDateTime: event.at }
      : undefined;
  }
  return {
    ...record,
    displayName: record.displayName || event.displayName || "",
    activeRelationshipIds: [...record.activeRelationshipIds, event.relationshipId],
    lastModifiedDateTime: event.at
  };
}

/** The record once `relationshipId` has ended; undefined when that is already recorded. */
export function withEndedRelationship(
  current: PartnerCustomerRecord | undefined,
  event: CustomerRelationshipEvent
): PartnerCustomerRecord | undefined {
  const record = current ?? emptyRecord(event);
  if (record.endedRelationshipIds.includes(event.relationshipId)) return undefined;
  return {
    ...record,
    activeRelationshipIds: record.activeRelationshipIds.filter((id) => id !== event.relationshipId),
    endedRelationshipIds: [...record.endedRelationshipIds, event.relationshipId],
    lastModifiedDateTime: event.at
  };
}

export function isListedCustomer(record: PartnerCustomerRecord | undefined): record is PartnerCustomerRecord {
  return record !== undefined && record.activeRelationshipIds.length > 0;
}

function emptyRecord(event: CustomerRelationshipEvent): PartnerCustomerRecord {
  return {
    id: customerRecordId(event.customerTenantId),
    kind: "delegatedAdminCustomer",
    tenantId: event.partnerTenantId,
    customerTenantId: event.customerTenantId,
    displayName: "",
    activeRelationshipIds: [],
    endedRelationshipIds: [],
    lastModifiedDateTime: event.at
  };
}
