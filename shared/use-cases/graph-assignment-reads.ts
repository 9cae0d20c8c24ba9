/**
 * What the /v1.0 surface reads of a relationship's access assignments and operations: the relationship's one point
 * read in the partner's own partition (another partner's is a 404), then the embedded list filtered and sorted as
 * the query asks (a stable sort: ties keep the order they were made in).
 */
import type { AccessAssignmentRecord, OperationRecord } from "../assignments/assignment-records";
import { assignmentValue, operationValue } from "../graph/graph-assignments";
import { matchesFilter } from "../graph/odata-filter";
import type { GraphListQuery } from "../graph/odata-query";
import { listAccessAssignments } from "./access-assignments";
import type { PartnerPorts } from "./partner-relationships";
import { listOperations } from "./relationship-operations";

export async function listGraphAccessAssignments(
  ports: PartnerPorts,
  partnerTenantId: string,
  relationshipId: string,
  query: GraphListQuery
): Promise<AccessAssignmentRecord[]> {
  const { assignments } = await listAccessAssignments(ports, partnerTenantId, relationshipId);
  return filteredAndSorted(assignments, query, assignmentValue);
}

export async function listGraphOperations(
  ports: PartnerPorts,
  partnerTenantId: string,
  relationshipId: string,
  query: GraphListQuery
): Promise<OperationRecord[]> {
  return filteredAndSorted(await listOperations(ports, partnerTenantId, relationshipId), query, operationValue);
}

function filteredAndSorted<T>(
  items: readonly T[],
  query: GraphListQuery,
  valueOf: (item: T, property: string) => string | undefined
): T[] {
  const matching = items.filter((item) => matchesFilter(item, query.filter, valueOf));
  const { property, direction } = query.orderBy;
  const ascending = [...matching].sort((a, b) =>
    (valueOf(a, property) ?? "").localeCompare(valueOf(b, property) ?? "")
  );
  return direction === "desc" ? ascending.reverse() : ascending;
}
