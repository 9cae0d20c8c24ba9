/**
 * PurchaseSharingStore on Cosmos DB, in the customer's partition of `tenants`: the setting record by id (a point
 * read), written under its ETag; its audit records beside it, each created once under an id made from its change.
 */
import type { Container } from "@azure/cosmos";
import {
  purchaseSharingRecordId,
  type PurchaseSharingRecord,
  type PurchaseSharingStore,
  type SharingAuditRecord,
  type VersionedSharing
} from "../purchases/purchase-sharing";
import type { Page } from "../relationships/ports";
import { isNotFound, statusOf, translateCosmosError, withoutSystemProperties } from "./cosmos-errors";

type Resource = PurchaseSharingRecord & { _etag: string };

export class CosmosPurchaseSharingStore implements PurchaseSharingStore {
  constructor(private readonly container: Container) {}

  async get(tenantId: string): Promise<VersionedSharing | undefined> {
    try {
      const { resource } = await this.container.item(purchaseSharingRecordId, tenantId).read<Resource>();
      return resource?.kind === "mpsaPurchaseSharing"
        ? { record: withoutSystemProperties(resource), etag: resource._etag }
        : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      translateCosmosError(error);
    }
  }

  async save(record: PurchaseSharingRecord, etag: string | undefined): Promise<VersionedSharing> {
    try {
      const { resource } =
        etag === undefined
          ? await this.container.items.create<PurchaseSharingRecord>(record)
          : await this.container
              .item(record.id, record.tenantId)
              .replace<PurchaseSharingRecord>(record, { accessCondition: { type: "IfMatch", condition: etag } });
      const written = resource as Resource;
      return { record: withoutSystemProperties(written), etag: written._etag };
    } catch (error) {
      translateCosmosError(error, "The setting was created by another request meanwhile.");
    }
  }

  async appendAudit(record: SharingAuditRecord): Promise<void> {
    try {
      await this.container.items.create(record);
    } catch (error) {
      // The same change always makes the same id: a conflict means it is already written.
      if (statusOf(error) === 409) return;
      translateCosmosError(error);
    }
  }

  async listPendingAudit(before: string, limit: number): Promise<Page<string>> {
    // Across tenants, for the outbox timer only: an indexed date, in bounded batches.
    const query = {
      query:
        "SELECT c.tenantId FROM c WHERE c.kind = 'mpsaPurchaseSharing' AND c.pendingAuditSince <= @before ORDER BY c.pendingAuditSince",
      parameters: [{ name: "@before", value: before }]
    };
    try {
      const response = await this.container.items
        .query<{ tenantId: string }>(query, { maxItemCount: limit })
        .fetchNext();
      return {
        items: response.resources.map((item) => item.tenantId),
        continuation: response.continuationToken ?? undefined
      };
    } catch (error) {
      translateCosmosError(error);
    }
  }
}
