/**
 * RelationshipStore in memory, keeping what the use cases rely on from the Cosmos DB store: a create that conflicts
 * on a taken id or on a live display name (the container's unique key on `/uniqueName`, per partner), a replace
 * guarded by the ETag it was read with (412 as PreconditionFailedError, a name clash as ConflictError), a remove
 * that tolerates an absent document, and the timers' indexed lists. Each call is recorded (`faults.calls`), and a
 * test can make the next calls fail or run a racing write first, as an outage or another request would.
 */
import { ConflictError, PreconditionFailedError } from "../../../shared/errors";
import type { RelationshipStatus } from "../../../shared/domain/relationship";
import type {
  Page,
  PartnerListFilter,
  RelationshipQuery,
  RelationshipReference,
  RelationshipStore
} from "../../../shared/relationships/ports";
import type { StoredRelationship, VersionedRelationship } from "../../../shared/relationships/relationship-document";
import { Faults } from "./faults";
import { pageOf } from "./page-of";

export type StoreCall = "create" | "get" | "replace" | "remove" | "list";

export class InMemoryRelationshipStore implements RelationshipStore {
  private readonly stored = new Map<string, { document: StoredRelationship; etag: string }>();
  private etags = 0;
  readonly faults = new Faults<StoreCall>();
  /** Runs before a replace is checked: lets a test write first, as a racing request would. */
  beforeReplace: (document: StoredRelationship) => void = () => undefined;

  /** Puts a document as it is, under a new ETag (test data, or a change made behind the use case's back). */
  put(document: StoredRelationship): VersionedRelationship {
    const etag = `"etag-${++this.etags}"`;
    this.stored.set(keyOf(document.partnerTenantId, document.id), { document: structuredClone(document), etag });
    return { document: structuredClone(document), etag };
  }

  /** The stored document, or undefined; no call is recorded. */
  peek(partnerTenantId: string, id: string): StoredRelationship | undefined {
    const found = this.stored.get(keyOf(partnerTenantId, id));
    return found && structuredClone(found.document);
  }

  all(): StoredRelationship[] {
    return [...this.stored.values()].map(({ document }) => structuredClone(document));
  }

  async create(document: StoredRelationship): Promise<VersionedRelationship> {
    this.enter("create");
    if (this.stored.has(keyOf(document.partnerTenantId, document.id)) || this.nameTaken(document)) {
      throw new ConflictError("A relationship with this id or display name already exists.");
    }
    return this.put(document);
  }

  async get(partnerTenantId: string, id: string): Promise<VersionedRelationship | undefined> {
    this.enter("get");
    const found = this.stored.get(keyOf(partnerTenantId, id));
    return found && { document: structuredClone(found.document), etag: found.etag };
  }

  async replace(document: StoredRelationship, etag: string): Promise<VersionedRelationship> {
    this.enter("replace");
    this.beforeReplace(document);
    const found = this.stored.get(keyOf(document.partnerTenantId, document.id));
    // Cosmos DB answers a replace of a missing document 404, which the store passes on as it is.
    if (!found)
      throw Object.assign(new Error("Entity with the specified id does not exist in the system."), { code: 404 });
    if (found.etag !== etag)
      throw new PreconditionFailedError("The resource changed since you read it; read it again and retry.");
    if (this.nameTaken(document)) throw new ConflictError("Another live relationship already has this display name.");
    return this.put(document);
  }

  async remove(partnerTenantId: string, id: string): Promise<void> {
    this.enter("remove");
    this.stored.delete(keyOf(partnerTenantId, id));
  }

  async listByPartner(
    partnerTenantId: string,
    filter: PartnerListFilter,
    top: number,
    continuation?: string
  ): Promise<Page<VersionedRelationship>> {
    this.enter("list");
    const items = [...this.stored.values()]
      .filter(({ document: d }) => d.partnerTenantId === partnerTenantId && d.deletedDateTime === undefined)
      .filter(
        ({ document: d }) =>
          (!filter.status || d.status === filter.status) &&
          (!filter.customerTenantId || d.customer.tenantId === filter.customerTenantId)
      )
      .filter(
        ({ document: d }) => !filter.endingBy || (d.endDateTime !== undefined && d.endDateTime <= filter.endingBy)
      )
      .sort((a, b) => b.document.createdDateTime.localeCompare(a.document.createdDateTime))
      .map(({ document, etag }) => ({ document: structuredClone(document), etag }));
    return pageOf(items, top, continuation);
  }

  queryByPartner(_partnerTenantId: string, _query: RelationshipQuery): Promise<Page<VersionedRelationship>> {
    return Promise.reject(
      new Error("Graph's $filter queries are not kept in memory: test them against the embedded Cosmos DB.")
    );
  }

  countByPartner(_partnerTenantId: string, _filter: RelationshipQuery["filter"]): Promise<number> {
    return Promise.reject(new Error("Graph's $count is not kept in memory: test it against the embedded Cosmos DB."));
  }

  async listDue(
    now: string,
    statuses: readonly RelationshipStatus[],
    limit: number,
    continuation?: string
  ): Promise<Page<RelationshipReference>> {
    this.enter("list");
    const due = this.references(
      (d) => d.dueDateTime !== undefined && d.dueDateTime <= now && statuses.includes(d.status),
      (d) => d.dueDateTime as string
    );
    return pageOf(due, limit, continuation);
  }

  async listWithStaleOutbox(
    before: string,
    limit: number,
    continuation?: string
  ): Promise<Page<RelationshipReference>> {
    this.enter("list");
    const stale = this.references(
      (d) => d.outboxSince !== undefined && d.outboxSince <= before,
      (d) => d.outboxSince as string
    );
    return pageOf(stale, limit, continuation);
  }

  private references(
    include: (document: StoredRelationship) => boolean,
    sortKey: (document: StoredRelationship) => string
  ): RelationshipReference[] {
    return [...this.stored.values()]
      .map(({ document }) => document)
      .filter(include)
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
      .map((document) => ({ partnerTenantId: document.partnerTenantId, id: document.id }));
  }

  private nameTaken(document: StoredRelationship): boolean {
    return [...this.stored.values()].some(
      ({ document: other }) =>
        other.partnerTenantId === document.partnerTenantId &&
        other.id !== document.id &&
        other.uniqueName === document.uniqueName
    );
  }

  private enter(call: StoreCall): void {
    this.faults.enter(call);
  }
}

function keyOf(partnerTenantId: string, id: string): string {
  return `${partnerTenantId}/${id}`;
}
