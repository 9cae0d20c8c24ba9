/**
 * The relationship between a partner and a customer, named after Graph's delegatedAdminRelationship wherever the
 * concept is the same (`displayName`, `duration`, `autoExtendDuration`, `accessDetails.unifiedRoles`, `status`,
 * `createdDateTime`, `activatedDateTime`, `endDateTime`), so partners who know Graph recognise every field.
 */
import { z } from "zod";
import type { PartnerTypeId } from "./partner-types";

export const relationshipStatuses = [
  "created",
  "approvalPending",
  "approved",
  "activating",
  "active",
  "expiring",
  "expired",
  "terminationRequested",
  "terminating",
  "terminated",
  "declined",
  "cancelled"
] as const;

export type RelationshipStatus = (typeof relationshipStatuses)[number];

/** Statuses nothing leaves: the partner has to send a new invitation. */
export const finalStatuses: readonly RelationshipStatus[] = ["expired", "terminated", "declined", "cancelled"];

export function isFinal(status: RelationshipStatus): boolean {
  return finalStatuses.includes(status);
}

/** How many days an automatic extension adds at each end. */
export const autoExtensionDays = 180;
/** Auto-extension is off (`PT0S`) or adds 180 days at each end, stored in this canonical form whatever the spelling. */
export const autoExtendOff = "PT0S";
export const autoExtendOn = "P180D";
export const autoExtendDurations = [autoExtendOff, autoExtendOn] as const;
export type AutoExtendDuration = (typeof autoExtendDurations)[number];

/** Whether a relationship (or template, or form) is set to extend itself; stored values are canonical. */
export function isAutoExtendOn(autoExtendDuration: string): autoExtendDuration is typeof autoExtendOn {
  return autoExtendDuration === autoExtendOn;
}

export function autoExtendDurationOf(on: boolean): AutoExtendDuration {
  return on ? autoExtendOn : autoExtendOff;
}

export interface UnifiedRole {
  readonly roleDefinitionId: string;
}

export interface AccessDetails {
  readonly unifiedRoles: readonly UnifiedRole[];
}

/** The customer as a partner names it: all optional (Graph needs none); `adminEmail` is where the invitation goes. */
export interface CustomerRequest {
  readonly adminEmail?: string;
  readonly tenantId?: string;
  readonly displayName?: string;
}

/**
 * What a partner sends to create a relationship (Graph's POST, with our extras `partnerType` and
 * `customer.adminEmail`), after the edge has checked only the JSON shape. Values stay loose (`partnerType` is any
 * string) so that `validateRelationship` can name every broken rule by field. `partnerType` defaults to
 * `partnerWithGdap`, the only type Graph knows.
 */
export interface RelationshipRequest {
  readonly partnerType?: string;
  readonly displayName: string;
  readonly customer?: CustomerRequest;
  readonly accessDetails?: AccessDetails;
  readonly duration?: string;
  readonly autoExtendDuration?: string;
}

/** The one-step invitation (`POST /api/relationships`, the partner's page): the same, with an address to email. */
export interface InvitationRequest extends RelationshipRequest {
  readonly partnerType: string;
  readonly customer: CustomerRequest & { readonly adminEmail: string };
}

/** The request's JSON shape only; the rules live in `invitation-rules.ts`. Unknown keys are dropped. */
export const invitationRequestSchema = z.object({
  partnerType: z.string(),
  displayName: z.string(),
  customer: z.object({ adminEmail: z.string(), tenantId: z.string().optional(), displayName: z.string().optional() }),
  accessDetails: z.object({ unifiedRoles: z.array(z.object({ roleDefinitionId: z.string() })) }).optional(),
  duration: z.string().optional(),
  autoExtendDuration: z.string().optional()
}) satisfies z.ZodType<InvitationRequest>;

/** A relationship as the rules see it; storage may add its own bookkeeping (ETag, sent notices, failures). */
export interface Relationship {
  readonly id: string;
  readonly partnerTenantId: string;
  readonly partnerType: PartnerTypeId;
  readonly displayName: string;
  /** `tenantId` stays unset until a customer accepts an invitation that did not name one; without `adminEmail` no email is sent. */
  readonly customer: { readonly adminEmail?: string; readonly tenantId?: string; readonly displayName?: string };
  readonly accessDetails: AccessDetails;
  /** As the partner wrote it (`P2Y`, `P730D`); `durationDays` is what dates are computed with. */
  readonly duration: string;
  readonly autoExtendDuration: AutoExtendDuration;
  readonly status: RelationshipStatus;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  readonly activatedDateTime?: string;
  readonly endDateTime?: string;
}
