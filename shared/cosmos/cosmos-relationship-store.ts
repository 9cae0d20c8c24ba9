/** RelationshipStore on Cosmos DB: partition `/partnerTenantId`, so a partner's reads are point reads or single-partition queries. */
import type { Container, SqlParameter, SqlQuerySpec } from "@azure/cosmos";
import type { RelationshipStatus } from "../domain/relationship";
import type { StoredRelationship, VersionedRelationship } from "../relationships/relationship-document";
import type {
  Page,
  PartnerListFilter,
  RelationshipQuery,
  RelationshipReference,
  RelationshipStore
} from "../relationships/ports";
import { relationshipColumns } from "../graph/graph-relationships";
import { filterToSql } from "../graph/odata-filter";
import { isNotFound, translateCosmosError } from "./cosmos-errors";
import { createVersioned, readVersioned, replaceVersioned, versioned } from "./versioned-items";

type Resource = StoredRelationship & { _etag: string };

export class CosmosRelationshipStore implements RelationshipStore {
  constructor(private readonly container: Container) {}

  create(document: StoredRelationship): Promise<VersionedRelationship> {
    return createVersioned(this.container, document, "A relationship with this id or display name already exists.");
  }

  get(partnerTenantId: string, id: string): Promise<VersionedRelationship | undefined> {
    return readVersioned(this.container, id, partnerTenantId);
  }

  replace(document: StoredRelationship, etag: string): Promise<VersionedRelationship> {
    return replaceVersioned(
      this.container,
      document,
      document.partnerTenantId,
      etag,
      "Another live relationship already has this display name."
    );
  }

  async remove(partnerTenantId: string, id: string): Promise<void> {
    try {
      await this.container.item(id, partnerTenantId).delete();
    } catch (error) {
      if (isNotFound(error)) return;
      translateCosmosError(error);
    }
  }

  async listByPartner(
    partnerTenantId: string,
    filter: PartnerListFilter,
    top: number,
    continuation?: string
  ): Promise<Page<VersionedRelationship>> {
    // The partition key is also in WHERE: the local emulator ignores the partitionKey option.
    const clauses = ["c.partnerTenantId = @partner", "NOT IS_DEFINED(c.deletedDateTime)"];
    const parameters: SqlParameter[] = [{ name: "@partner", value: partnerTenantId }];
    if (filter.status) {
      clauses.push("c.status = @status");
      parameters.push({ name: "@status", value: filter.status });
    }
    if (filter.customerTenantId) {
      clauses.push("c.customer.tenantId = @customer");
      parameters.push({ name: "@customer", value: filter.customerTenantId });
    }
    if (filter.endingBy) {
      clauses.push("IS_DEFINED(c.endDateTime) AND c.endDateTime <= @endingBy");
      parameters.push({ name: "@endingBy", value: filter.endingBy });
    }
    const query = {
      query: `SELECT * FROM c WHERE ${clauses.join(" AND ")} ORDER BY c.createdDateTime DESC`,
      parameters
    };
    try {
      const response = await this.container.items
        .query<Resource>(query, { partitionKey: partnerTenantId, maxItemCount: top, continuationToken: continuation })
        .fetchNext();
      return { items: response.resources.map(versioned), continuation: response.continuationToken ?? undefined };
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async queryByPartner(
    partnerTenantId: string,
    query: RelationshipQuery,
    top: number,
    continuation?: string
  ): Promise<Page<VersionedRelationship>> {
    const { where, parameters } = graphWhere(partnerTenantId, query.filter);
    const column = relationshipColumns[query.orderBy.property];
    if (!column) throw new Error(`No column to sort by ${query.orderBy.property}.`);
    const sql = {
      query: `SELECT * FROM c WHERE ${where} ORDER BY ${column.path} ${query.orderBy.direction.toUpperCase()}`,
      parameters
    };
    try {
      const response = await this.container.items
        .query<Resource>(sql, { partitionKey: partnerTenantId, maxItemCount: top, continuationToken: continuation })
        .fetchNext();
      return { items: response.resources.map(versioned), continuation: response.continuationToken ?? undefined };
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async countByPartner(partnerTenantId: string, filter: RelationshipQuery["filter"]): Promise<number> {
    const { where, parameters } = graphWhere(partnerTenantId, filter);
    try {
      const { resources } = await this.container.items
        .query<number>(
          { query: `SELECT VALUE COUNT(1) FROM c WHERE ${where}`, parameters },
          { partitionKey: partnerTenantId }
        )
        .fetchAll();
      return resources[0] ?? 0;
    } catch (error) {
      translateCosmosError(error);
    }
  }

  listDue(
    now: string,
    statuses: readonly RelationshipStatus[],
    limit: number,
    continuation?: string
  ): Promise<Page<RelationshipReference>> {
    const names = statuses.map((_, n) => `@status${n}`);
    return this.references(
      {
        // Only the reference comes back: the change that follows reads the document itself, under its ETag.
        query: `SELECT c.partnerTenantId, c.id FROM c WHERE c.dueDateTime <= @now AND c.status IN (${names.join(", ")}) ORDER BY c.dueDateTime`,
        parameters: [
          { name: "@now", value: now },
          ...statuses.map((status, n) => ({ name: names[n] as string, value: status }))
        ]
      },
      limit,
      continuation
    );
  }

  listWithStaleOutbox(before: string, limit: number, continuation?: string): Promise<Page<RelationshipReference>> {
    return this.references(
      {
        query: "SELECT c.partnerTenantId, c.id FROM c WHERE c.outboxSince <= @before ORDER BY c.outboxSince",
        parameters: [{ name: "@before", value: before }]
      },
      limit,
      continuation
    );
  }

  /** A cross-partition query over an indexed date (timers only), one page of at most `limit` references. */
  private async references(
    query: SqlQuerySpec,
    limit: number,
    continuation?: string
  ): Promise<Page<RelationshipReference>> {
    try {
      const response = await this.container.items
        .query<RelationshipReference>(query, { maxItemCount: limit, continuationToken: continuation })
        .fetchNext();
      return {
        items: response.resources.map(({ partnerTenantId, id }) => ({ partnerTenantId, id })),
        continuation: response.continuationToken ?? undefined
      };
    } catch (error) {
      translateCosmosError(error);
    }
  }
}

/** The partition (also in WHERE: the local emulator ignores the partitionKey option), live documents only, and the filter. */
function graphWhere(
  partnerTenantId: string,
  filter: RelationshipQuery["filter"]
): { where: string; parameters: SqlParameter[] } {
  const sql = filterToSql(filter, relationshipColumns);
  return {
    where: ["c.partnerTenantId = @partner", "NOT IS_DEFINED(c.deletedDateTime)", ...sql.clauses].join(" AND "),
    parameters: [{ name: "@partner", value: partnerTenantId }, ...sql.parameters]
  };
}
