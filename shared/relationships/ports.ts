/** The storage and messaging the relationship use cases need, as small types; adapters live in shared/cosmos and shared/messaging. */
import type { RelationshipFacts } from "../domain/accepted-relationships";
import type { QueueMessage } from "../messaging/messages";
import type { AuditRecord } from "../outbox/outbox-entry";
import type { RelationshipStatus } from "../domain/relationship";
import type { FilterCondition } from "../graph/odata-filter";
import type { OrderBy } from "../graph/odata-query";
import type { StoredRelationship, VersionedRelationship } from "./relationship-document";

export interface Page<T> {
  readonly items: readonly T[];
  readonly continuation?: string;
}

export interface PartnerListFilter {
  readonly status?: RelationshipStatus;
  readonly customerTenantId?: string;
  /** Only relationships whose end is at or before this time (the "expiring within N days" filter). */
  readonly endingBy?: string;
}

/** Graph's list: its `$filter` conditions and `$orderby` (shared/graph/graph-relationships.ts says what each means). */
export interface RelationshipQuery {
  readonly filter: readonly FilterCondition[];
  readonly orderBy: OrderBy;
}

/** Just enough to find a relationship again: timers re-read it under its ETag before deciding anything. */
export interface RelationshipReference {
  readonly partnerTenantId: string;
  readonly id: string;
}

export interface RelationshipStore {
  /** Throws ConflictError when the id or the live display name is taken. */
  create(document: StoredRelationship): Promise<VersionedRelationship>;
  get(partnerTenantId: string, id: string): Promise<VersionedRelationship | undefined>;
  /** Throws PreconditionFailedError when the stored ETag is no longer `etag`. */
  replace(document: StoredRelationship, etag: string): Promise<VersionedRelationship>;
  /** Deletes the document; one already gone is no error (a drain finishing what another began). */
  remove(partnerTenantId: string, id: string): Promise<void>;
  /** A partner's relationships, newest first; deleted ones are left out. */
  listByPartner(
    partnerTenantId: string,
    filter: PartnerListFilter,
    top: number,
    continuation?: string
  ): Promise<Page<VersionedRelationship>>;
  /** The same list for /v1.0: one single-partition query, filtered and sorted as Graph's query asked. */
  queryByPartner(
    partnerTenantId: string,
    query: RelationshipQuery,
    top: number,
    continuation?: string
  ): Promise<Page<VersionedRelationship>>;
  /** How many of the partner's relationships match (`$count=true`). */
  countByPartner(partnerTenantId: string, filter: RelationshipQuery["filter"]): Promise<number>;
  /**
   * Relationships in one of `statuses` whose indexed `dueDateTime` is at or before `now`, earliest first, across
   * partners: what a timer has to look at, never everything stored.
   */
  listDue(
    now: string,
    statuses: readonly RelationshipStatus[],
    limit: number,
    continuation?: string
  ): Promise<Page<RelationshipReference>>;
  /** Relationships whose oldest pending outbox entry (indexed `outboxSince`) is at or before `before`, oldest first. */
  listWithStaleOutbox(before: string, limit: number, continuation?: string): Promise<Page<RelationshipReference>>;
}

export interface InvitationReference {
  readonly partnerTenantId: string;
  readonly relationshipId: string;
}

/** Invitation link token hash → relationship: the accept link's point read. */
export interface InvitationTokenIndex {
  put(tokenHash: string, reference: InvitationReference): Promise<void>;
  find(tokenHash: string): Promise<InvitationReference | undefined>;
}

/** Customer tenant → its relationships: the customer's list is one single-partition query. */
export interface CustomerRelationshipIndex {
  add(customerTenantId: string, reference: InvitationReference): Promise<void>;
  list(customerTenantId: string): Promise<readonly InvitationReference[]>;
}

export interface AuditLog {
  append(record: AuditRecord): Promise<void>;
  listForRelationship(relationshipId: string): Promise<readonly AuditRecord[]>;
}

export interface MessagePublisher {
  /** `messageId` is stable per outbox entry, so a re-publish is recognisably the same message. */
  publish(message: QueueMessage, messageId: string): Promise<void>;
  /** Queues the message to appear at `enqueueAt`, carrying how many attempts it has had (a retry with backoff). */
  schedule(message: QueueMessage, messageId: string, enqueueAt: Date, attempt: number): Promise<void>;
}

/**
 * A partner's relationships with one customer, as the rules resting on them read them (MPSA purchases, OEM device
 * registration): one query in the partner's partition of `relationships`, a few small fields each.
 */
export interface PartnerRelationshipFacts {
  relationshipsWith(partnerTenantId: string, customerTenantId: string): Promise<readonly RelationshipFacts[]>;
}
