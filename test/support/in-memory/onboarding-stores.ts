/**
 * In-memory stand-ins for the onboarding ports, for unit tests of the rules the real runtime cannot stage on cue
 * (a crash between approval's steps, a stale name claim, a race). They keep the contracts that matter: a create
 * that conflicts on a taken id, an ETag-guarded replace, and a partner update that is a read-modify-write.
 */
import { ConflictError, PreconditionFailedError } from "../../../shared/errors";
import type {
  ApplicationStatus,
  NameClaim,
  OnboardingStore,
  PartnerApplication,
  Versioned
} from "../../../shared/tenants/partner-onboarding";
import { claimPartitionFor } from "../../../shared/tenants/partner-onboarding";
import type { PartnerRecord, PartnerRegistration, TenantStore } from "../../../shared/tenants/tenant-records";

class Documents {
  private readonly stored = new Map<string, { document: unknown; etag: string }>();
  private version = 0;

  get<T>(partition: string, id: string): Versioned<T> | undefined {
    const found = this.stored.get(`${partition}|${id}`);
    return found && { document: structuredClone(found.document) as T, etag: found.etag };
  }

  create<T>(partition: string, id: string, document: T): Versioned<T> {
    if (this.stored.has(`${partition}|${id}`)) throw new ConflictError("exists");
    return this.put(partition, id, document);
  }

  replace<T>(partition: string, id: string, document: T, etag: string): Versioned<T> {
    if (this.stored.get(`${partition}|${id}`)?.etag !== etag) throw new PreconditionFailedError("changed");
    return this.put(partition, id, document);
  }

  delete(partition: string, id: string): void {
    this.stored.delete(`${partition}|${id}`);
  }

  all<T>(): T[] {
    return [...this.stored.values()].map((entry) => structuredClone(entry.document) as T);
  }

  private put<T>(partition: string, id: string, document: T): Versioned<T> {
    this.version += 1;
    const etag = `etag-${this.version}`;
    this.stored.set(`${partition}|${id}`, { document: structuredClone(document), etag });
    return { document, etag };
  }
}

export class InMemoryOnboarding implements OnboardingStore {
  readonly documents = new Documents();

  async getApplication(tenantId: string) {
    return this.documents.get<PartnerApplication>(tenantId, "partner-application");
  }
  async createApplication(application: PartnerApplication) {
    return this.documents.create(application.tenantId, application.id, application);
  }
  async replaceApplication(application: PartnerApplication, etag: string) {
    return this.documents.replace(application.tenantId, application.id, application, etag);
  }
  async listApplications(status: ApplicationStatus) {
    return {
      items: this.documents
        .all<PartnerApplication>()
        .filter((a) => a.kind === "partnerApplication" && a.status === status)
        .map((document) => ({ document, etag: "" }))
    };
  }
  async getClaim(skeleton: string) {
    return this.documents.get<NameClaim>(claimPartitionFor(skeleton), "name-claim");
  }
  async createClaim(claim: NameClaim) {
    const existing = this.documents.get<NameClaim>(claim.tenantId, claim.id);
    if (existing) return { created: false as const, existing };
    this.documents.create(claim.tenantId, claim.id, claim);
    return { created: true as const };
  }
  async replaceClaim(claim: NameClaim, etag: string) {
    this.documents.replace(claim.tenantId, claim.id, claim, etag);
  }
  async releaseClaim(skeleton: string, ownerTenantId: string) {
    const found = await this.getClaim(skeleton);
    if (found?.document.ownerTenantId === ownerTenantId) this.documents.delete(found.document.tenantId, "name-claim");
  }
  async claimOwner(skeleton: string): Promise<string | undefined> {
    return (await this.getClaim(skeleton))?.document.ownerTenantId;
  }
}

type TenantPorts = Pick<TenantStore, "getPartner" | "registerPartner" | "updatePartner" | "listPartners">;

export class InMemoryTenants implements TenantPorts {
  readonly partners = new Map<string, PartnerRecord>();
  /** Set to make the next registerPartner fail, as a crash between approval's steps would. */
  failNextRegistration = false;

  async getPartner(tenantId: string) {
    const found = this.partners.get(tenantId);
    return found && structuredClone(found);
  }
  async registerPartner(registration: PartnerRegistration) {
    if (this.failNextRegistration) {
      this.failNextRegistration = false;
      throw new Error("the process died");
    }
    const current = this.partners.get(registration.tenantId);
    const record: PartnerRecord = {
      ...current,
      id: "partner",
      kind: "partner",
      tenantId: registration.tenantId,
      displayName: registration.displayName,
      registeredDateTime: current?.registeredDateTime ?? registration.approval.at,
      status: "approved",
      identity: registration.identity,
      standing: [...(current?.standing ?? []), registration.approval]
    };
    this.partners.set(record.tenantId, record);
    return record;
  }
  async updatePartner(tenantId: string, change: (current: PartnerRecord | undefined) => PartnerRecord) {
    const next = change(await this.getPartner(tenantId));
    this.partners.set(tenantId, next);
    return next;
  }
  async listPartners() {
    return { items: [...this.partners.values()] };
  }
}
