/**
 * Builds the Cosmos DB client for either form of connection: Microsoft Entra ID through DefaultAzureCredential
 * on Azure, or the local emulator's well-known key. Only the emulator, on a loopback address with its
 * self-signed certificate, is reached without certificate checks.
 */
import { Agent } from "node:https";
import { CosmosClient, type ConnectionPolicy } from "@azure/cosmos";
import type { TokenCredential } from "@azure/identity";
import { connectionStringPart, type ServiceConnection } from "../config";

/**
 * A throttled request (429) is retried as the server advises, but for about two seconds at most, not the SDK's
 * default 30: the same client serves HTTP requests, where someone is waiting. Past that the stores report
 * TransientError (503 to a caller; a queue message is tried again later with backoff).
 */
export const cosmosConnectionPolicy: Partial<ConnectionPolicy> = {
  retryOptions: { maxRetryAttemptCount: 3, maxWaitTimeInSeconds: 2 }
};

export function createCosmosClient(connection: ServiceConnection, credential: () => TokenCredential): CosmosClient {
  if (connection.kind === "identity") {
    return new CosmosClient({
      endpoint: connection.endpoint,
      aadCredentials: credential(),
      connectionPolicy: cosmosConnectionPolicy
    });
  }
  return new CosmosClient({
    endpoint: connection.endpoint,
    key: connectionStringPart(connection.connectionString, "AccountKey") ?? "",
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true }),
    connectionPolicy: cosmosConnectionPolicy
  });
}
