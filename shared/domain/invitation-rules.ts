/**
 * Every rule a relationship's terms must meet before they are stored, reported together: one FieldError per broken
 * rule, named by its dotted path in the request JSON, so a partner can fix everything in one go. The same rules
 * judge a new relationship (Graph's POST, the one-step invitation) and the terms after a PATCH. Uniqueness of
 * `displayName` among one partner's relationships needs storage and is checked there.
 */
import type { FieldError } from "../errors";
import { isGuid, normalizeGuid } from "./guid";
import { formatDurationDays, parseDurationDays } from "./iso-duration";
import { findPartnerType, isRoleBearing, type PartnerTypeId } from "./partner-types";
import {
  autoExtendOff,
  autoExtendOn,
  autoExtensionDays,
  type AccessDetails,
  type AutoExtendDuration,
  type InvitationRequest,
  type Relationship,
  type RelationshipRequest
} from "./relationship";
import { checkRequestedRoles } from "./role-request-rules";
import { globalAdministrator, roleCatalogue, type RoleDefinition } from "./roles";

export const displayNameMaxLength = 50;
export const customerDisplayNameMaxLength = 256;
export const minDurationDays = 1;
export const maxDurationDays = 730;
/** Types without roles may leave `duration` out; they then run for the longest term Graph allows. */
export const defaultDurationDays = maxDurationDays;
/** Graph's only partner type; ours when a Graph client names none. */
export const defaultPartnerType = "partnerWithGdap";

export interface NormalizedCustomer {
  /** Trimmed, with its domain in lower case. */
  readonly adminEmail?: string;
  /** Lower case. */
  readonly tenantId?: string;
  /** Trimmed. */
  readonly displayName?: string;
}

export interface NormalizedRelationship {
  readonly partnerType: PartnerTypeId;
  /** Trimmed. */
  readonly displayName: string;
  readonly customer: NormalizedCustomer;
  /** De-duplicated, in catalogue order; empty for types without roles. */
  readonly accessDetails: AccessDetails;
  /** As the partner wrote it (`P2Y`), or `P730D` when a type without roles left it out. */
  readonly duration: string;
  /** What `duration` adds up to (`P1Y6M` is 545): dates are computed with this. */
  readonly durationDays: number;
  /** `PT0S` or `P180D`, whichever way it was spelt (`P0D`, `PT4320H`). */
  readonly autoExtendDuration: AutoExtendDuration;
}

/** The one-step invitation always has an address to email. */
export type NormalizedInvitation = NormalizedRelationship & {
  readonly customer: NormalizedCustomer & { readonly adminEmail: string };
};

export type Validation<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldError[] };

/** The terms a relationship is made on, apart from its names: what a relationship template also fixes. */
export type NormalizedTerms = Pick<
  NormalizedRelationship,
  "partnerType" | "accessDetails" | "duration" | "durationDays" | "autoExtendDuration"
>;
export type TermsRequest = Pick<
  RelationshipRequest,
  "partnerType" | "accessDetails" | "duration" | "autoExtendDuration"
>;

/**
 * The rules on a relationship's terms (partner type, roles, duration, auto-extend), shared by a new relationship
 * and a relationship template. `catalogue` is a parameter so rules that today's catalogue never triggers (a
 * non-GDAP role) stay testable.
 */
export function validateTerms(
  request: TermsRequest,
  catalogue: readonly RoleDefinition[] = roleCatalogue
): Validation<NormalizedTerms> {
  const errors: FieldError[] = [];
  const partnerType = request.partnerType ?? defaultPartnerType;
  const type = findPartnerType(partnerType);
  if (!type) errors.push({ field: "partnerType", message: `${partnerType} is not a partner type we offer.` });
  const durationDays = checkDuration(request.duration, type ? isRoleBearing(type) : true, errors);

  const roles = type ? checkRequestedRoles(type, request.accessDetails, catalogue) : undefined;
  errors.push(...(roles?.errors ?? []));

  const roleIds =
    roles?.roleIds ?? (request.accessDetails?.unifiedRoles ?? []).map((role) => normalizeGuid(role.roleDefinitionId));
  const autoExtendDuration = canonicalAutoExtend(request.autoExtendDuration ?? autoExtendOff);
  errors.push(...autoExtendErrors(autoExtendDuration, roleIds));

  if (errors.length > 0 || !type || durationDays === undefined || autoExtendDuration === undefined)
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      partnerType: type.id,
      accessDetails: { unifiedRoles: roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
      duration: request.duration ?? formatDurationDays(durationDays),
      durationDays,
      autoExtendDuration
    }
  };
}

export function validateRelationship(
  request: RelationshipRequest,
  catalogue: readonly RoleDefinition[] = roleCatalogue
): Validation<NormalizedRelationship> {
  const terms = validateTerms(request, catalogue);
  const termErrors = terms.ok ? [] : terms.errors;
  // Reported in the request's own order: the type, the names, then the terms that depend on the type.
  const errors: FieldError[] = termErrors.filter((error) => error.field === "partnerType");
  const displayName = request.displayName.trim();
  const displayNameError = checkName(displayName, displayNameMaxLength);
  if (displayNameError) errors.push({ field: "displayName", message: displayNameError });
  const customer = checkCustomer(request.customer ?? {}, errors);
  errors.push(...termErrors.filter((error) => error.field !== "partnerType"));
  if (errors.length > 0 || !terms.ok) return { ok: false, errors };
  return { ok: true, value: { ...terms.value, displayName, customer } };
}

