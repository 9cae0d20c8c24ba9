/**
 * PurchaseStore on Cosmos DB (container `purchases`, partition `/customerTenantId`): a record by id is a point read,
 * and both the partner's view and the customer's are single-partition queries. Records are only ever created.
 */
import type { Container, SqlParameter } from "@azure/cosmos";
import type { PurchaseRecord, PurchaseStore } from "../purchases/purchase-records";
import type { Page } from "../relationships/ports";
import { isNotFound, translateCosmosError, withoutSystemProperties } from "./cosmos-errors";

type Resource = PurchaseRecord & { _etag: string };

export class CosmosPurchaseStore implements PurchaseStore {
  constructor(private readonly container: Container) {}

  async create(record: PurchaseRecord): Promise<PurchaseRecord> {
    try {
      const { resource } = await this.container.items.create<PurchaseRecord>(record);
      return withoutSystemProperties(resource as Resource);
    } catch (error) {
      translateCosmosError(error, "A purchase with this id already exists.");
    }
  }

  async get(customerTenantId: string, id: string): Promise<PurchaseRecord | undefined> {
    try {
      const { resource } = await this.container.item(id, customerTenantId).read<Resource>();
      return resource ? withoutSystemProperties(resource) : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      translateCosmosError(error);
    }
  }

  listForPartner(
    customerTenantId: string,
    partnerTenantId: string | undefined,
    top: number,
    continuation?: string
  ): Promise<Page<PurchaseRecord>> {
    // The partition key is also in WHERE: the local emulator ignores the partitionKey option.
    const clauses = ["c.customerTenantId = @customer"];
    const parameters: SqlParameter[] = [{ name: "@customer", value: customerTenantId }];
    if (partnerTenantId !== undefined) {
      clauses.push("c.partnerTenantId = @partner");
      parameters.push({ name: "@partner", value: partnerTenantId });
    }
    return this.page(
      customerTenantId,
      `SELECT * FROM c WHERE ${clauses.join(" AND ")} ORDER BY c.purchaseDate DESC`,
      parameters,
      top,
      continuation
    );
  }

  listForCustomer(customerTenantId: string, top: number, continuation?: string): Promise<Page<PurchaseRecord>> {
    return this.page(
      customerTenantId,
      "SELECT * FROM c WHERE c.customerTenantId = @customer ORDER BY c.partnerSortKey ASC",
      [{ name: "@customer", value: customerTenantId }],
      top,
      continuation
    );
  }

  private async page(
    customerTenantId: string,
    query: string,
    parameters: SqlParameter[],
    top: number,
    continuation?: string
  ): Promise<Page<PurchaseRecord>> {
    try {
      const response = await this.container.items
        .query<Resource>(
          { query, parameters },
          { partitionKey: customerTenantId, maxItemCount: top, continuationToken: continuation }
        )
        .fetchNext();
      return {
        items: response.resources.map((resource) => withoutSystemProperties(resource)),
        continuation: response.continuationToken ?? undefined
      };
    } catch (error) {
      translateCosmosError(error);
    }
  }
}
