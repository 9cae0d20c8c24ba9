/** BatchStore on Cosmos DB: container `invitation-batches`, partition `/partnerTenantId`; rows and outbox not indexed. */
import type { Container } from "@azure/cosmos";
import type { BatchReference, BatchStore, BatchSummary, StoredBatch, VersionedBatch } from "../batches/batch-records";
import { translateCosmosError } from "./cosmos-errors";
import { createVersioned, readVersioned, replaceVersioned } from "./versioned-items";

/** The list's projection: everything but the rows, the outbox and the template's terms (a page of 1,000-row documents would be megabytes). */
const summaryFields = [
  "id",
  "partnerTenantId",
  "status",
  "counts",
  "createdDateTime",
  "lastModifiedDateTime",
  "startedDateTime",
  "completedDateTime",
  "createdBy",
  "waiting",
  "estimatedCompletionDateTime",
  "lastError",
  "step",
  "outboxSince"
];

export class CosmosBatchStore implements BatchStore {
  constructor(private readonly container: Container) {}

  create(document: StoredBatch): Promise<VersionedBatch> {
    return createVersioned(this.container, document, "A batch with this id already exists.");
  }

  get(partnerTenantId: string, id: string): Promise<VersionedBatch | undefined> {
    return readVersioned(this.container, id, partnerTenantId);
  }

  replace(document: StoredBatch, etag: string): Promise<VersionedBatch> {
    return replaceVersioned(this.container, document, document.partnerTenantId, etag);
  }

  async list(
    partnerTenantId: string,
    top: number,
    continuation?: string
  ): Promise<{ items: readonly BatchSummary[]; continuation?: string }> {
    const fields = [
      ...summaryFields.map((name) => `c.${name}`),
      "c.template.id AS templateId",
      "c.template.displayName AS templateDisplayName"
    ].join(", ");
    // The partition key is also in WHERE: the local emulator ignores the partitionKey option.
    const query = {
      query: `SELECT ${fields} FROM c WHERE c.partnerTenantId = @partner ORDER BY c.createdDateTime DESC`,
      parameters: [{ name: "@partner", value: partnerTenantId }]
    };
    try {
      const response = await this.container.items
        .query<Omit<BatchSummary, "template"> & { templateId: string; templateDisplayName: string }>(query, {
          partitionKey: partnerTenantId,
          maxItemCount: top,
          continuationToken: continuation
        })
        .fetchNext();
      const items = response.resources.map(({ templateId, templateDisplayName, ...rest }) => ({
        ...rest,
        template: { id: templateId, displayName: templateDisplayName }
      }));
      return { items, continuation: response.continuationToken ?? undefined };
    } catch (error) {
      translateCosmosError(error);
    }
  }

  async listWithStaleOutbox(
    before: string,
    limit: number,
    continuation?: string
  ): Promise<{ items: readonly BatchReference[]; continuation?: string }> {
    const query = {
      query: "SELECT c.partnerTenantId, c.id FROM c WHERE c.outboxSince <= @before ORDER BY c.outboxSince",
      parameters: [{ name: "@before", value: before }]
    };
    try {
      const response = await this.container.items
        .query<BatchReference>(query, { maxItemCount: limit, continuationToken: continuation })
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
