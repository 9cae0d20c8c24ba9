/**
 * The one way a relationship changes: read it, check the caller's If-Match, apply a pure change, and write the
 * result with the ETag that was read — together with the audit record and messages the change owes (outbox).
 * Two racing changes cannot both win: the loser's write fails on the ETag and is re-run against the new state. A
 * caller who sent If-Match then gets a 412 if the version it read has moved on (bookkeeping alone does not move it);
 * a caller who did not is judged by the domain rules against the new state (usually a 409).
 * `beforeWrite` runs once the change is known to be allowed and before it is written (on every attempt): the place
 * for a check that costs a request, such as an abuse limit, so it is spent only on a change that will be tried.
 */
import type { Clock } from "../clock";
import { NotFoundError, PreconditionFailedError } from "../errors";
import type { QueueMessage } from "../messaging/messages";
import { drainOutbox, type OutboxPorts } from "../outbox/drain-outbox";
import type { AccessRemoval, AuditRecord, OutboxEntry } from "../outbox/outbox-entry";
import { withDueDate } from "./due-date";
import {
  isVisible,
  relationshipEtag,
  type StoredRelationship,
  type VersionedRelationship
} from "./relationship-document";

export interface RelationshipChange {
  readonly document: StoredRelationship;
  readonly action: string;
  readonly actor: AuditRecord["actor"];
  readonly publish?: readonly QueueMessage[];
  readonly indexCustomer?: string;
  /** Access to take out of the access documents before the request answers (and before any message is sent). */
  readonly removeAccess?: readonly AccessRemoval[];
  /** What the audit record says beside the relationship's fields (an access assignment's change). */
  readonly details?: Readonly<Record<string, unknown>>;
  /**
   * True for a record of what the system did that nobody acts on (an email recorded as sent, a failure noted,
   * access recorded as revoked), and for a change to an access assignment or operation, which carry ETags of their
   * own: audited like any change, but the relationship's ETag clients hold stays as it was.
   */
  readonly bookkeeping?: boolean;
  /** A deletion (relationships/… deleteRelationship): once its audit record is written, the document is removed. */
  readonly removeDocument?: boolean;
  /**
   * The caller wrote the audit record itself, before this change, under an id of its own that a retry repeats (a
   * fact that is true whether or not the write follows, such as an email that went out): no audit entry is owed.
   */
  readonly auditedBefore?: boolean;
}

export interface ChangeRequest {
  readonly partnerTenantId: string;
  readonly relationshipId: string;
  readonly ifMatch?: string;
  /** Lets a reader who is not the partner (the customer) fail as 404 before anything is revealed. */
  readonly visibleTo?: (document: StoredRelationship) => boolean;
  /**
   * The version the caller has just read itself: the first attempt starts from it instead of reading it again (one
   * request less). Its ETag still guards the write, so a change made since then sends the loop back to a fresh read.
   * Used only when its outbox is empty: with entries left, the request that wrote them is most likely still clearing
   * them, and a write from this version would meet that clearing's ETag (a failed write and a read on top).
   */
  readonly held?: VersionedRelationship;
}

const maxAttempts = 5;

export async function changeRelationship(
  ports: OutboxPorts & { readonly clock: Clock },
  request: ChangeRequest,
  change: (current: StoredRelationship, now: Date) => RelationshipChange,
  beforeWrite?: (next: StoredRelationship, now: Date) => Promise<void>
): Promise<VersionedRelationship> {
  for (let attempt = 1; ; attempt += 1) {
    const held = attempt === 1 && request.held?.document.outbox.length === 0 ? request.held : undefined;
    const current = held ?? (await ports.store.get(request.partnerTenantId, request.relationshipId));
    if (!current || !isVisible(current.document) || (request.visibleTo && !request.visibleTo(current.document)))
      throw new NotFoundError("No such relationship.");
    if (request.ifMatch !== undefined && request.ifMatch !== relationshipEtag(current.document)) {
      throw new PreconditionFailedError("The relationship changed since you read it; read it again and retry.");
    }
    const now = ports.clock.now();
    const next = withOutbox(current.document, change(current.document, now), now);
    if (beforeWrite) await beforeWrite(next, now);
    let written: VersionedRelationship;
    try {
      written = await ports.store.replace(next, current.etag);
    } catch (error) {
      // Someone else wrote first. With If-Match, the next read tells whether that was a change (412) or only bookkeeping.
      if (!(error instanceof PreconditionFailedError) || attempt >= maxAttempts) throw error;
      continue;
    }
    return drainAfterWrite(ports, written);
  }
}

