/**
 * Every rule an invitation must meet before it is stored, reported together: one FieldError per broken rule, named
 * by its dotted path in the request JSON, so a partner can fix everything in one go. Uniqueness of `displayName`
 * among one partner's relationships needs storage and is checked there.
 */
import type { FieldError } from "../errors";
import { isGuid, normalizeGuid } from "./guid";
import { formatDurationDays, parseDurationDays } from "./iso-duration";
import { findPartnerType, isRoleBearing, type PartnerTypeId } from "./partner-types";
import type { AccessDetails, AutoExtendDuration, InvitationRequest, Relationship } from "./relationship";
import { autoExtendDurations } from "./relationship";
import { checkRequestedRoles } from "./role-request-rules";
import { globalAdministrator, roleCatalogue, type RoleDefinition } from "./roles";

export const displayNameMaxLength = 50;
export const minDurationDays = 1;
export const maxDurationDays = 730;
/** Types without roles may leave `duration` out; they then run for the longest term Graph allows. */
export const defaultDurationDays = maxDurationDays;

export interface NormalizedInvitation {
  readonly partnerType: PartnerTypeId;
  /** Trimmed. */
  readonly displayName: string;
  /** Email trimmed with its domain in lower case; tenant id in lower case. */
  readonly customer: { readonly adminEmail: string; readonly tenantId?: string };
  /** De-duplicated, in catalogue order; empty for types without roles. */
  readonly accessDetails: AccessDetails;
  /** Canonical whole days (`P1Y6M` becomes `P545D`). */
  readonly duration: string;
  readonly durationDays: number;
  readonly autoExtendDuration: AutoExtendDuration;
}

export type InvitationValidation =
  | { readonly ok: true; readonly value: NormalizedInvitation }
  | { readonly ok: false; readonly errors: FieldError[] };

/** `catalogue` is a parameter so rules that today's catalogue never triggers (a non-GDAP role) stay testable. */
export function validateInvitation(request: InvitationRequest, catalogue: readonly RoleDefinition[] = roleCatalogue): InvitationValidation {
  const errors: FieldError[] = [];
  const type = findPartnerType(request.partnerType);
  if (!type) errors.push({ field: "partnerType", message: `${request.partnerType} is not a partner type we offer.` });

  const displayName = request.displayName.trim();
  const displayNameError = checkDisplayName(displayName);
  if (displayNameError) errors.push({ field: "displayName", message: displayNameError });

  const adminEmail = normalizeEmail(request.customer.adminEmail);
  if (!isPlausibleEmail(adminEmail)) errors.push({ field: "customer.adminEmail", message: "must be an email address such as admin@contoso.com." });

  const tenantId = request.customer.tenantId === undefined ? undefined : normalizeGuid(request.customer.tenantId);
  if (tenantId !== undefined && !isGuid(tenantId)) {
    errors.push({ field: "customer.tenantId", message: "must be a tenant id (GUID) or be left out so any customer tenant can accept." });
  }

  const durationDays = checkDuration(request.duration, type ? isRoleBearing(type) : true, errors);

  const roles = type ? checkRequestedRoles(type, request.accessDetails, catalogue) : undefined;
  errors.push(...(roles?.errors ?? []));

  const roleIds = roles?.roleIds ?? (request.accessDetails?.unifiedRoles ?? []).map((role) => normalizeGuid(role.roleDefinitionId));
  const autoExtendDuration = request.autoExtendDuration ?? "PT0S";
  errors.push(...autoExtendErrors(autoExtendDuration, roleIds));

  if (errors.length > 0 || !type || durationDays === undefined || !isAutoExtendDuration(autoExtendDuration)) return { ok: false, errors };
  return {
    ok: true,
    value: {
      partnerType: type.id,
      displayName,
      customer: tenantId === undefined ? { adminEmail } : { adminEmail, tenantId },
      accessDetails: { unifiedRoles: roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
      duration: formatDurationDays(durationDays),
      durationDays,
      autoExtendDuration
    }
  };
}

/** The one field a partner may change after sending: checked against the roles the relationship already has. */
export function validateAutoExtendUpdate(relationship: Pick<Relationship, "accessDetails">, autoExtendDuration: string): FieldError[] {
  const roleIds = relationship.accessDetails.unifiedRoles.map((role) => normalizeGuid(role.roleDefinitionId));
  return autoExtendErrors(autoExtendDuration, roleIds);
}

function checkDisplayName(trimmed: string): string | undefined {
  if (trimmed.length === 0) return "is required.";
  if (/\p{Cc}/u.test(trimmed)) return "must not contain control characters such as line breaks or tabs.";
  const length = [...trimmed].length;
  if (length > displayNameMaxLength) return `must be at most ${displayNameMaxLength} characters; it has ${length}.`;
  return undefined;
}

function checkDuration(duration: string | undefined, required: boolean, errors: FieldError[]): number | undefined {
  if (duration === undefined) {
    if (!required) return defaultDurationDays;
    errors.push({ field: "duration", message: "is required for a relationship with admin roles: P1D to P2Y." });
    return undefined;
  }
  const days = parseDurationDays(duration);
  if (days === undefined) {
    errors.push({ field: "duration", message: "must be an ISO-8601 duration in whole days, weeks, months or years, such as P90D or P2Y." });
  } else if (days < minDurationDays || days > maxDurationDays) {
    errors.push({ field: "duration", message: `must be between P1D and P2Y (730 days); ${duration} is ${days} days.` });
  } else {
    return days;
  }
  return undefined;
}

function autoExtendErrors(autoExtendDuration: string, roleIds: readonly string[]): FieldError[] {
  if (!isAutoExtendDuration(autoExtendDuration)) {
    return [{ field: "autoExtendDuration", message: "must be PT0S (no automatic extension) or P180D." }];
  }
  if (autoExtendDuration !== "PT0S" && roleIds.includes(globalAdministrator.id)) {
    return [{ field: "autoExtendDuration", message: "must be PT0S: a relationship that includes Global Administrator is never extended automatically." }];
  }
  return [];
}

function isAutoExtendDuration(text: string): text is AutoExtendDuration {
  return (autoExtendDurations as readonly string[]).includes(text);
}

function normalizeEmail(text: string): string {
  const trimmed = text.trim();
  const at = trimmed.lastIndexOf("@");
  return at < 0 ? trimmed : trimmed.slice(0, at) + trimmed.slice(at).toLowerCase();
}

// Plausible, not RFC 5322: one @, no spaces, a dotted domain, within the SMTP length limits. The invitation
// email itself is the real proof.
function isPlausibleEmail(email: string): boolean {
  const match = /^([^\s@\p{Cc}]+)@([^\s@.\p{Cc}]+(?:\.[^\s@.\p{Cc}]+)+)$/u.exec(email);
  return match !== null && email.length <= 254 && (match[1]?.length ?? 0) <= 64;
}
