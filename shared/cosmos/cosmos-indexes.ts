/**
 * The two lookup containers: invitation token hash → relationship (partition `/id`, a point read), and customer
 * tenant → relationships (partition `/customerTenantId`, one single-partition query). Entries never change once
 * written, so writing one twice is harmless; readers still check the relationship itself before trusting them.
 */
import type { Container } from "@azure/cosmos";
import type { CustomerRelationshipIndex, InvitationReference, InvitationTokenIndex } from "../relationships/ports";
import { isNotFound, translateCosmosError } from "./cosmos-errors";

export class CosmosInvitationTokenIndex implements InvitationTokenIndex {
  constructor(private readonly container: Container) {}

  async put(tokenHash: string, reference: InvitationReference): Promise<void> {
    try {
      await this.container.items.upsert({ id: tokenHash, ...reference });
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async find(tokenHash: string): Promise<InvitationReference | undefined> {
    try {
      const { resource } = await this.container.item(tokenHash, tokenHash).read<InvitationReference>();
      return resource
        ? { partnerTenantId: resource.partnerTenantId, relationshipId: resource.relationshipId }
        : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      translateCosmosError(error);
    }
  }
}

export class CosmosCustomerRelationshipIndex implements CustomerRelationshipIndex {
  constructor(private readonly container: Container) {}

  async add(customerTenantId: string, reference: InvitationReference): Promise<void> {
    try {
      await this.container.items.upsert({ id: reference.relationshipId, customerTenantId, ...reference });
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async list(customerTenantId: string): Promise<readonly InvitationReference[]> {
    const query = {
      query: "SELECT c.partnerTenantId, c.relationshipId FROM c WHERE c.customerTenantId = @customer",
      parameters: [{ name: "@customer", value: customerTenantId }]
    };
    try {
      const { resources } = await this.container.items
        .query<InvitationReference>(query, { partitionKey: customerTenantId })
        .fetchAll();
      return resources;
    } catch (error) {
      translateCosmosError(error);
    }
  }
}
