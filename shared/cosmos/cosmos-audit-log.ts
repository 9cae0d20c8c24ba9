/** The append-only audit trail (partition `/relationshipId`): a relationship's history is one single-partition query. */
import type { Container } from "@azure/cosmos";
import type { AuditRecord } from "../outbox/outbox-entry";
import type { AuditLog } from "../relationships/ports";
import { statusOf, translateCosmosError, withoutSystemProperties } from "./cosmos-errors";

export class CosmosAuditLog implements AuditLog {
  constructor(private readonly container: Container) {}

  async append(record: AuditRecord): Promise<void> {
    try {
      // create, not upsert: a record once written is never changed. Its id is deterministic, so a replay conflicts.
      await this.container.items.create(record);
    } catch (error) {
      if (statusOf(error) === 409) return;
      translateCosmosError(error);
    }
  }

  async listForRelationship(relationshipId: string): Promise<readonly AuditRecord[]> {
    const query = {
      query: "SELECT * FROM c WHERE c.relationshipId = @relationship ORDER BY c.at ASC",
      parameters: [{ name: "@relationship", value: relationshipId }]
    };
    try {
      const { resources } = await this.container.items
        .query<AuditRecord & { _etag: string }>(query, { partitionKey: relationshipId })
        .fetchAll();
      return resources.map((r) => withoutSystemProperties(r));
    } catch (error) {
      translateCosmosError(error);
    }
  }
}
