/**
 * The product's Service Bus client, for either form of connection (the local emulator's connection string, or a
 * namespace reached with DefaultAzureCredential). Its retry options are short on purpose: the SDK's defaults
 * (3 retries, 30 s apart, 60 s per attempt) would hold an HTTP request for a minute and a half while Service Bus
 * answers ServerBusy. A send that gives up is not lost: the outbox keeps it and the outbox timer sends it later.
 */
import type { TokenCredential } from "@azure/identity";
import { RetryMode, ServiceBusClient, type RetryOptions } from "@azure/service-bus";
import type { ServiceConnection } from "../config";

/** About 0.2 s, 0.4 s between three attempts; an attempt that hears nothing gives up after 5 s. */
export const serviceBusRetryOptions: RetryOptions = {
  mode: RetryMode.Exponential,
  maxRetries: 2,
  retryDelayInMs: 200,
  maxRetryDelayInMs: 1_000,
  timeoutInMs: 5_000
};

export function createServiceBusClient(
  connection: ServiceConnection,
  credential: () => TokenCredential
): ServiceBusClient {
  const options = { retryOptions: serviceBusRetryOptions };
  return connection.kind === "emulator"
    ? new ServiceBusClient(connection.connectionString, options)
    : new ServiceBusClient(connection.endpoint, credential(), options);
}
