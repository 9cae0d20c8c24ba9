/**
 * What the /v1.0 surface reads for a partner: its relationships as Graph lists them (one single-partition query,
 * plus a count query only when `$count=true` asks for it), a relationship's requests and one request (from the
 * relationship's point read: they live on it), and its customers (relationships/partner-customers.ts).
 */
import { NotFoundError } from "../errors";
import { matchesFilter } from "../graph/odata-filter";
import type { GraphListQuery } from "../graph/odata-query";
import {
  isListedCustomer,
  type PartnerCustomerIndex,
  type PartnerCustomerRecord
} from "../relationships/partner-customers";
import type { Page } from "../relationships/ports";
import type { VersionedRelationship } from "../relationships/relationship-document";
import { requestsOf, type RelationshipRequestRecord } from "../relationships/relationship-requests";
import { getPartnerRelationship, type PartnerPorts } from "./partner-relationships";

export type CountedPage<T> = Page<T> & { readonly count?: number };

export async function listGraphRelationships(
  ports: PartnerPorts,
  partnerTenantId: string,
  query: GraphListQuery,
  continuation?: string
): Promise<CountedPage<VersionedRelationship>> {
  const page = await ports.store.queryByPartner(
    partnerTenantId,
    { filter: query.filter, orderBy: query.orderBy },
    query.top,
    continuation
  );
  return query.count ? { ...page, count: await ports.store.countByPartner(partnerTenantId, query.filter) } : page;
}

/** The relationship's requests that match, in the order asked for (newest first by default). */
export async function listGraphRequests(
  ports: PartnerPorts,
  partnerTenantId: string,
  relationshipId: string,
  query: GraphListQuery
): Promise<RelationshipRequestRecord[]> {
  const { document } = await getPartnerRelationship(ports, partnerTenantId, relationshipId);
  const matching = requestsOf(document).filter((record) =>
    matchesFilter(record, query.filter, (item, property) =>
      property === "status" ? item.status : property === "action" ? item.action : undefined
    )
  );
  const ascending = [...matching].sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime));
  return query.orderBy.direction === "asc" ? ascending : ascending.reverse();
}

export async function getGraphRequest(
  ports: PartnerPorts,
  partnerTenantId: string,
  relationshipId: string,
  requestId: string
): Promise<RelationshipRequestRecord> {
  const { document } = await getPartnerRelationship(ports, partnerTenantId, relationshipId);
  const found = requestsOf(document).find((record) => record.id === requestId.toLowerCase());
  if (!found) throw new NotFoundError("No such request on this relationship.");
  return found;
}

export type GraphCustomerPorts = { readonly partnerCustomers: PartnerCustomerIndex };

export async function listGraphCustomers(
  ports: GraphCustomerPorts,
  partnerTenantId: string,
  query: GraphListQuery,
  continuation?: string
): Promise<CountedPage<PartnerCustomerRecord>> {
  const page = await ports.partnerCustomers.list(
    partnerTenantId,
    { filter: query.filter, orderBy: query.orderBy },
    query.top,
    continuation
  );
  return query.count ? { ...page, count: await ports.partnerCustomers.count(partnerTenantId, query.filter) } : page;
}

/** A customer the partner has an active relationship with; a 404 for any other tenant. */
export async function getGraphCustomer(
  ports: GraphCustomerPorts,
  partnerTenantId: string,
  customerTenantId: string
): Promise<PartnerCustomerRecord> {
  const record = await ports.partnerCustomers.get(partnerTenantId, customerTenantId.toLowerCase());
  if (!isListedCustomer(record))
    throw new NotFoundError("No such customer: this partner has no active relationship with that tenant.");
  return record;
}
