/**
 * Graph's delegatedAdminCustomer: a customer tenant the partner has at least one active relationship with (`id` and
 * `tenantId` are the customer's tenant id), and what its list filters and sorts by. Its serviceManagementDetails
 * are an empty collection: this product manages no services in the customer tenant on the partner's behalf.
 */
import type { PartnerCustomerRecord } from "../relationships/partner-customers";
import { contentEtag } from "./graph-resource";
import type { GraphListSpec } from "./odata-query";

export const customersEntitySet = "tenantRelationships/delegatedAdminCustomers";
export const serviceManagementDetailsEntitySet = `${customersEntitySet}/serviceManagementDetails`;

export function toGraphCustomer(record: PartnerCustomerRecord): Record<string, unknown> {
  const resource = {
    id: record.customerTenantId,
    tenantId: record.customerTenantId,
    displayName: record.displayName || null
  };
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminCustomer",
    "@odata.etag": contentEtag(resource),
    ...resource
  };
}

export const customerListSpec: GraphListSpec = {
  selectable: ["id", "tenantId", "displayName"],
  sortable: ["displayName", "tenantId"],
  defaultOrder: { property: "displayName", direction: "asc" },
  filterable: {
    displayName: { operators: ["eq", "startswith"] },
    tenantId: { operators: ["eq"], guid: true },
    id: { operators: ["eq"], guid: true }
  }
};
