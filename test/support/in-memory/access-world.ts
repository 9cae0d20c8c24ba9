/**
 * In-memory stand-ins for the ports the grant use cases take, for unit tests of their convergence rules (crash
 * mid-way, redelivery, races) that the real runtime cannot stage on cue. They keep the contracts that matter:
 * ETag-guarded replace, audit records by id (a replay is ignored), grants keyed by relationship.
 */
import { roleGrantsDocumentId, withGroups, type RoleGrantsDocument, type GrantStore, type RoleGrant } from "../../../shared/grants/role-grants";
import { PreconditionFailedError } from "../../../shared/errors";
import type { QueueMessage } from "../../../shared/messaging/messages";
import type { AuditRecord } from "../../../shared/outbox/outbox-entry";
import type { RelationshipStore } from "../../../shared/relationships/ports";
import type { StoredRelationship, VersionedRelationship } from "../../../shared/relationships/relationship-document";
import type { GrantedRelationship, GrantPorts } from "../../../shared/use-cases/revoke-grants";
import type { PartnerCustomerIndex, PartnerCustomerRecord } from "../../../shared/relationships/partner-customers";

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
  readonly documents = new Map<string, { document: StoredRelationship; etag: number }>();
  readonly audit = new Map<string, AuditRecord>();
  readonly published: { message: QueueMessage; messageId: string }[] = [];
  readonly access = new Map<string, RoleGrantsDocument>();
  /** Graph's delegatedAdminCustomers records, by customer tenant (one partner here); `customerWrites` counts writes. */
  readonly customers = new Map<string, PartnerCustomerRecord>();
  customerWrites = 0;
  now = new Date("2027-01-03T10:00:00.000Z");
  /** Called after every putGrant: lets a test crash there, or change the relationship as a racing request would. */
  afterPut: (roleDefinitionId: string) => void = () => undefined;
  /** Called after every putGroup: lets a test crash there, or change the relationship as a racing request would. */
  afterPutGroup: (roleDefinitionId: string) => void = () => undefined;
  private etags = 0;

  add(document: StoredRelationship): void {
    this.documents.set(this.key(document.partnerTenantId, document.id), { document: structuredClone(document), etag: ++this.etags });
  }

  relationship(id = "rel-1"): GrantedRelationship {
    const found = this.documents.get(this.key(partner, id));
    if (!found) throw new Error(`no ${id}`);
    return structuredClone(found.document);
  }

  /** A change made behind the use case's back (another request), under a new ETag. */
  edit(id: string, change: (document: StoredRelationship) => StoredRelationship): void {
    this.add(change(this.relationship(id)));
  }

  grantsOf(roleDefinitionId: string): Readonly<Record<string, RoleGrant>> {
    return this.access.get(`${customer}|${roleGrantsDocumentId(partner, roleDefinitionId)}`)?.grants ?? {};
  }

  auditActions(): string[] {
    return [...this.audit.values()].map((record) => (record.action.startsWith("grant") ? `${record.action}:${String(record.after?.roleDefinitionId)}` : record.action));
  }

  ports(): GrantPorts {
    // Only what the use cases call; the timers' query methods are not needed here.
    const store: Pick<RelationshipStore, "get" | "replace"> = {
      get: async (partnerTenantId, id) => {
        const found = this.documents.get(this.key(partnerTenantId, id));
        return found ? { document: structuredClone(found.document), etag: String(found.etag) } : undefined;
      },
      replace: async (document, etag): Promise<VersionedRelationship> => {
        const key = this.key(document.partnerTenantId, document.id);
        if (String(this.documents.get(key)?.etag) !== etag) throw new PreconditionFailedError("stale");
        this.add(document);
        return { document: structuredClone(document), etag: String(this.etags) };
      }
    };
    const grantStore: GrantStore = {
      get: async (customerTenantId, partnerTenantId, roleDefinitionId) => {
        return structuredClone(this.access.get(`${customerTenantId}|${roleGrantsDocumentId(partnerTenantId, roleDefinitionId)}`));
      },
      putGrant: async (customerTenantId, partnerTenantId, roleDefinitionId, grant) => {
        const id = roleGrantsDocumentId(partnerTenantId, roleDefinitionId);
        const current = this.access.get(`${customerTenantId}|${id}`);
        const groups = current?.grants[grant.relationshipId]?.groups;
        const kept: RoleGrant = groups ? { ...grant, groups } : grant;
        this.access.set(`${customerTenantId}|${id}`, { id, customerTenantId, partnerTenantId, roleDefinitionId, grants: { ...current?.grants, [grant.relationshipId]: kept } });
        this.afterPut(roleDefinitionId);
      },
      putGroup: async (customerTenantId, partnerTenantId, roleDefinitionId, assignment) => {
        const current = this.access.get(`${customerTenantId}|${roleGrantsDocumentId(partnerTenantId, roleDefinitionId)}`);
        if (!current?.grants[assignment.relationshipId]) return "noGrant";
        const grants = withGroups(current.grants, assignment.relationshipId, (groups) => ({ ...groups, [assignment.securityGroupId]: assignment.accessAssignmentId }));
        this.access.set(`${customerTenantId}|${current.id}`, { ...current, grants });
        this.afterPutGroup(roleDefinitionId);
        return "applied";
      },
      removeGroup: async (customerTenantId, partnerTenantId, roleDefinitionId, assignment) => {
        const current = this.access.get(`${customerTenantId}|${roleGrantsDocumentId(partnerTenantId, roleDefinitionId)}`);
        if (!current) return;
        const grants = withGroups(current.grants, assignment.relationshipId, (groups) => {
          if (groups[assignment.securityGroupId] !== assignment.accessAssignmentId) return groups;
          const { [assignment.securityGroupId]: _removed, ...rest } = groups;
          return rest;
        });
        this.access.set(`${customerTenantId}|${current.id}`, { ...current, grants });
      },
      removeGrant: async (customerTenantId, partnerTenantId, roleDefinitionId, relationshipId) => {
        const current = this.access.get(`${customerTenantId}|${roleGrantsDocumentId(partnerTenantId, roleDefinitionId)}`);
        if (!current) return;
        const { [relationshipId]: _removed, ...rest } = current.grants;
        this.access.set(`${customerTenantId}|${current.id}`, { ...current, grants: rest });
      }
    };
    return {
      store: store as RelationshipStore,
      publisher: {
        publish: async (message, messageId) => void this.published.push({ message, messageId }),
        schedule: async (message, messageId) => void this.published.push({ message, messageId })
      },
      auditLog: {
        append: async (record) => void (this.audit.has(record.id) || this.audit.set(record.id, structuredClone(record))),
        listForRelationship: async (id) => [...this.audit.values()].filter((record) => record.relationshipId === id)
      },
      customerIndex: { add: async () => undefined, list: async () => [] },
      clock: { now: () => new Date(this.now) },
      grantStore,
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

  private key(partnerTenantId: string, id: string): string {
    return `${partnerTenantId}/${id}`;
  }
}
