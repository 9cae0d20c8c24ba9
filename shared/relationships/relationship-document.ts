/**
 * A relationship as stored in Cosmos DB (container `relationships`, partition key `/partnerTenantId`). Field names
 * follow Graph's delegatedAdminRelationship where the concept is the same; the rest is internal bookkeeping that
 * `toRelationshipResource` keeps out of API responses.
 */
import { parseDurationDays } from "../domain/iso-duration";
import type { AccessAssignmentRecord, OperationRecord } from "../assignments/assignment-records";
import type { RelationshipStatus } from "../domain/relationship";
import type { TemplateAssignment } from "../domain/relationship-templates";
import type { WindowState } from "../limits/fixed-window";
import type { OutboxEntry } from "../outbox/outbox-entry";
import type { InvitationEmailFailures } from "./invitation-email";
import type { RelationshipRequestRecord } from "./relationship-requests";

export interface StoredRelationship {
  readonly id: string;
  readonly partnerTenantId: string;
  readonly displayName: string;
  /** Lower-cased display name while the relationship is live, `name#id` once final: a unique key per partner. */
  readonly uniqueName: string;
  readonly partnerType: string;
  /** The partner as approved when the invitation was created; legal name and domain are absent on older documents. */
  readonly partner: {
    readonly tenantId: string;
    readonly displayName: string;
    readonly legalName?: string;
    readonly verifiedDomain?: string;
  };
  /** No `adminEmail`: no email is sent, the partner shares the link itself. `displayName` is filled in on acceptance if unset. */
  readonly customer: { readonly tenantId?: string; readonly adminEmail?: string; readonly displayName?: string };
  readonly accessDetails: { readonly unifiedRoles: readonly { readonly roleDefinitionId: string }[] };
  /** As the partner wrote it (`P2Y`); older documents hold canonical days (`P730D`). */
  readonly duration: string;
  /** What `duration` adds up to; absent on older documents (read them with durationDaysOf). */
  readonly durationDays?: number;
  readonly autoExtendDuration: string;
  readonly status: RelationshipStatus;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  readonly activatedDateTime?: string;
  /** The planned end (activation + duration, moved by extensions). */
  readonly endDateTime?: string;
  /** When it actually ended (terminated, expired, declined, cancelled): Graph's endDateTime from then on. */
  readonly endedDateTime?: string;
  /** Made when the relationship is locked for approval: absent while it is `created` (a draft nobody was sent). */
  readonly invitation?: {
    readonly nonce: string;
    readonly tokenHash: string;
    readonly expiresDateTime: string;
    /** Emails requested so far (the first send and each resend). */
    readonly sendCount: number;
    readonly lastSentDateTime?: string;
    /** The highest send number already emailed: a redelivered send of it is skipped. */
    readonly lastSentNumber?: number;
    /** Resends counted in the current day (shared/limits/): the per-invitation limit costs no request of its own. */
    readonly resendWindow?: WindowState;
    /** Failed attempts at the latest send, written by the email handler (shown as `invitationEmail`). */
    readonly email?: InvitationEmailFailures;
  };
  readonly acceptance?: {
    readonly tenantId: string;
    readonly userId: string;
    readonly acceptedDateTime: string;
    readonly agreementVersion: string;
    readonly agreementSha256: string;
  };
  readonly rolesRemovedDateTime?: string;
  /** The roles the customer removed (the relationship keeps no roles after that); their grants are revoked. */
  readonly removedRoles?: readonly { readonly roleDefinitionId: string }[];
  readonly termination?: { readonly requestedBy: "partner" | "customer"; readonly requestedDateTime: string };
  readonly lastError?: { readonly code: string; readonly message: string; readonly occurredDateTime: string };
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
  /** Graph's delegatedAdminRelationshipRequests made on it (lockForApproval, terminate), the most recent 50. */
  readonly requests?: readonly RelationshipRequestRecord[];
  /**
   * Set by a DELETE of a `created` relationship, in the same write as its audit record; the outbox then removes the
   * document. Until it is gone, every read treats it as absent.
   */
  readonly deletedDateTime?: string;
  /** `endDateTime`, or "" before there is one: what `$orderby=endDateTime` sorts by (relationships/due-date.ts). */
  readonly endSortKey?: string;
  /** Next moment a timer must look at this relationship (invitation expiry, expiry window, end); absent when none. */
  readonly dueDateTime?: string;
  /** Expiry notices already queued (days before end: 30, 7, 1, 0), so each goes out once. */
  readonly expiryNoticesSent?: readonly number[];
  /** Notice emails already sent (`notice:side`), the most recent 50, so a redelivered notice is not sent twice. */
  readonly noticeEmailsSent?: readonly string[];
  /** When an expired relationship's grants were revoked. */
  readonly accessRevokedDateTime?: string;
  /**
   * The partner's security groups and the roles each holds (Graph's accessAssignments): at most 100 not deleted,
   * and the most recent 50 deleted ones, kept for their `deleted` status.
   */
  readonly accessAssignments?: readonly AccessAssignmentRecord[];
  /** The relationship template it was made from (its terms were copied then; later edits of the template do not reach it). */
  readonly template?: { readonly id: string; readonly displayName: string };
  /**
   * The template's security-group assignments still to be created: once the relationship is active, the role-grants
   * handler creates each through the partner's own assignment use case, removing its entry in the same write.
   */
  readonly pendingAccessAssignments?: readonly TemplateAssignment[];
  /** The asynchronous work on this relationship and its assignments, as Graph's operations: the most recent 100. */
  readonly operations?: readonly OperationRecord[];
  /** Every write that goes through changeRelationship bumps it; it names the write's audit and outbox entries. */
  readonly version: number;
  /** The version of the last change someone can act on (not bookkeeping): the ETag. Absent on older documents. */
  readonly changeVersion?: number;
  readonly outbox: readonly OutboxEntry[];
  /** When the oldest pending outbox entry was written; absent when the outbox is empty. Indexed for the re-publish timer. */
  readonly outboxSince?: string;
}

export interface VersionedRelationship {
  readonly document: StoredRelationship;
  /** Unquoted storage ETag. */
  readonly etag: string;
}

/**
 * The ETag clients see (without quotes): the version of the last change someone can act on. The handlers'
 * bookkeeping (an email recorded as sent, the outbox drained, a failure noted) rewrites the document but leaves
 * it, so an If-Match read before that still matches. Writes are still guarded by Cosmos DB's
 * own `_etag` underneath (shared/relationships/change-relationship.ts).
 */
/** The relationship's length in days, for documents written before `durationDays` was kept. */
export function durationDaysOf(document: Pick<StoredRelationship, "duration" | "durationDays">): number | undefined {
  return document.durationDays ?? parseDurationDays(document.duration);
}

/** A relationship as its readers may see it: a deleted one (still being removed) is no relationship. */
export function isVisible(document: Pick<StoredRelationship, "deletedDateTime">): boolean {
  return document.deletedDateTime === undefined;
}

export function relationshipEtag(document: Pick<StoredRelationship, "version" | "changeVersion">): string {
  return `v${document.changeVersion ?? document.version}`;
}
