/**
 * What a partner does with access assignments (Graph's delegatedAdminAccessAssignment): give one of its security
 * groups some of an active relationship's roles, change them, take them away, and read them. Reads are the
 * relationship's point read in the partner's own partition (another partner's relationship is a 404); every change
 * is one ETag-guarded write of the relationship document with its operation, its queue message and — for roles
 * taken away — the access to remove, which the request's own drain carries out before it answers.
 *
 * An assignment's ETag is its own (`v<version>`), bumped only by changes someone asked for; these writes leave the
 * relationship's ETag as it was.
 */
import { randomUUID } from "node:crypto";
import {
  assignmentEtag,
  findAssignment,
  findOperation,
  newOperation,
  operationIdFor,
  withAssignment,
  withOperation,
  type AccessAssignmentRecord,
  type OperationRecord
} from "../assignments/assignment-records";
import {
  changeErrors,
  deleteRefusal,
  labelError,
  newAssignmentErrors,
  sameRoles,
  type AssignmentRuleError
} from "../domain/access-assignments";
import { normalizeGuid } from "../domain/guid";
import { roleIdsOf } from "../domain/roles";
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from "../errors";
import type { AccessRemoval } from "../outbox/outbox-entry";
import { changeRelationship, type RelationshipChange } from "../relationships/change-relationship";
import type { StoredRelationship, VersionedRelationship } from "../relationships/relationship-document";
import { getPartnerRelationship, type PartnerPorts, type PartnerRequest } from "./partner-relationships";

export interface NewAccessAssignment {
  readonly securityGroupId: string;
  readonly roleDefinitionIds: readonly string[];
  readonly label?: string;
  /** Made for the template the relationship came from: its pending entry for the group goes in the same write. */
  readonly fromTemplate?: boolean;
}

export interface AccessAssignmentChange {
  readonly roleDefinitionIds?: readonly string[];
  /** A new label; null takes it away. */
  readonly label?: string | null;
}

export interface AssignmentRequest extends Omit<PartnerRequest, "ifMatch"> {
  readonly accessAssignmentId: string;
  /** The assignment's ETag, unquoted (PATCH and DELETE require it at the edge). */
  readonly ifMatch?: string;
}

export interface AssignmentResult {
  readonly assignment: AccessAssignmentRecord;
  /** The operation that applies the change; absent when nothing needs applying (a label, or the same roles). */
  readonly operation?: OperationRecord;
}

export async function createAccessAssignment(
  ports: PartnerPorts,
  request: Omit<PartnerRequest, "ifMatch">,
  input: NewAccessAssignment
): Promise<AssignmentResult> {
  requireValidLabel(input.label);
  const id = randomUUID();
  let operationId = "";
  const written = await changeRelationship(ports, request, (current, now) => {
    const existing = (current.accessAssignments ?? []).map((a) => ({
      id: a.id,
      securityGroupId: a.accessContainer.accessContainerId,
      status: a.status
    }));
    throwRuleErrors(newAssignmentErrors(current, existing, input.securityGroupId, input.roleDefinitionIds));
    const at = now.toISOString();
    const roles = roleIdsOf(input.roleDefinitionIds.map((roleDefinitionId) => ({ roleDefinitionId })));
    const assignment: AccessAssignmentRecord = {
      id,
      accessContainer: {
        accessContainerId: normalizeGuid(input.securityGroupId),
        accessContainerType: "securityGroup"
      },
      accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
      status: "pending",
      createdDateTime: at,
      lastModifiedDateTime: at,
      version: 1,
      heldRoles: roles,
      ...(input.label === undefined ? {} : { label: input.label.trim() })
    };
    operationId = operationIdOf(current, id);
    const base = input.fromTemplate
      ? withoutPendingAssignment(current, assignment.accessContainer.accessContainerId)
      : current;
    return withWork(
      base,
      assignment,
      input.fromTemplate ? "templateAccessAssignmentCreated" : "accessAssignmentCreated",
      request.actor,
      at
    );
  });
  return resultFor(written, id, operationId);
}

