/**
 * What the partner's relationship page says about its access assignments and operations, computed once and used for
 * the HTML and for the JSON the script polls, so a refreshed row reads exactly like the rendered one. Whether a
 * group may be assigned, changed or removed comes from the domain's own rules (the use cases check them again).
 */
import {
  findAssignment,
  type AccessAssignmentRecord,
  type OperationRecord,
  type RelationshipWork
} from "../../assignments/assignment-records";
import { changeErrors, deleteRefusal, relationshipRefusal } from "../../domain/access-assignments";
import type { RelationshipStatus } from "../../domain/relationship";
import type { StoredRelationship } from "../../relationships/relationship-document";
import { groupName, roleNames } from "../views/assignment-parts";

export interface AssignmentActions {
  readonly change: boolean;
  readonly remove: boolean;
}

const notYetActive: readonly RelationshipStatus[] = ["created", "approvalPending", "approved", "activating"];

/** Why no group can be given roles now (a sentence for the page), or undefined when one can. */
export function assignRefusal(document: StoredRelationship): string | undefined {
  if (relationshipRefusal(document)) {
    if (document.status === "approved" || document.status === "activating") {
      return "The customer has accepted. Security groups can be assigned as soon as the relationship is active, in a moment.";
    }
    if (notYetActive.includes(document.status))
      return "Security groups can be assigned once the customer has accepted and the relationship is active.";
    return "This relationship has ended or is ending, so no security group can be given its roles.";
  }
  if (document.accessDetails.unifiedRoles.length === 0)
    return "The customer removed this relationship's roles, so there are no roles left to give a security group.";
  return undefined;
}

export function assignmentActions(document: StoredRelationship, assignment: AccessAssignmentRecord): AssignmentActions {
  return {
    change: changeErrors(document, assignment, undefined).length === 0,
    remove: deleteRefusal(assignment) === undefined
  };
}

/** A line under the assignment's status: what is happening, or why applying it failed. */
export function assignmentNote(assignment: AccessAssignmentRecord): string {
  switch (assignment.status) {
    case "pending":
      return "Being applied: its members get these roles within moments.";
    case "deleting":
      return "Its members have lost these roles; the removal is being finished.";
    case "error":
      return assignment.error?.message ?? "Applying the last change failed.";
    default:
      return "";
  }
}

const relationshipWork: Record<RelationshipWork, string> = {
  activate: "Activate the relationship's roles",
  removeRoles: "Remove the relationship's roles (the customer's Remove roles) and every group's access",
  terminate: "End the relationship and every group's access",
  expire: "Expire the relationship and end every group's access"
};

/** What an operation does, in words; a group is named by its current label when it still has one. */
export function operationDescription(operation: OperationRecord, document: StoredRelationship): string {
  const { subject } = operation;
  const roles = roleNames(subject.roleDefinitionIds).join(", ");
  if (subject.kind === "relationship")
    return roles ? `${relationshipWork[subject.action]}: ${roles}` : relationshipWork[subject.action];
  const assignment = findAssignment(document, subject.accessAssignmentId);
  const group = assignment ? groupName(assignment) : `group ${subject.securityGroupId}`;
  return subject.target === "deleted" ? `Remove the access of ${group}` : `Give ${group} these roles: ${roles}`;
}

export function operationNote(operation: OperationRecord): string {
  return operation.status === "failed" ? (operation.error?.message ?? "It failed.") : "";
}

/** The most recent operations first, at most `limit` of them. */
export function recentOperations(document: StoredRelationship, limit = 20): OperationRecord[] {
  return [...(document.operations ?? [])].reverse().slice(0, limit);
}
