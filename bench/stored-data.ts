/**
 * Stored data for the growth runs (issue 13, item 6): relationships of other partners and customers, each active
 * with two role grants (the access documents) and two audit records, written in bulk straight into Cosmos DB.
 * Nothing a benchmark measures touches them; they are there so a figure that grew with what is stored would show.
 * Items `from` up to `to` are written, so a second call grows the same data set (e.g. 1,000 → 10,000).
 */
import { randomUUID } from "node:crypto";
import type { Container, JSONObject, OperationInput } from "@azure/cosmos";

export interface StoredDataTargets {
  readonly relationships?: Container;
  readonly access?: Container;
  readonly audit?: Container;
}

const roles = ["729827e3-9c14-49f7-bb1b-9608f156bbb8", "fe930be7-5e62-47db-91af-98c3a49a38b1"];
const partners = Array.from({ length: 50 }, (_, n) => `5eed0000-0000-4000-8000-${String(n).padStart(12, "0")}`);
const chunkSize = 100;

export async function seedStoredData(targets: StoredDataTargets, from: number, to: number): Promise<void> {
  const work: { container: Container; operations: OperationInput[] }[] = [];
  const filling = new Map<Container, OperationInput[]>();
  const add = (container: Container | undefined, partitionKey: string, document: JSONObject) => {
    if (!container) return;
    let operations = filling.get(container);
    if (!operations || operations.length >= chunkSize) {
      operations = [];
      filling.set(container, operations);
      work.push({ container, operations });
    }
    operations.push({ operationType: "Create", partitionKey, resourceBody: document });
  };
  const started = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const ends = new Date(Date.now() + 335 * 86_400_000).toISOString();
  for (let n = from; n < to; n += 1) {
    const partnerTenantId = partners[n % partners.length] as string;
    const customerTenantId = randomUUID();
    const id = randomUUID();
    add(targets.relationships, partnerTenantId, {
      id,
      partnerTenantId,
      displayName: `Stored ${n}`,
      uniqueName: `stored ${n}`,
      partnerType: "partnerWithGdap",
      customer: { tenantId: customerTenantId, adminEmail: `admin-${n}@stored.example` },
      accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
      duration: "P365D",
      autoExtendDuration: "PT0S",
      status: "active",
      createdDateTime: started,
      lastModifiedDateTime: started,
      activatedDateTime: started,
      endDateTime: ends,
      dueDateTime: ends,
      version: 4,
      outbox: []
    });
    for (const roleDefinitionId of roles) {
      add(targets.access, customerTenantId, {
        id: `${partnerTenantId}|${roleDefinitionId}`,
        customerTenantId,
        partnerTenantId,
        roleDefinitionId,
        grants: { [id]: { relationshipId: id, grantedDateTime: started, endDateTime: ends } }
      });
      add(targets.audit, id, {
        id: randomUUID(),
        relationshipId: id,
        partnerTenantId,
        customerTenantId,
        at: started,
        actor: { kind: "system" },
        action: "grantApplied",
        after: { roleDefinitionId }
      });
    }
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < work.length) {
        const { container, operations } = work[next++] as (typeof work)[number];
        const results = await container.items.executeBulkOperations(operations);
        if (results.some((result) => (result.response?.statusCode ?? 500) >= 300))
          throw new Error(`seeding ${container.id} failed`);
      }
    })
  );
}