/** PATCH: new roles go `pending` until applied (roles taken away leave the access documents at once); a label alone is written as it is. */
export async function updateAccessAssignment(
  ports: PartnerPorts,
  request: AssignmentRequest,
  input: AccessAssignmentChange
): Promise<AssignmentResult> {
  if (input.label !== null) requireValidLabel(input.label);
  let unchanged: AccessAssignmentRecord | undefined;
  let operationId: string | undefined;
  const written = await changeRelationship(ports, onRelationship(request), (current, now) => {
    const found = assignmentFor(current, request);
    throwRuleErrors(changeErrors(current, found, input.roleDefinitionIds));
    const at = now.toISOString();
    const roles =
      input.roleDefinitionIds === undefined
        ? undefined
        : roleIdsOf(input.roleDefinitionIds.map((roleDefinitionId) => ({ roleDefinitionId })));
    const label = input.label === undefined ? found.label : (input.label?.trim() ?? undefined);
    const { label: _old, ...bare } = found;
    const labelled = label === undefined ? bare : { ...bare, label };
    // The same roles change nothing (Graph answers 200), unless the last attempt failed: then it is a retry.
    const rolesChange =
      roles !== undefined &&
      (found.status === "error" || !sameRoles(roles, roleIdsOf(found.accessDetails.unifiedRoles)));
    operationId = undefined;
    if (!rolesChange) {
      if (label === found.label) throw new NothingToDo(found);
      const assignment = { ...labelled, version: found.version + 1, lastModifiedDateTime: at };
      return {
        document: withAssignment(current, assignment),
        action: "accessAssignmentRelabelled",
        actor: request.actor,
        bookkeeping: true,
        details: auditDetails(assignment)
      };
    }
    const { error: _cleared, ...retried } = labelled;
    const assignment: AccessAssignmentRecord = {
      ...retried,
      accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
      status: "pending",
      version: found.version + 1,
      lastModifiedDateTime: at,
      heldRoles: [...new Set([...found.heldRoles, ...roles])]
    };
    const takenAway = found.heldRoles.filter((roleId) => !roles.includes(roleId));
    operationId = operationIdOf(current, assignment.id);
    return withWork(current, assignment, "accessAssignmentUpdated", request.actor, at, takenAway);
  }).catch((error: unknown) => {
    if (!(error instanceof NothingToDo)) throw error;
    unchanged = error.assignment;
    return undefined;
  });
  return written
    ? resultFor(written, request.accessAssignmentId, operationId)
    : { assignment: unchanged as AccessAssignmentRecord };
}

/** DELETE: `deleting` at once, the group out of the access documents before the answer, `deleted` once the queue work is done. */
export async function deleteAccessAssignment(
  ports: PartnerPorts,
  request: AssignmentRequest
): Promise<AssignmentResult> {
  let operationId = "";
  const written = await changeRelationship(ports, onRelationship(request), (current, now) => {
    const found = assignmentFor(current, request);
    const refusal = deleteRefusal(found);
    if (refusal) throw new ConflictError(refusal.message);
    const at = now.toISOString();
    const assignment: AccessAssignmentRecord = {
      ...found,
      status: "deleting",
      version: found.version + 1,
      lastModifiedDateTime: at
    };
    operationId = operationIdOf(current, assignment.id);
    return withWork(current, assignment, "accessAssignmentDeleted", request.actor, at, found.heldRoles);
  });
  return resultFor(written, request.accessAssignmentId, operationId);
}

export async function listAccessAssignments(
  ports: PartnerPorts,
  partnerTenantId: string,
  relationshipId: string
): Promise<{ relationship: VersionedRelationship; assignments: readonly AccessAssignmentRecord[] }> {
  const relationship = await getPartnerRelationship(ports, partnerTenantId, relationshipId);
  return { relationship, assignments: relationship.document.accessAssignments ?? [] };
}

export async function getAccessAssignment(
  ports: PartnerPorts,
  partnerTenantId: string,
  relationshipId: string,
  accessAssignmentId: string
): Promise<AccessAssignmentRecord> {
  const relationship = await getPartnerRelationship(ports, partnerTenantId, relationshipId);
  const assignment = findAssignment(relationship.document, accessAssignmentId);
  if (!assignment) throw new NotFoundError("No such access assignment on this relationship.");
  return assignment;
}

