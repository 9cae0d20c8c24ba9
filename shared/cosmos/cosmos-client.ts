/**
 * Builds the Cosmos DB client for either form of connection: Microsoft Entra ID through DefaultAzureCredential
 * on Azure, or the local emulator's well-known key. Only the emulator, on a loopback address with its
 * self-signed certificate, is reached without certificate checks.
 */
import { Agent } from "node:https";
import { CosmosClient } from "@azure/cosmos";
import type { TokenCredential } from "@azure/identity";
import { connectionStringPart, type ServiceConnection } from "../config";

export function createCosmosClient(connection: ServiceConnection, credential: () => TokenCredential): CosmosClient {
  if (connection.kind === "identity") {
    return new CosmosClient({ endpoint: connection.endpoint, aadCredentials: credential() });
  }
  return new CosmosClient({
    endpoint: connection.endpoint,
    key: connectionStringPart(connection.connectionString, "AccountKey") ?? "",
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true })
  });
}
