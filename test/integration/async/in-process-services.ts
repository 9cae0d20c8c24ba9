/**
 * The timers' use cases run in this process against the embedded Cosmos DB and the Service Bus emulator (both
 * real servers, reached through the real SDKs), with a clock the test moves: for what the host's admin API
 * cannot show — the per-run cap with a small limit, and two runs racing each other.
 */
import type { Container } from "@azure/cosmos";
import { ServiceBusClient, type ServiceBusReceivedMessage } from "@azure/service-bus";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../../local/cosmos/cosmos-server";
import { ensureCosmosResources } from "../../../local/cosmos/ensure-resources";
import { startServiceBusEmulator, type ServiceBusEmulator } from "../../../local/service-bus/index";
import type { Clock } from "../../../shared/clock";
import { containerIds, containers } from "../../../shared/cosmos/containers";
import { CosmosGrantStore } from "../../../shared/cosmos/cosmos-grant-store";
import { CosmosAuditLog } from "../../../shared/cosmos/cosmos-audit-log";
import { createCosmosClient } from "../../../shared/cosmos/cosmos-client";
import { CosmosCustomerRelationshipIndex } from "../../../shared/cosmos/cosmos-indexes";
import { CosmosRelationshipStore } from "../../../shared/cosmos/cosmos-relationship-store";
import { queues } from "../../../shared/messaging/queues";
import { ServiceBusPublisher } from "../../../shared/messaging/service-bus-publisher";
import type { TimerPorts } from "../../../shared/timers/due-run";

export interface InProcessServices {
  readonly ports: TimerPorts;
  readonly relationships: Container;
  readonly bus: ServiceBusEmulator;
  setNow(now: Date): void;
  /** Takes everything now on `queue` off it. */
  receiveAll(queue: string): Promise<ServiceBusReceivedMessage[]>;
  stop(): Promise<void>;
}

export async function startInProcessServices(): Promise<InProcessServices> {
  const cosmos: EmbeddedCosmos = await startEmbeddedCosmos({ port: 0 });
  const client = createCosmosClient(
    { kind: "emulator", connectionString: cosmos.connectionString, endpoint: cosmos.endpoint },
    () => {
      throw new Error("emulator only");
    }
  );
  await ensureCosmosResources(client, "timers", containers);
  const database = client.database("timers");
  const bus = await startServiceBusEmulator({ port: 0, queues });
  const busClient = new ServiceBusClient(bus.connectionString, {
    retryOptions: { maxRetries: 1, timeoutInMs: 5_000, retryDelayInMs: 100 }
  });
  let now = new Date();
  const clock: Clock = { now: () => now };
  const relationships = database.container(containerIds.relationships);
  return {
    ports: {
      clock,
      store: new CosmosRelationshipStore(relationships),
      auditLog: new CosmosAuditLog(database.container(containerIds.audit)),
      customerIndex: new CosmosCustomerRelationshipIndex(database.container(containerIds.customerRelationships)),
      grantStore: new CosmosGrantStore(database.container(containerIds.access)),
      publisher: new ServiceBusPublisher(busClient)
    },
    relationships,
    bus,
    setNow: (next) => (now = next),
    async receiveAll(queue) {
      const receiver = busClient.createReceiver(queue, { receiveMode: "receiveAndDelete" });
      const received: ServiceBusReceivedMessage[] = [];
      for (;;) {
        const batch = await receiver.receiveMessages(500, { maxWaitTimeInMs: 300 });
        if (batch.length === 0) break;
        received.push(...batch);
      }
      await receiver.close();
      return received;
    },
    async stop() {
      await busClient.close();
      await bus.stop();
      await cosmos.stop();
      client.dispose();
    }
  };
}