/** The change is committed once written: a failed drain is left to the outbox timer, not reported as an error. */
export async function drainAfterWrite(
  ports: OutboxPorts,
  written: VersionedRelationship
): Promise<VersionedRelationship> {
  try {
    return (await drainOutbox(ports, written)).relationship;
  } catch {
    return written;
  }
}

/** Bumps the version (and, unless it is bookkeeping, the change version behind the ETag) and appends the audit record and messages as outbox entries with deterministic ids. */
function withOutbox(before: StoredRelationship, change: RelationshipChange, now: Date): StoredRelationship {
  const version = before.version + 1;
  const at = now.toISOString();
  const after = change.document;
  const entries = outboxEntriesFor(after, version, at, change, before);
  const outbox = [...before.outbox, ...entries];
  const changeVersion = change.bookkeeping ? (before.changeVersion ?? before.version) : version;
  const { outboxSince: _since, ...document } = withDueDate(after);
  const outboxSince = before.outboxSince ?? (outbox.length > 0 ? at : undefined);
  return {
    ...document,
    version,
    changeVersion,
    lastModifiedDateTime: at,
    outbox,
    ...(outboxSince === undefined ? {} : { outboxSince })
  };
}

export function outboxEntriesFor(
  after: StoredRelationship,
  version: number,
  at: string,
  change: Omit<RelationshipChange, "document">,
  before?: StoredRelationship
): OutboxEntry[] {
  const prefix = `${after.id}:${version}`;
  const entries: OutboxEntry[] = change.auditedBefore
    ? []
    : [{ id: `${prefix}:audit`, kind: "audit", record: auditRecord(prefix, after, at, change, before) }];
  if (change.indexCustomer)
    entries.push({ id: `${prefix}:index`, kind: "indexCustomer", customerTenantId: change.indexCustomer });
  (change.removeAccess ?? []).forEach((removal, n) =>
    entries.push({ id: `${prefix}:removeAccess:${n}`, kind: "removeAccess", removal, at })
  );
  (change.publish ?? []).forEach((message, n) =>
    entries.push({ id: `${prefix}:publish:${n}`, kind: "publish", message })
  );
  // Last: everything before it (the audit record above all) is carried out before the document goes.
  if (change.removeDocument) entries.push({ id: `${prefix}:remove`, kind: "removeDocument" });
  return entries;
}

export function auditRecord(
  id: string,
  after: StoredRelationship,
  at: string,
  change: Omit<RelationshipChange, "document">,
  before?: StoredRelationship
): AuditRecord {
  return {
    id,
    relationshipId: after.id,
    partnerTenantId: after.partnerTenantId,
    customerTenantId: after.customer.tenantId,
    at,
    actor: change.actor,
    action: change.action,
    before: before ? auditView(before) : undefined,
    after: change.details ? { ...auditView(after), ...change.details } : auditView(after)
  };
}

/** What the audit trail keeps of a relationship: the fields people ask about, never the invitation secrets. */
function auditView(document: StoredRelationship): Record<string, unknown> {
  return {
    status: document.status,
    autoExtendDuration: document.autoExtendDuration,
    roles: document.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
    customerTenantId: document.customer.tenantId,
    endDateTime: document.endDateTime
  };
}
