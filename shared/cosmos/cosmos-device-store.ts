/**
 * DeviceStore on Cosmos DB (container `devices`, partition `/customerTenantId`). An upload is one bulk call: the
 * SDK packs the creates into batch requests of at most 100 operations and about 220 KB each, all in the customer's
 * partition, so 1,000 devices of 4 KB take some 20 requests instead of 1,000. A conflict (409) is an answer here,
 * not an error: the device is there already, and one query then says whose. Lists are single-partition queries
 * that never read the hash. (The SDK's bulk executor sends its last, partial batch on a one-second tick, so an
 * upload answers in about a second whatever its size.)
 */
import type { Container, JSONObject, OperationInput, SqlParameter } from "@azure/cosmos";
import { TransientError } from "../errors";
import type { Page } from "../relationships/ports";
import type {
  CreateOutcome,
  DeviceListFilter,
  DeviceRecord,
  DeviceStore,
  DeviceSummary,
  ExistingDevice,
  StoredDevice,
  VersionedDevice
} from "../devices/device-records";
import { isNotFound, statusOf, translateCosmosError } from "./cosmos-errors";
import { versioned } from "./versioned-items";

type Resource = StoredDevice & { _etag: string };

const transientStatuses = new Set([408, 429, 449, 503]);
const summaryFields = [
  "id",
  "customerTenantId",
  "kind",
  "serialNumber",
  "windowsProductId",
  "manufacturer",
  "model",
  "registeredBy",
  "relationshipId",
  "registeredDateTime"
];

export class CosmosDeviceStore implements DeviceStore {
  constructor(private readonly container: Container) {}

  async createAll(devices: readonly DeviceRecord[]): Promise<CreateOutcome[]> {
    const operations: OperationInput[] = devices.map((device) => ({
      operationType: "Create",
      partitionKey: device.customerTenantId,
      resourceBody: device as unknown as JSONObject
    }));
    const statuses = await this.bulk(operations);
    const outcomes = statuses.map((status): CreateOutcome | undefined =>
      status >= 200 && status < 300 ? "created" : status === 409 ? "exists" : undefined
    );
    const failed = statuses.filter((_, index) => outcomes[index] === undefined);
    if (failed.some((status) => transientStatuses.has(status)))
      throw new TransientError(
        `Cosmos DB was busy for ${failed.length} of ${devices.length} devices; send the upload again.`
      );
    if (failed.length > 0) throw new Error(`Creating devices failed with status ${failed.join(", ")}.`);
    return outcomes as CreateOutcome[];
  }

  async findExisting(customerTenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, ExistingDevice>> {
    const found = new Map<string, ExistingDevice>();
    if (ids.length === 0) return found;
    const query = {
      // ARRAY_CONTAINS over the id uses the index: one query however many duplicates an upload holds.
      query:
        "SELECT c.id, c.kind, c.registeredBy, c.registeredDateTime, c.removals, c._etag FROM c WHERE c.customerTenantId = @customer AND ARRAY_CONTAINS(@ids, c.id)",
      parameters: [
        { name: "@customer", value: customerTenantId },
        { name: "@ids", value: [...ids] }
      ]
    };
    try {
      const { resources } = await this.container.items
        .query<Omit<ExistingDevice, "etag"> & { _etag: string }>(query, {
          partitionKey: customerTenantId,
          maxItemCount: ids.length
        })
        .fetchAll();
      for (const { _etag, ...device } of resources) found.set(device.id, { ...device, etag: _etag });
      return found;
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async get(customerTenantId: string, id: string): Promise<VersionedDevice | undefined> {
    try {
      const { resource } = await this.container.item(id, customerTenantId).read<Resource>();
      return resource ? versioned(resource) : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      translateCosmosError(error);
    }
  }

  async replace(document: StoredDevice, etag: string): Promise<void> {
    try {
      await this.container
        .item(document.id, document.customerTenantId)
        .replace(document, { accessCondition: { type: "IfMatch", condition: etag } });
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async list(
    customerTenantId: string,
    filter: DeviceListFilter,
    top: number,
    continuation?: string
  ): Promise<Page<DeviceSummary>> {
    // The partition key is also in WHERE: the local emulator ignores the partitionKey option.
    const clauses = ["c.customerTenantId = @customer", "c.kind = 'oemDevice'"];
    const parameters: SqlParameter[] = [{ name: "@customer", value: customerTenantId }];
    if (filter.registeredBy) {
      clauses.push("c.registeredBy.tenantId = @oem");
      parameters.push({ name: "@oem", value: filter.registeredBy });
    }
    const query = {
      query: `SELECT ${summaryFields.map((field) => `c.${field}`).join(", ")} FROM c WHERE ${clauses.join(" AND ")} ORDER BY c.registeredDateTime DESC`,
      parameters
    };
    try {
      const response = await this.container.items
        .query<DeviceSummary>(query, {
          partitionKey: customerTenantId,
          maxItemCount: top,
          continuationToken: continuation
        })
        .fetchNext();
      return { items: response.resources, continuation: response.continuationToken ?? undefined };
    } catch (error) {
      translateCosmosError(error);
    }
  }

  private async bulk(operations: OperationInput[]): Promise<number[]> {
    if (operations.length === 0) return [];
    try {
      const results = await this.container.items.executeBulkOperations(operations);
      return results.map(statusOfResult);
    } catch (error) {
      translateCosmosError(error);
    }
  }
}

function statusOfResult(result: { response?: { statusCode: number }; error?: unknown }): number {
  return result.response?.statusCode ?? statusOf(result.error) ?? 500;
}
