/**
 * Partner onboarding records, in the `tenants` container beside the partner records:
 * - a tenant's application to become a partner (id `partner-application`, in the applying tenant's partition),
 *   with its own history of who submitted, updated, approved or rejected it and when;
 * - display-name claims: one document per name skeleton, in a partition of its own (`name-claim:<sha-256 of the
 *   skeleton>`), so "is this name taken?" is a point read and taking it is a point create that conflicts — never
 *   a scan. The claim names the tenant that owns the name.
 */
import { createHash } from "node:crypto";
import type { PartnerIdentity } from "./tenant-records";

export type ApplicationStatus = "inReview" | "approved" | "rejected";

export interface OnboardingActor {
  readonly kind: "applicant" | "operator";
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName?: string;
}

export interface ApplicationEvent {
  readonly action: "submitted" | "updated" | "approved" | "rejected";
  readonly at: string;
  readonly actor: OnboardingActor;
  /** A rejection's reason, which the applicant sees. */
  readonly reason?: string;
}

export interface PartnerContact {
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
}

export interface PartnerApplication extends PartnerIdentity {
  readonly id: "partner-application";
  readonly kind: "partnerApplication";
  /** The applying tenant: the partition. */
  readonly tenantId: string;
  readonly displayName: string;
  readonly contact: PartnerContact;
  readonly status: ApplicationStatus;
  /** When the current round was submitted (a reapplication after a rejection starts a new round). */
  readonly submittedDateTime: string;
  readonly updatedDateTime: string;
  readonly decision?: {
    readonly status: "approved" | "rejected";
    readonly reason?: string;
    readonly decidedDateTime: string;
    readonly operator: OnboardingActor;
  };
  /** Every submission, update and decision, oldest first (the most recent 100). */
  readonly history: readonly ApplicationEvent[];
}

export interface NameClaim {
  readonly id: "name-claim";
  readonly kind: "nameClaim";
  /** `name-claim:<sha-256 of the skeleton>`: the partition, one per skeleton. */
  readonly tenantId: string;
  readonly skeleton: string;
  readonly ownerTenantId: string;
  /** The name as its owner wrote it, for an operator reading the claim. */
  readonly displayName: string;
  readonly claimedDateTime: string;
}

export interface Versioned<T> {
  readonly document: T;
  /** Unquoted storage ETag. */
  readonly etag: string;
}

export interface OnboardingStore {
  getApplication(tenantId: string): Promise<Versioned<PartnerApplication> | undefined>;
  /** A ConflictError when the tenant already has one (a racing first submission). */
  createApplication(application: PartnerApplication): Promise<Versioned<PartnerApplication>>;
  /** A PreconditionFailedError when it changed since `etag`. */
  replaceApplication(application: PartnerApplication, etag: string): Promise<Versioned<PartnerApplication>>;
  /** Oldest submission first; an operator's queue. */
  listApplications(
    status: ApplicationStatus,
    top: number,
    continuation?: string
  ): Promise<{ items: readonly Versioned<PartnerApplication>[]; continuation?: string }>;
  getClaim(skeleton: string): Promise<Versioned<NameClaim> | undefined>;
  /** Creates the claim; when the skeleton is already claimed, nothing is written and the existing claim is returned. */
  createClaim(claim: NameClaim): Promise<{ created: true } | { created: false; existing: Versioned<NameClaim> }>;
  /** Takes over a stale claim; a PreconditionFailedError when it changed since `etag`. */
  replaceClaim(claim: NameClaim, etag: string): Promise<void>;
  /** Deletes the claim if it still belongs to `ownerTenantId`; nothing happens otherwise. */
  releaseClaim(skeleton: string, ownerTenantId: string): Promise<void>;
}

/** The partition of a skeleton's claim: hashed, so any script and length makes a short, safe key. */
export function claimPartitionFor(skeleton: string): string {
  return `name-claim:${createHash("sha256").update(skeleton, "utf8").digest("hex")}`;
}
