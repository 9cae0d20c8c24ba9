/**
 * Which admin roles an invitation may ask for, given its partner type (the seed's table): advisors always get
 * Global Administrator + Helpdesk Administrator, five types carry none, line-of-business partners cannot be given
 * any, `partner` may ask for any catalogue role and `partnerWithGdap` for any GDAP-eligible one.
 */
import type { FieldError } from "../errors";
import { normalizeGuid } from "./guid";
import type { PartnerType } from "./partner-types";
import type { AccessDetails } from "./relationship";
import type { RoleDefinition } from "./roles";

export interface RoleCheck {
  /** The roles the relationship will carry, de-duplicated and in catalogue order (advisor defaults included). */
  readonly roleIds: readonly string[];
  readonly errors: readonly FieldError[];
}

const listField = "accessDetails.unifiedRoles";
const entryField = (index: number): string => `${listField}.${index}.roleDefinitionId`;

export function checkRequestedRoles(
  type: PartnerType,
  accessDetails: AccessDetails | undefined,
  catalogue: readonly RoleDefinition[]
): RoleCheck {
  const requested = (accessDetails?.unifiedRoles ?? []).map((role) => normalizeGuid(role.roleDefinitionId));
  const policy = type.rolePolicy;
  switch (policy.kind) {
    case "none":
      return refuseAny(
        requested,
        `${withArticle(type.displayName)} relationship carries no admin roles; leave ${listField} out or empty.`
      );
    case "notAvailable":
      return refuseAny(
        requested,
        `Admin roles are not available to assign to a ${type.displayName}; leave ${listField} out or empty.`
      );
    case "fixed": {
      if (accessDetails === undefined) return { roleIds: inCatalogueOrder(policy.roleIds, catalogue), errors: [] };
      const errors = duplicateErrors(requested, catalogue);
      const unique = new Set(requested);
      const exact = unique.size === policy.roleIds.length && policy.roleIds.every((id) => unique.has(id));
      if (!exact) {
        const names = policy.roleIds.map((id) => nameOf(id, catalogue)).join(" and ");
        errors.push({
          field: listField,
          message: `${withArticle(type.displayName)} relationship always carries exactly ${names}; list exactly these or leave accessDetails out.`
        });
      }
      return { roleIds: inCatalogueOrder(policy.roleIds, catalogue), errors };
    }
    case "anyCatalogueRole":
    case "gdapEligible": {
      const errors: FieldError[] = [];
      if (requested.length === 0) {
        errors.push({
          field: listField,
          message: `${withArticle(type.displayName)} relationship needs at least one role; ask for the fewest that do the job.`
        });
      }
      requested.forEach((id, index) => {
        const role = catalogue.find((candidate) => candidate.id === id);
        if (!role)
          errors.push({
            field: entryField(index),
            message: `${id} is not a Microsoft Entra built-in role template id we know.`
          });
        else if (policy.kind === "gdapEligible" && !role.gdapEligible) {
          errors.push({ field: entryField(index), message: `${role.displayName} cannot be granted through GDAP.` });
        }
      });
      errors.push(...duplicateErrors(requested, catalogue));
      return { roleIds: inCatalogueOrder(requested, catalogue), errors };
    }
  }
}

function refuseAny(requested: readonly string[], message: string): RoleCheck {
  return { roleIds: [], errors: requested.length > 0 ? [{ field: listField, message }] : [] };
}

function duplicateErrors(requested: readonly string[], catalogue: readonly RoleDefinition[]): FieldError[] {
  return requested.flatMap((id, index) => {
    const first = requested.indexOf(id);
    if (first === index) return [];
    return [
      {
        field: entryField(index),
        message: `${nameOf(id, catalogue)} is already listed at index ${first}; list each role once.`
      }
    ];
  });
}

function inCatalogueOrder(ids: readonly string[], catalogue: readonly RoleDefinition[]): string[] {
  const wanted = new Set(ids);
  return catalogue.filter((role) => wanted.has(role.id)).map((role) => role.id);
}

function nameOf(id: string, catalogue: readonly RoleDefinition[]): string {
  return catalogue.find((role) => role.id === id)?.displayName ?? id;
}

function withArticle(name: string): string {
  return /^[aeiou]/i.test(name) ? `An ${name}` : `A ${name}`;
}
