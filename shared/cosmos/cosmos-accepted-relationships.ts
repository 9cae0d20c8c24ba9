/**
 * AcceptedRelationshipLookup on Cosmos DB: one query in the partner's partition of `relationships`, asking for one
 * relationship of the type with the customer in one of the statuses, and only the few fields the rules need. The
 * partner's partition is the cheap place to ask: the customer index holds only references, so it would take a
 * query and then a point read per relationship to learn each one's type and status.
 */
import type { Container } from "@azure/cosmos";
import type { RelationshipStatus } from "../domain/relationship";
import type { AcceptedRelationship, AcceptedRelationshipLookup } from "../purchases/purchase-records";
import { translateCosmosError } from "./cosmos-errors";

export class CosmosAcceptedRelationships implements AcceptedRelationshipLookup {
  constructor(private readonly container: Container) {}

  async findAccepted(partnerTenantId: string, customerTenantId: string, partnerType: string, statuses: readonly RelationshipStatus[]): Promise<AcceptedRelationship | undefined> {
    const names = statuses.map((_, n) => `@status${n}`);
    const query = {
      // The partition key is also in WHERE: the local emulator ignores the partitionKey option.
      query: `SELECT TOP 1 c.id, c.status, c.partnerType, c.customer.displayName AS customerDisplayName FROM c WHERE c.partnerTenantId = @partner AND c.customer.tenantId = @customer AND c.partnerType = @type AND c.status IN (${names.join(", ")}) AND NOT IS_DEFINED(c.deletedDateTime)`,
      parameters: [
        { name: "@partner", value: partnerTenantId },
        { name: "@customer", value: customerTenantId },
        { name: "@type", value: partnerType },
        ...statuses.map((status, n) => ({ name: names[n] as string, value: status }))
      ]
    };
    try {
      const { resources } = await this.container.items.query<AcceptedRelationship & { customerDisplayName?: string | null }>(query, { partitionKey: partnerTenantId }).fetchAll();
      const found = resources[0];
      if (!found) return undefined;
      const { customerDisplayName, ...rest } = found;
      return { id: rest.id, status: rest.status, partnerType: rest.partnerType, ...(customerDisplayName ? { customerDisplayName } : {}) };
    } catch (error) {
      translateCosmosError(error);
    }
  }
}
