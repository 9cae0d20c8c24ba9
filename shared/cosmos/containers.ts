/**
 * The one declaration of the Cosmos DB database and containers. The local runtime creates exactly these at
 * start, and infra/ mirrors them; a drift test keeps the two in step. Each container's partition key is chosen
 * so that its hot path is a point read or a single-partition query.
 */
export interface ContainerDeclaration {
  readonly id: string;
  readonly partitionKeyPath: string;
  /** Single-path unique keys, enforced per logical partition. */
  readonly uniqueKeyPaths?: readonly string[];
  /** Paths kept out of the index because nothing queries them (saves RU on every write). */
  readonly excludedPaths?: readonly string[];
  /** Time to live: -1 switches it on with each item giving its own `ttl`; absent leaves it off. */
  readonly defaultTtlSeconds?: number;
}

export const defaultDatabaseName = "partner-relationships";

export const containerIds = {
  relationships: "relationships",
  invitationTokens: "invitation-tokens",
  customerRelationships: "customer-relationships",
  audit: "audit",
  tenants: "tenants",
  access: "access",
  limits: "limits",
  purchases: "purchases",
  devices: "devices",
  relationshipTemplates: "relationship-templates",
  invitationBatches: "invitation-batches"
} as const;

export const containers: readonly ContainerDeclaration[] = [
  // A partner's relationships: one by id is a point read, the partner's list a single-partition query. The live
  // display name is unique per partner, which the unique key enforces atomically.
  {
    id: containerIds.relationships,
    partitionKeyPath: "/partnerTenantId",
    uniqueKeyPaths: ["/uniqueName"],
    excludedPaths: ["/invitation/*", "/outbox/*", "/acceptance/*"]
  },
  // Invitation link token hash → relationship: the accept link is one point read.
  { id: containerIds.invitationTokens, partitionKeyPath: "/id" },
  // Customer tenant → its relationships: the customer's list is one single-partition query.
  { id: containerIds.customerRelationships, partitionKeyPath: "/customerTenantId" },
  // Append-only history of each relationship, read per relationship.
  { id: containerIds.audit, partitionKeyPath: "/relationshipId", excludedPaths: ["/before/*", "/after/*"] },
  // Per-tenant records: partner registration and profile, partner applications, agreement acceptances, contact
  // requests, a customer's MPSA purchase-sharing setting and its audit trail; and display-name claims, each in a partition of its own (`name-claim:<hash>`), so a name is unique
  // across partners by a point create that conflicts.
  { id: containerIds.tenants, partitionKeyPath: "/tenantId" },
  // Role grants by customer: the access check is one point read of (partner, role) in the customer's partition.
  { id: containerIds.access, partitionKeyPath: "/customerTenantId" },
  // Abuse-limit counts, one document per scope (shared/limits/), always read and written by id. Each carries a TTL
  // of twice its longest window, so Azure deletes counts nobody has touched since their windows ended.
  { id: containerIds.limits, partitionKeyPath: "/id", defaultTtlSeconds: -1 },
  // MPSA purchases partners recorded, by customer: the customer's list and each partner's view of one customer are
  // single-partition queries, a record by id a point read. Lists filter and sort only on the tenants, the date and
  // the sort key, so the text, the snapshots and the bookkeeping stay out of the index.
  {
    id: containerIds.purchases,
    partitionKeyPath: "/customerTenantId",
    excludedPaths: ["/product/?", "/agreementNumber/?", "/partner/*", "/recordedBy/*", "/idempotency/*"]
  },
  // Devices OEMs registered, by customer (shared/devices/): an upload is a bulk create in one partition, the
  // customer's list a single-partition query. The 4 KB hardware hash is never queried, so it is not indexed.
  { id: containerIds.devices, partitionKeyPath: "/customerTenantId", excludedPaths: ["/hardwareHash/?"] },
  // A partner's relationship templates: the unique key makes a name unique per partner in the write itself (the
  // tenants container has no unique key, and Cosmos DB cannot add one to an existing container).
  { id: containerIds.relationshipTemplates, partitionKeyPath: "/partnerTenantId", uniqueKeyPaths: ["/uniqueName"] },
  // A partner's bulk invitation batches, each one document with up to 1,000 rows. The rows and the outbox are kept
  // out of the index: nothing queries them, and indexing 1,000 rows would cost on every chunk's write.
  {
    id: containerIds.invitationBatches,
    partitionKeyPath: "/partnerTenantId",
    excludedPaths: ["/rows/*", "/outbox/*", "/template/*"]
  }
];
