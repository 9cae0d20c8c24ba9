/**
 * The customer's switch "Let my MPSA partners see each other's purchases": any admin of the tenant reads it, a
 * Billing Administrator or Global Administrator turns it on or off. A change is one ETag-guarded write of the
 * setting record carrying the audit record it owes; the audit record is then written and the debt cleared. Asking
 * for the state it is already in changes nothing and writes nothing. Partners' reads look the setting up each time,
 * so a change applies to the very next list a partner asks for.
 */
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { mayChangePurchaseSharing, mayReadPurchaseSharing } from "../domain/customer-permissions";
import { ConflictError, PreconditionFailedError } from "../errors";
import {
  auditRecordOf,
  sharingEtag,
  withAuditWritten,
  withSharingChange,
  type PurchaseSharingRecord,
  type PurchaseSharingStore,
  type SharingChange,
  type VersionedSharing
} from "../purchases/purchase-sharing";
import { requirePermission } from "./customer-checks";

export interface SharingPorts {
  readonly clock: Clock;
  readonly purchaseSharing: PurchaseSharingStore;
}

export interface PurchaseSharingView {
  readonly tenantId: string;
  readonly enabled: boolean;
  /** Unquoted: `v<number of changes>`. */
  readonly etag: string;
  /** The most recent changes, newest first. */
  readonly changes: readonly SharingChange[];
}

export interface SharingChangeResult {
  readonly view: PurchaseSharingView;
  /** False when the setting already was as asked: nothing was written. */
  readonly changed: boolean;
}

const maxAttempts = 5;

export async function readPurchaseSharing(ports: SharingPorts, caller: Principal): Promise<PurchaseSharingView> {
  requirePermission(mayReadPurchaseSharing(caller.directoryRoles));
  return viewOf(caller.tenantId, (await ports.purchaseSharing.get(caller.tenantId))?.record);
}

export async function changePurchaseSharing(
  ports: SharingPorts,
  caller: Principal,
  enabled: boolean,
  ifMatch?: string
): Promise<SharingChangeResult> {
  requirePermission(mayChangePurchaseSharing(caller.directoryRoles));
  const actor = {
    tenantId: caller.tenantId,
    userId: caller.userId,
    ...(caller.displayName ? { displayName: caller.displayName } : {})
  };
  for (let attempt = 1; ; attempt += 1) {
    const current = await ports.purchaseSharing.get(caller.tenantId);
    if (ifMatch !== undefined && ifMatch !== sharingEtag(current?.record)) {
      throw new PreconditionFailedError("The setting changed since you read it; read it again and retry.");
    }
    if ((current?.record.enabled ?? false) === enabled) {
      // Nothing to change; a debt a crash left is paid on the way (or by the timer, if this fails too).
      if (current) await writeAuditOwed(ports, current).catch(() => false);
      return { view: viewOf(caller.tenantId, current?.record), changed: false };
    }
    const next = withSharingChange(current?.record, caller.tenantId, enabled, actor, ports.clock.now());
    let written: VersionedSharing;
    try {
      written = await ports.purchaseSharing.save(next, current?.etag);
    } catch (error) {
      // Another admin changed it first: look again (an If-Match then no longer holds, and says so).
      const raced = error instanceof PreconditionFailedError || error instanceof ConflictError;
      if (!raced || attempt >= maxAttempts) throw error;
      continue;
    }
    // The change is made once written, its audit record owed in the same write: a failure from here on is the
    // outbox timer's to finish, not an error to report for a change that was made.
    await writeAuditOwed(ports, written).catch(() => false);
    return { view: viewOf(caller.tenantId, next), changed: true };
  }
}

/**
 * Writes the audit records the record owes, then clears the debt under the ETag it was read with. If another change
 * won that write, it carried the debt forward and clears it itself; a record written twice is one record.
 */
async function writeAuditOwed(
  ports: Pick<SharingPorts, "purchaseSharing">,
  current: VersionedSharing
): Promise<boolean> {
  const owed = current.record.pendingAudit ?? [];
  if (owed.length === 0) return false;
  for (const change of owed) await ports.purchaseSharing.appendAudit(auditRecordOf(current.record.tenantId, change));
  try {
    await ports.purchaseSharing.save(withAuditWritten(current.record), current.etag);
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
  }
  return true;
}

/** How old a debt must be before the outbox timer takes it over from the request that made it. */
export const sharingAuditGraceMs = 30_000;
const timerBatch = 100;

/** The outbox timer's share: audit records a crash or an outage left owed, written now. */
export async function finishOwedSharingAudits(ports: SharingPorts): Promise<{ found: number; written: number }> {
  const before = new Date(ports.clock.now().getTime() - sharingAuditGraceMs).toISOString();
  const owing = await ports.purchaseSharing.listPendingAudit(before, timerBatch);
  let written = 0;
  for (const tenantId of owing.items) {
    const current = await ports.purchaseSharing.get(tenantId);
    if (current && (await writeAuditOwed(ports, current))) written += 1;
  }
  return { found: owing.items.length, written };
}

/** Whether a customer shares its MPSA partners' purchases among them now: one point read, off when never set. */
export async function isPurchaseSharingEnabled(
  ports: Pick<SharingPorts, "purchaseSharing">,
  customerTenantId: string
): Promise<boolean> {
  return (await ports.purchaseSharing.get(customerTenantId))?.record.enabled ?? false;
}

function viewOf(tenantId: string, record: PurchaseSharingRecord | undefined): PurchaseSharingView {
  return {
    tenantId,
    enabled: record?.enabled ?? false,
    etag: sharingEtag(record),
    changes: [...(record?.changes ?? [])].reverse()
  };
}
