/**
 * Access assignments (Graph's delegatedAdminAccessAssignment): once a customer has approved a relationship, the
 * partner gives each of its own security groups a subset of the relationship's roles, and only members of those
 * groups act in the customer tenant. The rules here are pure: they see plain data and name what is wrong, and the
 * use cases turn their answers into 400s and 409s.
 */
import type { RelationshipStatus } from "./relationship";
import { normalizeGuid } from "./guid";

/** Graph's statuses: pending → active; deleting → deleted; error when applying failed. */
export const accessAssignmentStatuses = ["pending", "active", "deleting", "deleted", "error"] as const;
export type AccessAssignmentStatus = (typeof accessAssignmentStatuses)[number];

/** Live assignments (not deleted) one relationship may hold. */
export const maxLiveAssignments = 100;
/** Deleted assignments kept for Graph's `deleted` status; older ones are dropped. */
export const maxDeletedAssignmentsKept = 50;
/** Operations kept per relationship, the most recent. */
export const maxOperationsKept = 100;
/** The optional label people give an assignment (an extra property, for the pages). */
export const maxAssignmentLabelLength = 100;

/** Assignments are made and changed only while the relationship gives its roles. */
export const assignableStatuses: readonly RelationshipStatus[] = ["active", "expiring"];

export interface AssignmentRuleError {
  /** The request field at fault, for a 400; absent for a conflict with stored state (409). */
  readonly field?: string;
  readonly message: string;
  readonly kind: "invalid" | "conflict";
}

export interface AssignedGroup {
  readonly id: string;
  readonly securityGroupId: string;
  readonly status: AccessAssignmentStatus;
}

interface RelationshipRoles {
  readonly status: RelationshipStatus;
  readonly accessDetails: { readonly unifiedRoles: readonly { readonly roleDefinitionId: string }[] };
}

/** The relationship must be giving its roles: only then may a group be given some of them. */
export function relationshipRefusal(relationship: Pick<RelationshipRoles, "status">): AssignmentRuleError | undefined {
  if (assignableStatuses.includes(relationship.status)) return undefined;
  return {
    kind: "conflict",
    message: `Access can be assigned only on an active relationship; this one is ${relationship.status}.`
  };
}

/** A non-empty list of distinct roles, each one the relationship holds now. */
export function roleErrors(relationship: RelationshipRoles, roleIds: readonly string[]): AssignmentRuleError[] {
  const field = "accessDetails.unifiedRoles";
  if (roleIds.length === 0) return [{ kind: "invalid", field, message: "must name at least one role" }];
  const held = new Set(relationship.accessDetails.unifiedRoles.map((role) => normalizeGuid(role.roleDefinitionId)));
  const seen = new Set<string>();
  const errors: AssignmentRuleError[] = [];
  roleIds.forEach((roleId, index) => {
    const id = normalizeGuid(roleId);
    const at = `${field}.${index}.roleDefinitionId`;
    if (seen.has(id)) errors.push({ kind: "invalid", field: at, message: "is listed twice" });
    else if (!held.has(id))
      errors.push({
        kind: "invalid",
        field: at,
        message: "is not a role of this relationship: an assignment gives a group some of the relationship's roles"
      });
    seen.add(id);
  });
  return errors;
}

export function isLive(assignment: Pick<AssignedGroup, "status">): boolean {
  return assignment.status !== "deleted";
}

/** One live assignment per group per relationship, and at most `maxLiveAssignments` of them. */
export function newAssignmentErrors(
  relationship: RelationshipRoles,
  existing: readonly AssignedGroup[],
  securityGroupId: string,
  roleIds: readonly string[]
): AssignmentRuleError[] {
  const refusal = relationshipRefusal(relationship);
  if (refusal) return [refusal];
  const live = existing.filter(isLive);
  const group = normalizeGuid(securityGroupId);
  const taken = live.find((assignment) => normalizeGuid(assignment.securityGroupId) === group);
  const errors = roleErrors(relationship, roleIds);
  if (taken) {
    errors.push({
      kind: "conflict",
      field: "accessContainer.accessContainerId",
      message: `This security group already has an access assignment on this relationship (${taken.id}); change that one, or delete it first.`
    });
  } else if (live.length >= maxLiveAssignments) {
    errors.push({
      kind: "conflict",
      message: `A relationship holds at most ${maxLiveAssignments} access assignments; delete one first.`
    });
  }
  return errors;
}

/** Changing roles: the assignment must not be deleted or on its way out, and the roles follow the usual rule. */
export function changeErrors(
  relationship: RelationshipRoles,
  assignment: Pick<AssignedGroup, "status">,
  roleIds: readonly string[] | undefined
): AssignmentRuleError[] {
  const refusal = statusRefusal(assignment, "changed") ?? relationshipRefusal(relationship);
  if (refusal) return [refusal];
  return roleIds === undefined ? [] : roleErrors(relationship, roleIds);
}

/** Deleting: anything not already deleted or being deleted. */
export function deleteRefusal(assignment: Pick<AssignedGroup, "status">): AssignmentRuleError | undefined {
  return statusRefusal(assignment, "deleted");
}

function statusRefusal(
  assignment: Pick<AssignedGroup, "status">,
  verb: "changed" | "deleted"
): AssignmentRuleError | undefined {
  if (assignment.status === "deleted") {
    return {
      kind: "conflict",
      message: `A deleted access assignment cannot be ${verb}; assign the group again (a new assignment) if it needs access.`
    };
  }
  if (assignment.status === "deleting")
    return { kind: "conflict", message: `This access assignment is being deleted and cannot be ${verb}.` };
  return undefined;
}

/** A label is a short line of text for people: no control, invisible or private-use characters. */
export function labelError(label: string): string | undefined {
  const length = [...label.trim()].length;
  if (length === 0) return "must not be empty; leave it out (or send null to clear it)";
  if (length > maxAssignmentLabelLength)
    return `must be at most ${maxAssignmentLabelLength} characters; it has ${length}`;
  if (/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/u.test(label))
    return "must not contain control, invisible or private-use characters";
  return undefined;
}

/** The same roles, whatever the order and case: a PATCH that changes nothing needs no work. */
export function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map(normalizeGuid));
  const right = new Set(b.map(normalizeGuid));
  return left.size === right.size && [...left].every((id) => right.has(id));
}
