import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import type { ServiceBusClient } from "@azure/service-bus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "../../../shared/errors";
import { createServiceBusClient } from "../../../shared/messaging/service-bus-client";
import { requestPublishDeadlineMs, ServiceBusPublisher } from "../../../shared/messaging/service-bus-publisher";

// A Service Bus that takes the connection and then says nothing (a hung broker, a half-open network path): the
// retry options alone cannot bound that, since every attempt waits its full timeout. The publisher's deadline does.
describe("ServiceBusPublisher against a Service Bus that never answers", () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  let client: ServiceBusClient;

  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as AddressInfo).port;
    const connectionString = `Endpoint=sb://127.0.0.1:${port};SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true`;
    client = createServiceBusClient({ kind: "emulator", connectionString, endpoint: `sb://127.0.0.1:${port}` }, () => {
      throw new Error("emulator only");
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    await client?.close().catch(() => undefined);
  });

  it("gives up after its deadline with a TransientError, so the caller answers and the outbox keeps the message", async () => {
    const publisher = new ServiceBusPublisher(client);
    const started = performance.now();
    const outcome = await publisher
      .publish({ kind: "applyGrants", partnerTenantId: "p", relationshipId: "r" }, "r:2:publish:0")
      .then(
        () => "sent",
        (error: unknown) => error
      );
    const ms = performance.now() - started;
    console.log(`publish to a silent Service Bus gave up after ${Math.round(ms)} ms`);
    expect(outcome).toBeInstanceOf(TransientError);
    expect(ms).toBeGreaterThanOrEqual(requestPublishDeadlineMs - 50);
    expect(ms).toBeLessThan(requestPublishDeadlineMs + 1_000);
  }, 120_000);
});