/** The change with its operation and queue message (and any access to take away in the request itself). */
function withWork(
  current: StoredRelationship,
  assignment: AccessAssignmentRecord,
  action: string,
  actor: RelationshipChange["actor"],
  at: string,
  takenAway: readonly string[] = []
): RelationshipChange {
  const operationId = operationIdOf(current, assignment.id);
  const roleDefinitionIds = roleIdsOf(assignment.accessDetails.unifiedRoles);
  const target = assignment.status === "deleting" ? "deleted" : "active";
  const operation = newOperation(
    operationId,
    {
      kind: "accessAssignment",
      accessAssignmentId: assignment.id,
      securityGroupId: assignment.accessContainer.accessContainerId,
      roleDefinitionIds,
      target
    },
    at
  );
  const removal: AccessRemoval = {
    kind: "removeGroup",
    accessAssignmentId: assignment.id,
    securityGroupId: assignment.accessContainer.accessContainerId,
    roleDefinitionIds: takenAway
  };
  return {
    document: withOperation(withAssignment(current, assignment), operation),
    action,
    actor,
    bookkeeping: true,
    details: auditDetails(assignment),
    removeAccess: takenAway.length > 0 ? [removal] : [],
    publish: [
      {
        kind: "applyAccessAssignment",
        partnerTenantId: current.partnerTenantId,
        relationshipId: current.id,
        accessAssignmentId: assignment.id,
        operationId
      }
    ]
  };
}

/** The relationship without the template's pending assignment for this group (relationship-templates). */
export function withoutPendingAssignment(document: StoredRelationship, securityGroupId: string): StoredRelationship {
  const { pendingAccessAssignments, ...rest } = document;
  const left = (pendingAccessAssignments ?? []).filter(
    (pending) => pending.securityGroupId !== normalizeGuid(securityGroupId)
  );
  return left.length > 0 ? { ...rest, pendingAccessAssignments: left } : rest;
}

function assignmentFor(document: StoredRelationship, request: AssignmentRequest): AccessAssignmentRecord {
  const found = findAssignment(document, request.accessAssignmentId);
  if (!found) throw new NotFoundError("No such access assignment on this relationship.");
  if (request.ifMatch !== undefined && request.ifMatch !== assignmentEtag(found)) {
    throw new PreconditionFailedError("The access assignment changed since you read it; read it again and retry.");
  }
  return found;
}

/** The relationship the change is written to: the If-Match is the assignment's, checked against it, not the relationship's. */
function onRelationship(request: AssignmentRequest): { partnerTenantId: string; relationshipId: string } {
  return { partnerTenantId: request.partnerTenantId, relationshipId: request.relationshipId };
}

/** The operation the write that changes `assignmentId` starts (the write makes version + 1). */
function operationIdOf(current: StoredRelationship, assignmentId: string): string {
  return operationIdFor(current.id, current.version + 1, `assignment:${assignmentId}`);
}

function resultFor(
  written: VersionedRelationship,
  accessAssignmentId: string,
  operationId: string | undefined
): AssignmentResult {
  const assignment = findAssignment(written.document, accessAssignmentId) as AccessAssignmentRecord;
  const operation = operationId ? findOperation(written.document, operationId) : undefined;
  return { assignment, ...(operation ? { operation } : {}) };
}

function auditDetails(assignment: AccessAssignmentRecord): Record<string, unknown> {
  return {
    accessAssignment: {
      id: assignment.id,
      securityGroupId: assignment.accessContainer.accessContainerId,
      roles: roleIdsOf(assignment.accessDetails.unifiedRoles),
      status: assignment.status
    }
  };
}

function requireValidLabel(label: string | undefined): void {
  const problem = label === undefined ? undefined : labelError(label);
  if (problem) throw new ValidationError([{ field: "label", message: problem }]);
}

/** 400 for what the request got wrong, then 409 for what clashes with the stored state. */
function throwRuleErrors(errors: readonly AssignmentRuleError[]): void {
  const invalid = errors.filter((error) => error.kind === "invalid");
  if (invalid.length > 0)
    throw new ValidationError(invalid.map((error) => ({ field: error.field ?? "body", message: error.message })));
  const [conflict] = errors;
  if (conflict)
    throw new ConflictError(
      conflict.message,
      conflict.field ? [{ field: conflict.field, message: conflict.message }] : []
    );
}

/** A PATCH that changes nothing: no write, the assignment as it is. */
class NothingToDo extends Error {
  constructor(readonly assignment: AccessAssignmentRecord) {
    super("nothing to change");
  }
}
