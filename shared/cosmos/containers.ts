/**
 * The one declaration of the Cosmos DB database and containers. The local runtime creates exactly these at
 * start, and infra/ mirrors them; a drift test keeps the two in step. Each container's partition key is chosen
 * so that its hot path is a point read or a single-partition query.
 */
export interface ContainerDeclaration {
  readonly id: string;
  readonly partitionKeyPath: string;
  /** Paths kept out of the index because nothing queries them (saves RU on every write). */
  readonly excludedPaths?: readonly string[];
}

export const defaultDatabaseName = "partner-relationships";

export const containers: readonly ContainerDeclaration[] = [
  // A partner's relationships: listing them is a single-partition query, one by id a point read.
  { id: "relationships", partitionKeyPath: "/partnerTenantId" }
];
