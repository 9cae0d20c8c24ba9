/**
 * Access assignments and operations as the API shows them, in Graph's field names (delegatedAdminAccessAssignment,
 * delegatedAdminRelationshipOperation) plus an assignment's `label` and `error`; the internal bookkeeping
 * (`version`, `heldRoles`) stays inside. An operation's `data` is a JSON string, as in Graph.
 */
import type { AccessAssignmentRecord, OperationRecord } from "./assignment-records";

export function toAccessAssignmentResource(assignment: AccessAssignmentRecord): Record<string, unknown> {
  return {
    id: assignment.id,
    status: assignment.status,
    accessContainer: {
      accessContainerId: assignment.accessContainer.accessContainerId,
      accessContainerType: assignment.accessContainer.accessContainerType
    },
    accessDetails: {
      unifiedRoles: assignment.accessDetails.unifiedRoles.map((role) => ({ roleDefinitionId: role.roleDefinitionId }))
    },
    createdDateTime: assignment.createdDateTime,
    lastModifiedDateTime: assignment.lastModifiedDateTime,
    ...(assignment.label === undefined ? {} : { label: assignment.label }),
    ...(assignment.error === undefined ? {} : { error: assignment.error })
  };
}

export function toOperationResource(operation: OperationRecord): Record<string, unknown> {
  return {
    id: operation.id,
    operationType: operation.operationType,
    status: operation.status,
    data: JSON.stringify(operationData(operation)),
    createdDateTime: operation.createdDateTime,
    lastModifiedDateTime: operation.lastModifiedDateTime
  };
}

/** Graph's `data` carries the assignment as the operation leaves it; ours says the same, and why it failed. */
function operationData(operation: OperationRecord): Record<string, unknown> {
  const { subject } = operation;
  const error = operation.error ? { error: operation.error } : {};
  const unifiedRoles = subject.roleDefinitionIds.map((roleDefinitionId) => ({ roleDefinitionId }));
  if (subject.kind === "relationship") return { action: subject.action, accessDetails: { unifiedRoles }, ...error };
  return {
    id: subject.accessAssignmentId,
    accessContainer: { accessContainerId: subject.securityGroupId, accessContainerType: "securityGroup" },
    accessDetails: { unifiedRoles },
    status: subject.target,
    ...error
  };
}
