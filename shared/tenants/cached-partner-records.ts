/**
 * A partner's own record (standing, identity, display name) is read by every partner request: to know the caller is
 * a registered partner, may invite, and what to stamp on what it creates. This instance keeps each record it read for
 * a short while (partnerRecordCacheMs) instead of reading it again per request (a point read each on Azure). Writes
 * through this store (approval, suspension, reinstatement, profile) drop the kept copy at once; a write made by
 * another instance is seen here when the copy lapses, so a suspension takes up to that long to stop invitations
 * sent through other instances (README, "Operating it"). Only records found are kept: a tenant approved elsewhere
 * is a partner here on its next request.
 */
import type { PartnerProfile, PartnerRecord, PartnerRegistration, TenantStore } from "./tenant-records";

/** How long a partner record read is trusted in this instance. */
export const partnerRecordCacheMs = 30_000;
/** Bounds the memory: past this many partners, the oldest kept record goes first. */
const maxKept = 10_000;

export class CachedPartnerRecords implements TenantStore {
  private readonly kept = new Map<string, { record: PartnerRecord; until: number }>();

  constructor(
    private readonly store: TenantStore,
    private readonly nowMs: () => number = Date.now,
    private readonly keepMs: number = partnerRecordCacheMs
  ) {}

  async getPartner(tenantId: string): Promise<PartnerRecord | undefined> {
    const found = this.kept.get(tenantId);
    if (found && found.until > this.nowMs()) return found.record;
    this.kept.delete(tenantId);
    return this.keep(tenantId, await this.store.getPartner(tenantId));
  }

  async registerPartner(registration: PartnerRegistration): Promise<PartnerRecord> {
    return this.written(registration.tenantId, () => this.store.registerPartner(registration));
  }

  async updatePartner(
    tenantId: string,
    change: (current: PartnerRecord | undefined) => PartnerRecord
  ): Promise<PartnerRecord> {
    return this.written(tenantId, () => this.store.updatePartner(tenantId, change));
  }

  async savePartnerProfile(tenantId: string, profile: PartnerProfile): Promise<PartnerRecord> {
    return this.written(tenantId, () => this.store.savePartnerProfile(tenantId, profile));
  }

  listPartners: TenantStore["listPartners"] = (...args) => this.store.listPartners(...args);
  searchPartners: TenantStore["searchPartners"] = (...args) => this.store.searchPartners(...args);
  getAgreement: TenantStore["getAgreement"] = (...args) => this.store.getAgreement(...args);
  recordAgreementAcceptance: TenantStore["recordAgreementAcceptance"] = (...args) =>
    this.store.recordAgreementAcceptance(...args);
  saveContactRequest: TenantStore["saveContactRequest"] = (...args) => this.store.saveContactRequest(...args);
  getContactRequest: TenantStore["getContactRequest"] = (...args) => this.store.getContactRequest(...args);
  listUnpublishedContactRequests: TenantStore["listUnpublishedContactRequests"] = (...args) =>
    this.store.listUnpublishedContactRequests(...args);

  /** A write drops the kept copy (before and after, so no read racing it keeps the old one): the next read asks the store. */
  private async written(tenantId: string, write: () => Promise<PartnerRecord>): Promise<PartnerRecord> {
    this.forget(tenantId);
    const record = await write();
    this.forget(tenantId); // a read that raced the write may have kept the copy from before it
    return record;
  }

  /** Every kept spelling of the tenant id (callers differ in case; writes lower-case it). */
  private forget(tenantId: string): void {
    const lower = tenantId.toLowerCase();
    for (const key of [...this.kept.keys()]) if (key.toLowerCase() === lower) this.kept.delete(key);
  }

  private keep(tenantId: string, record: PartnerRecord | undefined): PartnerRecord | undefined {
    if (!record) return undefined;
    if (this.kept.size >= maxKept) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(tenantId, { record, until: this.nowMs() + this.keepMs });
    return record;
  }
}
