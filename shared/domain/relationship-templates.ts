/**
 * Relationship templates: a partner's named set of terms (partner type, roles, duration, auto-extend) and the
 * security-group access assignments to create once a relationship made from it is active. The terms are judged by
 * the invitation's own rules (validateTerms) and each group assignment by the access assignment rules, so a
 * template can never hold what an invitation or an assignment would refuse. Pure: plain data in, named errors out.
 */
import type { FieldError } from "../errors";
import { labelError, roleErrors } from "./access-assignments";
import { isGuid, normalizeGuid } from "./guid";
import { checkName, validateTerms, type NormalizedTerms, type TermsRequest, type Validation } from "./invitation-rules";
import { roleIdsOf } from "./roles";

/** Templates one partner may keep: enough for every kind of engagement, few enough to list in one read. */
export const maxTemplatesPerPartner = 100;
export const templateNameMaxLength = 100;
/** Group assignments one template may carry (a relationship holds at most 100; a template is a starting set). */
export const maxTemplateAssignments = 20;

export interface TemplateAssignmentRequest {
  readonly accessContainer: { readonly accessContainerId: string; readonly accessContainerType?: string };
  readonly accessDetails: { readonly unifiedRoles: readonly { readonly roleDefinitionId: string }[] };
  readonly label?: string;
}

export interface TemplateRequest extends TermsRequest {
  readonly displayName: string;
  readonly accessAssignments?: readonly TemplateAssignmentRequest[];
}

/** A group assignment as a template keeps it, and as a relationship made from it records it until it is created. */
export interface TemplateAssignment {
  /** Lower case. */
  readonly securityGroupId: string;
  /** Lower case, in the order given, each one of the template's roles. */
  readonly roleDefinitionIds: readonly string[];
  readonly label?: string;
}

export interface NormalizedTemplate extends NormalizedTerms {
  /** Trimmed. */
  readonly displayName: string;
  readonly accessAssignments: readonly TemplateAssignment[];
}

export function validateTemplate(request: TemplateRequest): Validation<NormalizedTemplate> {
  const errors: FieldError[] = [];
  const displayName = request.displayName.trim();
  const nameError = checkName(displayName, templateNameMaxLength);
  if (nameError) errors.push({ field: "displayName", message: nameError });
  const terms = validateTerms(request);
  if (!terms.ok) errors.push(...terms.errors);
  const heldRoles = terms.ok ? terms.value.accessDetails.unifiedRoles : (request.accessDetails?.unifiedRoles ?? []);
  const assignments = checkAssignments(request.accessAssignments ?? [], heldRoles, errors);
  if (errors.length > 0 || !terms.ok) return { ok: false, errors };
  return { ok: true, value: { ...terms.value, displayName, accessAssignments: assignments } };
}

/** Case and surrounding spaces aside, two templates of one partner may not share a name. */
export function templateNameKey(displayName: string): string {
  return displayName.trim().toLowerCase();
}

function checkAssignments(
  requested: readonly TemplateAssignmentRequest[],
  heldRoles: readonly { readonly roleDefinitionId: string }[],
  errors: FieldError[]
): TemplateAssignment[] {
  if (requested.length > maxTemplateAssignments) {
    errors.push({
      field: "accessAssignments",
      message: `must list at most ${maxTemplateAssignments} security groups; it lists ${requested.length}.`
    });
    return [];
  }
  // The assignment rules judge roles against a relationship; here the template's own roles stand in for it.
  const holder = { status: "active" as const, accessDetails: { unifiedRoles: heldRoles } };
  const seen = new Map<string, number>();
  return requested.map((assignment, index) => {
    const at = `accessAssignments.${index}`;
    const groupId = normalizeGuid(assignment.accessContainer.accessContainerId);
    if (!isGuid(groupId))
      errors.push({
        field: `${at}.accessContainer.accessContainerId`,
        message: "must be a security group's object id (GUID)."
      });
    else if (seen.has(groupId))
      errors.push({
        field: `${at}.accessContainer.accessContainerId`,
        message: `is already listed at accessAssignments.${seen.get(groupId)}; list each group once.`
      });
    seen.set(groupId, seen.get(groupId) ?? index);
    const type = assignment.accessContainer.accessContainerType;
    if (type !== undefined && type !== "securityGroup")
      errors.push({ field: `${at}.accessContainer.accessContainerType`, message: "must be securityGroup." });
    const roleIds = assignment.accessDetails.unifiedRoles.map((role) => normalizeGuid(role.roleDefinitionId));
    for (const error of roleErrors(holder, roleIds)) {
      const message = error.message
        .replace("this relationship", "this template")
        .replace("the relationship's roles", "the template's roles");
      errors.push({
        field: `${at}.${error.field ?? "accessDetails.unifiedRoles"}`,
        message: message.endsWith(".") ? message : `${message}.`
      });
    }
    const label = assignment.label?.trim();
    const badLabel = assignment.label === undefined ? undefined : labelError(assignment.label);
    if (badLabel) errors.push({ field: `${at}.label`, message: `${badLabel}.` });
    return {
      securityGroupId: groupId,
      roleDefinitionIds: roleIdsOf(roleIds.map((roleDefinitionId) => ({ roleDefinitionId }))),
      ...(label ? { label } : {})
    };
  });
}

/** What a relationship made from a template takes from it, and what a request may not say otherwise. */
export interface TemplateTerms extends NormalizedTerms {
  readonly id: string;
  readonly displayName: string;
  readonly accessAssignments: readonly TemplateAssignment[];
}

/**
 * The terms of a relationship made from a template: whatever the request leaves out comes from the template, and
 * whatever it gives must say the same (a 400 naming the field otherwise), so the relationship is the template's
 * and its group assignments fit its roles.
 */
export function termsFromTemplate(template: TemplateTerms, request: TermsRequest): Validation<TermsRequest> {
  const errors: FieldError[] = [];
  const differs = (field: string) =>
    errors.push({
      field,
      message: `must be the template's (${template.displayName}); leave it out to use the template's, or invite without the template.`
    });
  if (request.partnerType !== undefined && request.partnerType !== template.partnerType) differs("partnerType");
  if (request.accessDetails !== undefined) {
    const asked = new Set(request.accessDetails.unifiedRoles.map((role) => normalizeGuid(role.roleDefinitionId)));
    const held = template.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId);
    if (asked.size !== held.length || !held.every((id) => asked.has(id))) differs("accessDetails.unifiedRoles");
  }
  if (request.duration !== undefined) {
    const asked = validateTerms({ ...template, duration: request.duration });
    if (!asked.ok || asked.value.durationDays !== template.durationDays) differs("duration");
  }
  if (request.autoExtendDuration !== undefined && request.autoExtendDuration !== template.autoExtendDuration) {
    const asked = validateTerms({ ...template, autoExtendDuration: request.autoExtendDuration });
    if (!asked.ok || asked.value.autoExtendDuration !== template.autoExtendDuration) differs("autoExtendDuration");
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      partnerType: template.partnerType,
      accessDetails: template.accessDetails,
      duration: template.duration,
      autoExtendDuration: template.autoExtendDuration
    }
  };
}
