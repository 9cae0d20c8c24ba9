/**
 * Per-tenant records (container `tenants`, partition `/tenantId`): a partner's registration and directory profile,
 * a customer's agreement acceptances, and "Contact me" requests addressed to a partner. (Partner applications and
 * display-name claims live there too: tenants/partner-onboarding.ts.)
 */
import type { PartnerStatus } from "../domain/partner-standing";

export interface PartnerProfile {
  readonly name: string;
  readonly website?: string;
  readonly description?: string;
  readonly industries: readonly string[];
  readonly locations: readonly string[];
  readonly partnerTypes: readonly string[];
  readonly contactEmail: string;
  readonly updatedDateTime: string;
}

/** Who the partner is, as it applied and an operator checked: shown to customers beside its display name. */
export interface PartnerIdentity {
  readonly legalName: string;
  /** Microsoft's numeric Partner ID (formerly MPN ID). */
  readonly partnerId: string;
  /** A DNS domain verified in the partner's tenant, in ASCII (punycode) form. */
  readonly verifiedDomain: string;
}

export type { PartnerStatus } from "../domain/partner-standing";

/** A decision about a partner tenant: who took it (an operator, or `system` for seeded demo data), when, and why. */
export interface PartnerStandingEvent {
  readonly action: "approved" | "suspended" | "reinstated";
  readonly at: string;
  readonly actor: {
    readonly kind: "operator" | "system";
    readonly tenantId?: string;
    readonly userId?: string;
    readonly displayName?: string;
  };
  readonly reason?: string;
}

export interface PartnerRecord {
  readonly id: "partner";
  readonly kind: "partner";
  readonly tenantId: string;
  /** The approved display name; equal to the profile's name. Unique across partners by skeleton (a name claim). */
  readonly displayName: string;
  readonly registeredDateTime: string;
  /** Absent on a record written before onboarding existed: such a partner may read but not invite. */
  readonly status?: PartnerStatus;
  readonly identity?: PartnerIdentity;
  /** Approval, suspensions and reinstatements, oldest first (the most recent 50). */
  readonly standing?: readonly PartnerStandingEvent[];
  readonly profile?: PartnerProfile;
}

/** What approval (or the local demo seed) registers. */
export interface PartnerRegistration {
  readonly tenantId: string;
  readonly displayName: string;
  readonly identity: PartnerIdentity;
  readonly approval: PartnerStandingEvent;
}

export interface AgreementAcceptance {
  readonly version: string;
  readonly sha256: string;
  readonly userId: string;
  readonly acceptedDateTime: string;
  /** The relationship whose acceptance also accepted the agreement, if any. */
  readonly relationshipId?: string;
}

export interface CustomerAgreementRecord {
  readonly id: "customer-agreement";
  readonly kind: "customerAgreement";
  readonly tenantId: string;
  readonly acceptances: readonly AgreementAcceptance[];
}

export interface ContactRequest {
  readonly id: string;
  readonly kind: "contactRequest";
  /** The partner asked to get in touch: the partition. */
  readonly tenantId: string;
  readonly createdDateTime: string;
  readonly contact: {
    readonly name: string;
    readonly email: string;
    readonly phone?: string;
    readonly location: string;
    readonly organisationName: string;
    readonly organisationSize: string;
    readonly industry: string;
    readonly businessNeeds: string;
  };
  /** Set once the contactPartner message is on its queue; a stored request without it is re-published by a timer. */
  readonly publishedDateTime?: string;
  readonly emailSentDateTime?: string;
}

export interface PartnerSearch {
  readonly name?: string;
  readonly industry?: string;
  readonly location?: string;
  readonly partnerType?: string;
}

export interface TenantStore {
  getPartner(tenantId: string): Promise<PartnerRecord | undefined>;
  /** Registers an approved partner (operator approval; the demo seed locally). Keeps an existing profile. */
  registerPartner(registration: PartnerRegistration): Promise<PartnerRecord>;
  /** ETag-guarded read-modify-write of a partner record, retried on a race; `change` may throw to refuse. */
  updatePartner(
    tenantId: string,
    change: (current: PartnerRecord | undefined) => PartnerRecord
  ): Promise<PartnerRecord>;
  /** Saves the profile; its name becomes the partner's display name (claimed beforehand by the use case). */
  savePartnerProfile(tenantId: string, profile: PartnerProfile): Promise<PartnerRecord>;
  listPartners(
    status: PartnerStatus,
    top: number,
    continuation?: string
  ): Promise<{ items: readonly PartnerRecord[]; continuation?: string }>;
  searchPartners(
    filter: PartnerSearch,
    top: number,
    continuation?: string
  ): Promise<{ items: readonly PartnerRecord[]; continuation?: string }>;
  getAgreement(tenantId: string): Promise<CustomerAgreementRecord | undefined>;
  /** Appends an acceptance unless the same version was already accepted; returns the record. */
  recordAgreementAcceptance(tenantId: string, acceptance: AgreementAcceptance): Promise<CustomerAgreementRecord>;
  saveContactRequest(request: ContactRequest): Promise<void>;
  getContactRequest(partnerTenantId: string, id: string): Promise<ContactRequest | undefined>;
  /** Contact requests stored before `createdBefore` whose message never reached its queue, oldest first. */
  listUnpublishedContactRequests(createdBefore: string, limit: number): Promise<readonly ContactRequest[]>;
}
