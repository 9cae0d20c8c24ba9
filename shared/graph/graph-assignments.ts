/**
 * A relationship's access assignments and operations as Graph's delegatedAdminAccessAssignment and
 * delegatedAdminRelationshipOperation, and what their lists filter and sort by (both are arrays on the relationship
 * document, filtered and sorted in memory after its one point read). An assignment's `@odata.etag` is its own
 * version (`"v<n>"`, the ETag header too); an operation has no version, so its ETag is its content's hash. What
 * Graph lacks travels as extra properties a Graph client reads from `additionalData`: an assignment's `label` and
 * `error`.
 */
import {
  assignmentEtag,
  operationStatuses,
  operationTypes,
  type AccessAssignmentRecord,
  type OperationRecord
} from "../assignments/assignment-records";
import { toAccessAssignmentResource, toOperationResource } from "../assignments/assignment-resource";
import { accessAssignmentStatuses } from "../domain/access-assignments";
import { relationshipsEntitySet } from "./graph-relationships";
import { contentEtag, graphEtag } from "./graph-resource";
import type { GraphListSpec } from "./odata-query";

export const accessAssignmentsEntitySet = `${relationshipsEntitySet}/accessAssignments`;
export const operationsEntitySet = `${relationshipsEntitySet}/operations`;

export function toGraphAccessAssignment(assignment: AccessAssignmentRecord): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminAccessAssignment",
    "@odata.etag": graphEtag(assignmentEtag(assignment)),
    ...toAccessAssignmentResource(assignment)
  };
}

export function toGraphOperation(operation: OperationRecord): Record<string, unknown> {
  const resource = toOperationResource(operation);
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminRelationshipOperation",
    "@odata.etag": contentEtag(resource),
    ...resource
  };
}

export const accessAssignmentListSpec: GraphListSpec = {
  selectable: [
    "id",
    "status",
    "accessContainer",
    "accessDetails",
    "createdDateTime",
    "lastModifiedDateTime",
    "label",
    "error"
  ],
  sortable: ["createdDateTime", "lastModifiedDateTime", "status"],
  defaultOrder: { property: "createdDateTime", direction: "asc" },
  filterable: {
    status: { operators: ["eq"], values: [...accessAssignmentStatuses, "unknownFutureValue"] },
    "accessContainer/accessContainerId": { operators: ["eq"], guid: true }
  }
};

export const operationListSpec: GraphListSpec = {
  selectable: ["id", "operationType", "status", "data", "createdDateTime", "lastModifiedDateTime"],
  sortable: ["createdDateTime", "lastModifiedDateTime", "status"],
  defaultOrder: { property: "createdDateTime", direction: "asc" },
  filterable: {
    status: { operators: ["eq"], values: [...operationStatuses, "unknownFutureValue"] },
    operationType: { operators: ["eq"], values: [...operationTypes, "unknownFutureValue"] }
  }
};

/** A property of an assignment as the filter and the sort read it. */
export function assignmentValue(assignment: AccessAssignmentRecord, property: string): string | undefined {
  switch (property) {
    case "status":
      return assignment.status;
    case "accessContainer/accessContainerId":
      return assignment.accessContainer.accessContainerId;
    case "createdDateTime":
      return assignment.createdDateTime;
    case "lastModifiedDateTime":
      return assignment.lastModifiedDateTime;
    default:
      return undefined;
  }
}

/** A property of an operation as the filter and the sort read it. */
export function operationValue(operation: OperationRecord, property: string): string | undefined {
  switch (property) {
    case "status":
      return operation.status;
    case "operationType":
      return operation.operationType;
    case "createdDateTime":
      return operation.createdDateTime;
    case "lastModifiedDateTime":
      return operation.lastModifiedDateTime;
    default:
      return undefined;
  }
}
