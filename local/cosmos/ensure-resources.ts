/**
 * Creates the declared database and containers if they are missing, through the real SDK — what infra does on
 * Azure. Safe to run at every start.
 */
import type { CosmosClient } from "@azure/cosmos";
import type { ContainerDeclaration } from "../../shared/cosmos/containers";

export async function ensureCosmosResources(
  client: CosmosClient,
  databaseName: string,
  containers: readonly ContainerDeclaration[],
  timeoutMs = 10_000
): Promise<void> {
  const abortSignal = AbortSignal.timeout(timeoutMs);
  const { database } = await client.databases.createIfNotExists({ id: databaseName }, { abortSignal });
  for (const container of containers) {
    await database.containers.createIfNotExists(
      {
        id: container.id,
        partitionKey: { paths: [container.partitionKeyPath] },
        ...(container.defaultTtlSeconds === undefined ? {} : { defaultTtl: container.defaultTtlSeconds }),
        uniqueKeyPolicy: container.uniqueKeyPaths
          ? { uniqueKeys: container.uniqueKeyPaths.map((path) => ({ paths: [path] })) }
          : undefined,
        indexingPolicy: {
          indexingMode: "consistent",
          includedPaths: [{ path: "/*" }],
          excludedPaths: [{ path: '/"_etag"/?' }, ...(container.excludedPaths ?? []).map((path) => ({ path }))]
        }
      },
      { abortSignal }
    );
  }
}
