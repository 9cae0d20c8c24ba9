/**
 * PartnerCustomerIndex on Cosmos DB: records in the partner's partition of `tenants` (partition `/tenantId`), read
 * by id and listed with one single-partition query. Changes are ETag-guarded read-modify-writes (a create when
 * there is no record yet), re-run when another writer got there first.
 */
import type { Container, SqlParameter } from "@azure/cosmos";
import { ConflictError, PreconditionFailedError } from "../errors";
import { filterToSql, type SqlColumn } from "../graph/odata-filter";
import type { Page } from "../relationships/ports";
import {
  customerRecordId,
  type PartnerCustomerIndex,
  type PartnerCustomerQuery,
  type PartnerCustomerRecord
} from "../relationships/partner-customers";
import { isNotFound, translateCosmosError, withoutSystemProperties } from "./cosmos-errors";

type Resource = PartnerCustomerRecord & { _etag: string };

const maxAttempts = 5;

/** Where the customers list's filterable and sortable properties are stored. */
export const partnerCustomerColumns: Readonly<Record<string, SqlColumn>> = {
  displayName: { path: "c.displayName" },
  tenantId: { path: "c.customerTenantId" },
  id: { path: "c.customerTenantId" }
};

export class CosmosPartnerCustomerIndex implements PartnerCustomerIndex {
  constructor(private readonly container: Container) {}

  async update(
    partnerTenantId: string,
    customerTenantId: string,
    change: (current: PartnerCustomerRecord | undefined) => PartnerCustomerRecord | undefined
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.read(partnerTenantId, customerTenantId);
      const next = change(current && withoutSystemProperties(current));
      if (!next) return;
      try {
        if (current)
          await this.container
            .item(current.id, partnerTenantId)
            .replace(next, { accessCondition: { type: "IfMatch", condition: current._etag } });
        else await this.container.items.create(next);
        return;
      } catch (error) {
        try {
          translateCosmosError(error);
        } catch (translated) {
          const raced = translated instanceof PreconditionFailedError || translated instanceof ConflictError;
          if (!raced || attempt >= maxAttempts) throw translated;
        }
      }
    }
  }

  async get(partnerTenantId: string, customerTenantId: string): Promise<PartnerCustomerRecord | undefined> {
    const found = await this.read(partnerTenantId, customerTenantId);
    return found && withoutSystemProperties(found);
  }

  async list(
    partnerTenantId: string,
    query: PartnerCustomerQuery,
    top: number,
    continuation?: string
  ): Promise<Page<PartnerCustomerRecord>> {
    const { where, parameters } = listedWhere(partnerTenantId, query.filter);
    const column = partnerCustomerColumns[query.orderBy.property];
    if (!column) throw new Error(`No column to sort customers by ${query.orderBy.property}.`);
    const sql = {
      query: `SELECT * FROM c WHERE ${where} ORDER BY ${column.path} ${query.orderBy.direction.toUpperCase()}`,
      parameters
    };
    try {
      const response = await this.container.items
        .query<Resource>(sql, { partitionKey: partnerTenantId, maxItemCount: top, continuationToken: continuation })
        .fetchNext();
      return {
        items: response.resources.map((resource) => withoutSystemProperties(resource)),
        continuation: response.continuationToken ?? undefined
      };
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async count(partnerTenantId: string, filter: PartnerCustomerQuery["filter"]): Promise<number> {
    const { where, parameters } = listedWhere(partnerTenantId, filter);
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

  private async read(partnerTenantId: string, customerTenantId: string): Promise<Resource | undefined> {
    try {
      const { resource } = await this.container
        .item(customerRecordId(customerTenantId), partnerTenantId)
        .read<Resource>();
      return resource?.kind === "delegatedAdminCustomer" ? resource : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      translateCosmosError(error);
    }
  }
}

function listedWhere(
  partnerTenantId: string,
  filter: PartnerCustomerQuery["filter"]
): { where: string; parameters: SqlParameter[] } {
  const sql = filterToSql(filter, partnerCustomerColumns);
  return {
    // The partition key is also in WHERE: the local emulator ignores the partitionKey option.
    where: [
      "c.tenantId = @partner",
      "c.kind = 'delegatedAdminCustomer'",
      "ARRAY_LENGTH(c.activeRelationshipIds) > 0",
      ...sql.clauses
    ].join(" AND "),
    parameters: [{ name: "@partner", value: partnerTenantId }, ...sql.parameters]
  };
}
