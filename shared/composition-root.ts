/**
 * The one place where configuration meets SDK clients. Built lazily on first use (not at import, which would
 * slow every cold start and fail function discovery on a bad setting) and then reused by every invocation.
 */
import type { CosmosClient, Database } from "@azure/cosmos";
import { DefaultAzureCredential, type TokenCredential } from "@azure/identity";
import { parseConfig, type Config } from "./config";
import { createCosmosClient } from "./cosmos/cosmos-client";

export interface Services {
  readonly config: Config;
  readonly cosmosClient: CosmosClient;
  readonly database: Database;
}

let services: Services | undefined;

export function getServices(): Services {
  services ??= buildServices(parseConfig(process.env));
  return services;
}

function buildServices(config: Config): Services {
  let credential: TokenCredential | undefined;
  const sharedCredential = () => (credential ??= new DefaultAzureCredential());
  const cosmosClient = createCosmosClient(config.cosmos.connection, sharedCredential);
  return { config, cosmosClient, database: cosmosClient.database(config.cosmos.databaseName) };
}
