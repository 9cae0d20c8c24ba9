/**
 * A customer's "Let my MPSA partners see each other's purchases" setting, kept in its own record in the customer's
 * partition of `tenants` (off when there is none). The record keeps the last changes (who, when) for people to
 * read, and carries the audit record each change owes in the same write as the change (`pendingAudit`, an outbox):
 * the audit record is then created under an id made from the change's sequence number, so writing it twice after a
 * crash makes one record, and the outbox is cleared. Whatever a crash leaves pending, the next change or the outbox
 * timer writes.
 */
import type { Page } from "../relationships/ports";

export const purchaseSharingRecordId = "mpsa-purchase-sharing";
/** Changes kept on the record for people to read; the audit trail keeps every one. */
export const sharingChangesKept = 20;

export interface SharingActor {
  readonly tenantId: string;
  readonly userId: string;
  readonly displayName?: string;
}

export interface SharingChange {
  /** 1 for the first change, then one more each time: the record's version after this change. */
  readonly sequence: number;
  readonly enabled: boolean;
  readonly changedDateTime: string;
  readonly changedBy: SharingActor;
}

export interface PurchaseSharingRecord {
  readonly id: typeof purchaseSharingRecordId;
  readonly kind: "mpsaPurchaseSharing";
  /** The partition: the customer tenant. */
  readonly tenantId: string;
  readonly enabled: boolean;
  /** The number of changes made: the ETag people see ("v3"). */
  readonly version: number;
  /** The most recent changes, oldest first. */
  readonly changes: readonly SharingChange[];
  /** Audit records owed, written after the change; absent once written. */
  readonly pendingAudit?: readonly SharingChange[];
  /** When the oldest pending audit record was owed; indexed for the outbox timer. */
  readonly pendingAuditSince?: string;
}

export interface VersionedSharing {
  readonly record: PurchaseSharingRecord;
  /** Cosmos DB's own ETag, which guards every write. */
  readonly etag: string;
}

/** One change of the setting in the audit trail (the customer's partition of `tenants`), never changed once written. */
export interface SharingAuditRecord {
  /** `mpsa-purchase-sharing-change:<sequence>`: the same change always makes the same id. */
  readonly id: string;
  readonly kind: "mpsaPurchaseSharingChange";
  readonly tenantId: string;
  readonly action: "purchaseSharingEnabled" | "purchaseSharingDisabled";
  readonly sequence: number;
  readonly at: string;
  readonly actor: SharingActor & { readonly kind: "customer" };
}

export interface PurchaseSharingStore {
  get(tenantId: string): Promise<VersionedSharing | undefined>;
  /** Creates the record when `etag` is undefined, else replaces it under that ETag (PreconditionFailedError or ConflictError when raced). */
  save(record: PurchaseSharingRecord, etag: string | undefined): Promise<VersionedSharing>;
  /** Creates the audit record; one already there (the same id) is no error. */
  appendAudit(record: SharingAuditRecord): Promise<void>;
  /** Tenants whose record has audit records pending since `before` or earlier, oldest first (the outbox timer). */
  listPendingAudit(before: string, limit: number): Promise<Page<string>>;
}

export function sharingEtag(record: PurchaseSharingRecord | undefined): string {
  return `v${record?.version ?? 0}`;
}

/** The record after a change to `enabled`, owing its audit record. */
export function withSharingChange(
  current: PurchaseSharingRecord | undefined,
  tenantId: string,
  enabled: boolean,
  actor: SharingActor,
  now: Date
): PurchaseSharingRecord {
  const at = now.toISOString();
  const change: SharingChange = {
    sequence: (current?.version ?? 0) + 1,
    enabled,
    changedDateTime: at,
    changedBy: actor
  };
  const pending = [...(current?.pendingAudit ?? []), change];
  return {
    id: purchaseSharingRecordId,
    kind: "mpsaPurchaseSharing",
    tenantId,
    enabled,
    version: change.sequence,
    changes: [...(current?.changes ?? []), change].slice(-sharingChangesKept),
    pendingAudit: pending,
    pendingAuditSince: current?.pendingAuditSince ?? at
  };
}

/** The record once its pending audit records are written. */
export function withAuditWritten(record: PurchaseSharingRecord): PurchaseSharingRecord {
  const { pendingAudit: _written, pendingAuditSince: _since, ...rest } = record;
  return rest;
}

export function auditRecordOf(tenantId: string, change: SharingChange): SharingAuditRecord {
  return {
    id: `mpsa-purchase-sharing-change:${change.sequence}`,
    kind: "mpsaPurchaseSharingChange",
    tenantId,
    action: change.enabled ? "purchaseSharingEnabled" : "purchaseSharingDisabled",
    sequence: change.sequence,
    at: change.changedDateTime,
    actor: { kind: "customer", ...change.changedBy }
  };
}
