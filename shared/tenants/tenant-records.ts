/**
 * Per-tenant records (container `tenants`, partition `/tenantId`): a partner's registration and directory profile,
 * a customer's agreement acceptances, and "Contact me" requests addressed to a partner.
 */
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

export interface PartnerRecord {
  readonly id: "partner";
  readonly kind: "partner";
  readonly tenantId: string;
  readonly displayName: string;
  readonly registeredDateTime: string;
  readonly profile?: PartnerProfile;
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
  /** Registration (seeded locally; an onboarding process on Azure). Keeps an existing profile. */
  registerPartner(tenantId: string, displayName: string, now: Date): Promise<PartnerRecord>;
  savePartnerProfile(tenantId: string, profile: PartnerProfile): Promise<PartnerRecord>;
  searchPartners(filter: PartnerSearch, top: number, continuation?: string): Promise<{ items: readonly PartnerRecord[]; continuation?: string }>;
  getAgreement(tenantId: string): Promise<CustomerAgreementRecord | undefined>;
  /** Appends an acceptance unless the same version was already accepted; returns the record. */
  recordAgreementAcceptance(tenantId: string, acceptance: AgreementAcceptance): Promise<CustomerAgreementRecord>;
  saveContactRequest(request: ContactRequest): Promise<void>;
  getContactRequest(partnerTenantId: string, id: string): Promise<ContactRequest | undefined>;
  /** Contact requests stored before `createdBefore` whose message never reached its queue, oldest first. */
  listUnpublishedContactRequests(createdBefore: string, limit: number): Promise<readonly ContactRequest[]>;
}
