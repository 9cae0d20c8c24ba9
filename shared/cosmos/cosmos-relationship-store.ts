/** RelationshipStore on Cosmos DB: partition `/partnerTenantId`, so a partner's reads are point reads or single-partition queries. */
import type { Container, SqlParameter } from "@azure/cosmos";
import type { StoredRelationship, VersionedRelationship } from "../relationships/relationship-document";
import type { Page, PartnerListFilter, RelationshipStore } from "../relationships/ports";
import { isNotFound, translateCosmosError, withoutSystemProperties } from "./cosmos-errors";

type Resource = StoredRelationship & { _etag: string };

export class CosmosRelationshipStore implements RelationshipStore {
  constructor(private readonly container: Container) {}

  async create(document: StoredRelationship): Promise<VersionedRelationship> {
    try {
      const { resource } = await this.container.items.create<StoredRelationship>(document);
      return versioned(resource as Resource);
    } catch (error) {
      translateCosmosError(error, "A relationship with this id or display name already exists.");
    }
  }

  async get(partnerTenantId: string, id: string): Promise<VersionedRelationship | undefined> {
    try {
      const { resource } = await this.container.item(id, partnerTenantId).read<Resource>();
      return resource ? versioned(resource) : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      translateCosmosError(error);
    }
  }

  async replace(document: StoredRelationship, etag: string): Promise<VersionedRelationship> {
    try {
      const { resource } = await this.container
        .item(document.id, document.partnerTenantId)
        .replace<StoredRelationship>(document, { accessCondition: { type: "IfMatch", condition: etag } });
      return versioned(resource as Resource);
    } catch (error) {
      translateCosmosError(error, "Another live relationship already has this display name.");
    }
  }

  async listByPartner(partnerTenantId: string, filter: PartnerListFilter, top: number, continuation?: string): Promise<Page<VersionedRelationship>> {
    // The partition key is also in WHERE: the local emulator ignores the partitionKey option.
    const clauses = ["c.partnerTenantId = @partner"];
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
    const query = { query: `SELECT * FROM c WHERE ${clauses.join(" AND ")} ORDER BY c.createdDateTime DESC`, parameters };
    try {
      const response = await this.container.items
        .query<Resource>(query, { partitionKey: partnerTenantId, maxItemCount: top, continuationToken: continuation })
        .fetchNext();
      return { items: response.resources.map(versioned), continuation: response.continuationToken ?? undefined };
    } catch (error) {
      translateCosmosError(error);
    }
  }
}

function versioned(resource: Resource): VersionedRelationship {
  return { document: withoutSystemProperties(resource), etag: resource._etag };
}
