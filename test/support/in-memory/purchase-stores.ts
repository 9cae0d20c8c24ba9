/**
 * The purchase stores in memory (the relationship facts the MPSA use cases also read are in relationship-facts.ts),
 * keeping the contracts that matter: records created once (a taken id is a ConflictError), the partner's and the
 * customer's list orders, the setting written under its ETag, audit records created once per id. Each can be made
 * to fail on cue, as a crash or an outage would.
 */
import { ConflictError, PreconditionFailedError, TransientError } from "../../../shared/errors";
import type { PurchaseRecord, PurchaseStore } from "../../../shared/purchases/purchase-records";
import type {
  PurchaseSharingRecord,
  PurchaseSharingStore,
  SharingAuditRecord,
  VersionedSharing
} from "../../../shared/purchases/purchase-sharing";
import type { Page } from "../../../shared/relationships/ports";
import { pageOf } from "./page-of";

export class InMemoryPurchases implements PurchaseStore {
  readonly records = new Map<string, PurchaseRecord>();
  creates = 0;

  async create(record: PurchaseRecord): Promise<PurchaseRecord> {
    const key = `${record.customerTenantId}/${record.id}`;
    if (this.records.has(key)) throw new ConflictError("taken");
    this.creates += 1;
    this.records.set(key, structuredClone(record));
    return structuredClone(record);
  }

  async get(customerTenantId: string, id: string): Promise<PurchaseRecord | undefined> {
    const found = this.records.get(`${customerTenantId}/${id}`);
    return found && structuredClone(found);
  }

  async listForPartner(
    customerTenantId: string,
    partnerTenantId: string | undefined,
    top: number,
    continuation?: string
  ): Promise<Page<PurchaseRecord>> {
    const mine = this.of(customerTenantId).filter(
      (record) => partnerTenantId === undefined || record.partnerTenantId === partnerTenantId
    );
    return pageOf(
      mine.sort((a, b) => b.purchaseDate.localeCompare(a.purchaseDate)),
      top,
      continuation
    );
  }

  async listForCustomer(customerTenantId: string, top: number, continuation?: string): Promise<Page<PurchaseRecord>> {
    return pageOf(
      this.of(customerTenantId).sort((a, b) => a.partnerSortKey.localeCompare(b.partnerSortKey)),
      top,
      continuation
    );
  }

  private of(customerTenantId: string): PurchaseRecord[] {
    return [...this.records.values()]
      .filter((record) => record.customerTenantId === customerTenantId)
      .map((record) => structuredClone(record));
  }
}

export class InMemorySharing implements PurchaseSharingStore {
  readonly records = new Map<string, { record: PurchaseSharingRecord; etag: number }>();
  readonly audit = new Map<string, SharingAuditRecord>();
  saves = 0;
  private etags = 0;
  /** Set to make the next appendAudit calls fail (an outage between the change and its audit record). */
  failAudit = 0;
  /** Called before every save: lets a test change the record first, as a racing admin would. */
  beforeSave: () => Promise<void> | void = () => undefined;

  async get(tenantId: string): Promise<VersionedSharing | undefined> {
    const found = this.records.get(tenantId);
    return found && { record: structuredClone(found.record), etag: String(found.etag) };
  }

  async save(record: PurchaseSharingRecord, etag: string | undefined): Promise<VersionedSharing> {
    await this.beforeSave();
    const current = this.records.get(record.tenantId);
    if (etag === undefined && current) throw new ConflictError("exists");
    if (etag !== undefined && (!current || String(current.etag) !== etag)) throw new PreconditionFailedError("stale");
    this.saves += 1;
    const next = { record: structuredClone(record), etag: ++this.etags };
    this.records.set(record.tenantId, next);
    return { record: structuredClone(record), etag: String(next.etag) };
  }

  async appendAudit(record: SharingAuditRecord): Promise<void> {
    if (this.failAudit > 0) {
      this.failAudit -= 1;
      throw new TransientError("Cosmos DB is busy");
    }
    const key = `${record.tenantId}/${record.id}`;
    if (!this.audit.has(key)) this.audit.set(key, structuredClone(record));
  }

  async listPendingAudit(before: string, limit: number): Promise<Page<string>> {
    const owing = [...this.records.values()]
      .filter(({ record }) => record.pendingAuditSince !== undefined && record.pendingAuditSince <= before)
      .sort((a, b) => (a.record.pendingAuditSince as string).localeCompare(b.record.pendingAuditSince as string))
      .map(({ record }) => record.tenantId);
    return { items: owing.slice(0, limit) };
  }

  auditOf(tenantId: string): SharingAuditRecord[] {
    return [...this.audit.values()]
      .filter((record) => record.tenantId === tenantId)
      .sort((a, b) => a.sequence - b.sequence);
  }
}