/** The one-step invitation: the same rules, and an address to send it to. */
export function validateInvitation(
  request: InvitationRequest,
  catalogue: readonly RoleDefinition[] = roleCatalogue
): Validation<NormalizedInvitation> {
  const result = validateRelationship(request, catalogue);
  const adminEmail = result.ok ? result.value.customer.adminEmail : undefined;
  if (result.ok && adminEmail !== undefined)
    return { ok: true, value: { ...result.value, customer: { ...result.value.customer, adminEmail } } };
  const missing =
    adminEmail === undefined && request.customer.adminEmail === undefined
      ? [{ field: "customer.adminEmail", message: "is required: the invitation is emailed there." }]
      : [];
  return { ok: false, errors: [...(result.ok ? [] : result.errors), ...missing] };
}

/** The one field a partner may change after sending: checked against the roles the relationship already has. */
export function validateAutoExtendUpdate(
  relationship: Pick<Relationship, "accessDetails">,
  autoExtendDuration: string
): Validation<AutoExtendDuration> {
  const roleIds = relationship.accessDetails.unifiedRoles.map((role) => normalizeGuid(role.roleDefinitionId));
  const canonical = canonicalAutoExtend(autoExtendDuration);
  const errors = autoExtendErrors(canonical, roleIds);
  return errors.length > 0 || canonical === undefined ? { ok: false, errors } : { ok: true, value: canonical };
}

/**
 * Any spelling of zero is off (`PT0S`, `P0D`, `PT0M`); exactly 180 days in exact units is on (`P180D`, `PT4320H`,
 * `P25W5D`). Months and years are not exact lengths, so `P6M` is refused rather than guessed; anything else is
 * undefined.
 */
export function canonicalAutoExtend(text: string): AutoExtendDuration | undefined {
  const days = parseDurationDays(text);
  if (days === 0) return autoExtendOff;
  const calendarUnits = /^P(?:(\d+)Y)?(?:(\d+)M)?/.exec(text);
  if (Number(calendarUnits?.[1] ?? 0) > 0 || Number(calendarUnits?.[2] ?? 0) > 0) return undefined;
  return days === autoExtensionDays ? autoExtendOn : undefined;
}

function checkCustomer(
  customer: NonNullable<RelationshipRequest["customer"]>,
  errors: FieldError[]
): NormalizedCustomer {
  const adminEmail = customer.adminEmail === undefined ? undefined : normalizeEmail(customer.adminEmail);
  if (adminEmail !== undefined && !isPlausibleEmail(adminEmail)) {
    errors.push({ field: "customer.adminEmail", message: "must be an email address such as admin@contoso.com." });
  }
  const tenantId = customer.tenantId === undefined ? undefined : normalizeGuid(customer.tenantId);
  if (tenantId !== undefined && !isGuid(tenantId)) {
    errors.push({
      field: "customer.tenantId",
      message: "must be a tenant id (GUID) or be left out so any customer tenant can accept."
    });
  }
  const displayName = customer.displayName?.trim();
  const nameError = displayName === undefined ? undefined : checkName(displayName, customerDisplayNameMaxLength);
  if (nameError) errors.push({ field: "customer.displayName", message: nameError });
  return {
    ...(adminEmail === undefined ? {} : { adminEmail }),
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(displayName ? { displayName } : {})
  };
}

export function checkName(trimmed: string, maxLength: number): string | undefined {
  if (trimmed.length === 0) return "is required.";
  if (/\p{Cc}/u.test(trimmed)) return "must not contain control characters such as line breaks or tabs.";
  const length = [...trimmed].length;
  if (length > maxLength) return `must be at most ${maxLength} characters; it has ${length}.`;
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
    errors.push({
      field: "duration",
      message: "must be an ISO-8601 duration of whole days, such as P90D, P2Y or PT48H."
    });
  } else if (days < minDurationDays || days > maxDurationDays) {
    errors.push({ field: "duration", message: `must be between P1D and P2Y (730 days); ${duration} is ${days} days.` });
  } else {
    return days;
  }
  return undefined;
}

function autoExtendErrors(
  autoExtendDuration: AutoExtendDuration | undefined,
  roleIds: readonly string[]
): FieldError[] {
  if (autoExtendDuration === undefined) {
    return [
      {
        field: "autoExtendDuration",
        message: "must be a zero duration (PT0S or P0D: no automatic extension) or P180D."
      }
    ];
  }
  if (autoExtendDuration !== autoExtendOff && roleIds.includes(globalAdministrator.id)) {
    return [
      {
        field: "autoExtendDuration",
        message: "must be PT0S: a relationship that includes Global Administrator is never extended automatically."
      }
    ];
  }
  return [];
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
