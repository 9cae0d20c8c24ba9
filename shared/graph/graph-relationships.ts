/**
 * A relationship and its requests as Graph's delegatedAdminRelationship and delegatedAdminRelationshipRequest,
 * and what their lists filter and sort by. Graph's status enum only: our `declined` and `cancelled` show as
 * `terminated`, with `statusDetail` giving our own status, and a filter on `terminated` finds all three. What Graph
 * lacks travels as extra properties a Graph client reads from `additionalData`: `partnerType`,
 * `customer.adminEmail`, `statusDetail`, and `invitationLink` (only where the caller passes one in: a
 * Partner.Admin of the owning partner, on an `approvalPending` relationship — the link is a bearer secret).
 */
import type { RelationshipStatus } from "../domain/relationship";
import { relationshipEtag, type StoredRelationship } from "../relationships/relationship-document";
import { requestActions, type RelationshipRequestRecord } from "../relationships/relationship-requests";
import { contentEtag, graphEtag } from "./graph-resource";
import type { SqlColumn } from "./odata-filter";
import type { GraphListSpec } from "./odata-query";

export const relationshipsEntitySet = "tenantRelationships/delegatedAdminRelationships";
export const requestsEntitySet = `${relationshipsEntitySet}/requests`;

export const graphRelationshipStatuses = [
  "created",
  "approvalPending",
  "approved",
  "activating",
  "active",
  "expiring",
  "expired",
  "terminationRequested",
  "terminating",
  "terminated",
  "unknownFutureValue"
] as const;
export type GraphRelationshipStatus = (typeof graphRelationshipStatuses)[number];

/** Ours that Graph has no word for: they ended before anyone was granted anything. */
const shownAsTerminated: readonly RelationshipStatus[] = ["declined", "cancelled"];

function graphStatusOf(status: RelationshipStatus): {
  status: GraphRelationshipStatus;
  statusDetail?: RelationshipStatus;
} {
  return shownAsTerminated.includes(status)
    ? { status: "terminated", statusDetail: status }
    : { status: status as GraphRelationshipStatus };
}

/** The stored statuses a Graph status stands for: `terminated` is three of ours; `unknownFutureValue` none. */
function storedStatusesFor(status: string): RelationshipStatus[] {
  if (status === "unknownFutureValue") return [];
  return status === "terminated" ? ["terminated", ...shownAsTerminated] : [status as RelationshipStatus];
}

export function toGraphRelationship(document: StoredRelationship, invitationLink?: string): Record<string, unknown> {
  const { status, statusDetail } = graphStatusOf(document.status);
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminRelationship",
    "@odata.etag": graphEtag(relationshipEtag(document)),
    id: document.id,
    displayName: document.displayName,
    duration: document.duration,
    customer: {
      tenantId: document.customer.tenantId ?? null,
      displayName: document.customer.displayName ?? null,
      ...(document.customer.adminEmail === undefined ? {} : { adminEmail: document.customer.adminEmail })
    },
    accessDetails: {
      unifiedRoles: document.accessDetails.unifiedRoles.map((role) => ({ roleDefinitionId: role.roleDefinitionId }))
    },
    status,
    ...(statusDetail ? { statusDetail } : {}),
    autoExtendDuration: document.autoExtendDuration,
    createdDateTime: document.createdDateTime,
    lastModifiedDateTime: document.lastModifiedDateTime,
    activatedDateTime: document.activatedDateTime ?? null,
    endDateTime: document.endedDateTime ?? document.endDateTime ?? null,
    partnerType: document.partnerType,
    ...(invitationLink && document.status === "approvalPending" ? { invitationLink } : {})
  };
}

export const relationshipListSpec: GraphListSpec = {
  selectable: [
    "id",
    "displayName",
    "duration",
    "customer",
    "accessDetails",
    "status",
    "statusDetail",
    "autoExtendDuration",
    "createdDateTime",
    "lastModifiedDateTime",
    "activatedDateTime",
    "endDateTime",
    "partnerType"
  ],
  sortable: ["createdDateTime", "displayName", "status", "endDateTime"],
  defaultOrder: { property: "createdDateTime", direction: "desc" },
  filterable: {
    status: { operators: ["eq"], values: graphRelationshipStatuses },
    displayName: { operators: ["eq", "startswith"] },
    "customer/tenantId": { operators: ["eq"], guid: true }
  }
};

/** Where each filterable and sortable property is stored (the Cosmos DB adapter builds its SQL from these). */
export const relationshipColumns: Readonly<Record<string, SqlColumn>> = {
  status: { path: "c.status", storedValues: storedStatusesFor },
  displayName: { path: "c.displayName" },
  "customer/tenantId": { path: "c.customer.tenantId" },
  createdDateTime: { path: "c.createdDateTime" },
  endDateTime: { path: "c.endSortKey" }
};

export function toGraphRequest(record: RelationshipRequestRecord): Record<string, unknown> {
  const resource = {
    id: record.id,
    action: record.action,
    status: record.status,
    createdDateTime: record.createdDateTime,
    lastModifiedDateTime: record.lastModifiedDateTime
  };
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminRelationshipRequest",
    "@odata.etag": contentEtag(resource),
    ...resource
  };
}

export const requestStatuses = ["created", "pending", "succeeded", "failed", "unknownFutureValue"] as const;

export const requestListSpec: GraphListSpec = {
  selectable: ["id", "action", "status", "createdDateTime", "lastModifiedDateTime"],
  sortable: ["createdDateTime"],
  defaultOrder: { property: "createdDateTime", direction: "desc" },
  filterable: {
    status: { operators: ["eq"], values: requestStatuses },
    action: { operators: ["eq"], values: [...requestActions, "approve", "reject", "unknownFutureValue"] }
  }
};
