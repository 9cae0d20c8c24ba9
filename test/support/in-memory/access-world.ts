/**
 * One partner's relationships with one customer, and the access they give, in memory: for unit tests of the grant
 * and assignment use cases' convergence rules (crash mid-way, redelivery, races) that the real runtime cannot stage
 * on cue. Built from this folder's fakes (ETag-guarded replace, audit records by id, grants keyed by relationship).
 */
import type { RoleGrant } from "../../../shared/grants/role-grants";
import type { StoredRelationship } from "../../../shared/relationships/relationship-document";
import type { GrantedRelationship, GrantPorts } from "../../../shared/use-cases/revoke-grants";
import type { PartnerCustomerIndex, PartnerCustomerRecord } from "../../../shared/relationships/partner-customers";
import { InMemoryGrantStore } from "./grant-store";
import { InMemoryCustomerIndex, InMemoryAuditLog, RecordingPublisher } from "./outbox-targets";
import { InMemoryRelationshipStore } from "./relationship-store";

export const partner = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
export const customer = "c0ffee00-0000-4000-8000-000000000001";
export const helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
export const userAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1";

export function relationship(overrides: Partial<StoredRelationship> = {}): StoredRelationship {
  return {
    id: "rel-1",
    partnerTenantId: partner,
    displayName: "Managed services",
    uniqueName: "managed services",
    partnerType: "partnerWithGdap",
    partner: { tenantId: partner, displayName: "Contoso partner" },
    customer: { tenantId: customer, adminEmail: "admin@customer.example" },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdesk }, { roleDefinitionId: userAdmin }] },
    duration: "P365D",
    autoExtendDuration: "PT0S",
    status: "approved",
    createdDateTime: "2027-01-01T00:00:00.000Z",
    lastModifiedDateTime: "2027-01-02T00:00:00.000Z",
    invitation: { nonce: "n", tokenHash: "h", expiresDateTime: "2027-04-01T00:00:00.000Z", sendCount: 1 },
    version: 3,
    outbox: [],
    ...overrides
  };
}

export class InMemoryWorld {
  readonly store = new InMemoryRelationshipStore();
  readonly grantStore = new InMemoryGrantStore();
  private readonly auditLog = new InMemoryAuditLog();
  private readonly publisher = new RecordingPublisher();
  /** Audit records by id. */
  readonly audit = this.auditLog.records;
  readonly published = this.publisher.published;
  /** Access documents by `customer|partner|role`. */
  readonly access = this.grantStore.documents;
  /** Graph's delegatedAdminCustomers records, by customer tenant (one partner here); `customerWrites` counts writes. */
  readonly customers = new Map<string, PartnerCustomerRecord>();
  customerWrites = 0;
  now = new Date("2027-01-03T10:00:00.000Z");

  /** Called after every putGrant: lets a test crash there, or change the relationship as a racing request would. */
  set afterPut(hook: (roleDefinitionId: string) => void) {
    this.grantStore.afterPut = hook;
  }
  /** Called after every putGroup: lets a test crash there, or change the relationship as a racing request would. */
  set afterPutGroup(hook: (roleDefinitionId: string) => void) {
    this.grantStore.afterPutGroup = hook;
  }

  add(document: StoredRelationship): void {
    this.store.put(document);
  }

  relationship(id = "rel-1"): GrantedRelationship {
    const found = this.store.peek(partner, id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  }

  /** A change made behind the use case's back (another request), under a new ETag. */
  edit(id: string, change: (document: StoredRelationship) => StoredRelationship): void {
    this.add(change(this.relationship(id)));
  }

  grantsOf(roleDefinitionId: string): Readonly<Record<string, RoleGrant>> {
    return this.grantStore.grantsOf(customer, partner, roleDefinitionId);
  }

  auditActions(): string[] {
    return [...this.audit.values()].map((record) =>
      record.action.startsWith("grant") ? `${record.action}:${String(record.after?.roleDefinitionId)}` : record.action
    );
  }

  ports(): GrantPorts {
    return {
      store: this.store,
      publisher: this.publisher,
      auditLog: this.auditLog,
      customerIndex: new InMemoryCustomerIndex(),
      clock: { now: () => new Date(this.now) },
      grantStore: this.grantStore,
      partnerCustomers: this.partnerCustomers()
    };
  }

  private partnerCustomers(): PartnerCustomerIndex {
    const unused = async (): Promise<never> => {
      throw new Error("not used by the grant use cases");
    };
    return {
      update: async (_partner, customerTenantId, change) => {
        const next = change(structuredClone(this.customers.get(customerTenantId)));
        if (!next) return;
        this.customers.set(customerTenantId, structuredClone(next));
        this.customerWrites += 1;
      },
      get: async (_partner, customerTenantId) => structuredClone(this.customers.get(customerTenantId)),
      list: unused,
      count: unused
    };
  }
}
