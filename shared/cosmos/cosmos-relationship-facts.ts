/**
 * A partner's relationships with one customer, as the MPSA purchase and device registration rules read them: one query in the
 * partner's partition of `relationships` on indexed fields, returning five small fields per relationship (a partner
 * has a handful with any one customer), never the documents themselves. It costs about as much as two point reads,
 * and it sees a termination the moment it is requested, with no index of its own to keep in step.
 */
import type { Container } from "@azure/cosmos";
import type { RelationshipFacts } from "../domain/accepted-relationships";
import type { PartnerRelationshipFacts } from "../relationships/ports";
import { translateCosmosError } from "./cosmos-errors";

export class CosmosRelationshipFacts implements PartnerRelationshipFacts {
  constructor(private readonly container: Container) {}

  async relationshipsWith(partnerTenantId: string, customerTenantId: string): Promise<readonly RelationshipFacts[]> {
    const query = {
      // The partition key is also in WHERE: the local emulator ignores the partitionKey option.
      query:
        "SELECT c.id, c.partnerType, c.status, IS_DEFINED(c.acceptance) AS accepted, c.customer.displayName AS customerDisplayName FROM c " +
        "WHERE c.partnerTenantId = @partner AND c.customer.tenantId = @customer AND NOT IS_DEFINED(c.deletedDateTime)",
      parameters: [
        { name: "@partner", value: partnerTenantId },
        { name: "@customer", value: customerTenantId }
      ]
    };
    try {
      const { resources } = await this.container.items
        .query<RelationshipFacts>(query, { partitionKey: partnerTenantId })
        .fetchAll();
      return resources;
    } catch (error) {
      translateCosmosError(error);
    }
  }
}
