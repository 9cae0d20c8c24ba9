/**
 * Service Bus clients for the host's triggers and output bindings, resolved from a binding's `connection`
 * app setting the way the real host does: `<Name>` holds a connection string (here: the local emulator's),
 * `<Name>__fullyQualifiedNamespace` selects identity-based access through DefaultAzureCredential.
 */
import { DefaultAzureCredential } from "@azure/identity";
import { ServiceBusClient, type ServiceBusSender } from "@azure/service-bus";

export class ServiceBusConnections {
  private readonly clients = new Map<string, ServiceBusClient>();
  private readonly senders = new Map<string, ServiceBusSender>();

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  client(connection: string): ServiceBusClient {
    const name = connection || "AzureWebJobsServiceBus";
    let client = this.clients.get(name);
    if (!client) {
      const connectionString = this.env[name];
      const namespace = this.env[`${name}__fullyQualifiedNamespace`];
      if (connectionString) client = new ServiceBusClient(connectionString);
      else if (namespace) client = new ServiceBusClient(namespace, new DefaultAzureCredential());
      else throw new Error(`The app setting ${name} (or ${name}__fullyQualifiedNamespace) is not set.`);
      this.clients.set(name, client);
    }
    return client;
  }

  sender(connection: string, queueName: string): ServiceBusSender {
    const key = `${connection}\u0000${queueName}`;
    let sender = this.senders.get(key);
    if (!sender) {
      sender = this.client(connection).createSender(queueName);
      this.senders.set(key, sender);
    }
    return sender;
  }

  async close(): Promise<void> {
    await Promise.all([...this.senders.values()].map((sender) => sender.close()));
    await Promise.all([...this.clients.values()].map((client) => client.close()));
    this.senders.clear();
    this.clients.clear();
  }
}
