/**
 * The same defect as issue 10's ids, on the queues: a message whose ids the Cosmos DB SDK refuses (`a/b`, `#`, `\`)
 * can never succeed, so it is dead-lettered at once as an invalid payload — not retried for half an hour as if
 * Cosmos DB were busy, with the SDK's client-side error each time.
 */
import { randomUUID } from "node:crypto";
import { ServiceBusClient } from "@azure/service-bus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueNames } from "../../../shared/messaging/queues";
import { demoPartnerTenants } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

describe("queue messages with ids no store accepts", () => {
  let runtime: LocalRuntime;
  let client: ServiceBusClient;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ args: ["--timers", "manual"] });
    client = new ServiceBusClient(runtime.serviceBus.connectionString, {
      retryOptions: { maxRetries: 1, timeoutInMs: 5_000 }
    });
  });
  afterAll(async () => {
    await client?.close();
    await runtime?.stop();
  });

  const cases = [
    {
      queue: queueNames.roleGrants,
      body: { kind: "applyGrants", partnerTenantId: demoPartnerTenants[0], relationshipId: "a/b" }
    },
    {
      queue: queueNames.invitationEmails,
      body: { kind: "sendInvitationEmail", partnerTenantId: "x#y", relationshipId: randomUUID(), sendNumber: 1 }
    },
    {
      queue: queueNames.notifications,
      body: {
        kind: "relationshipNotice",
        partnerTenantId: demoPartnerTenants[0],
        relationshipId: "a\\b",
        notice: "expiry30"
      }
    },
    {
      queue: queueNames.notifications,
      body: { kind: "contactPartner", partnerTenantId: demoPartnerTenants[0], contactRequestId: "c/d" }
    }
  ];

  it("dead-letters each at once as an invalid payload", async () => {
    for (const { queue, body } of cases) {
      const messageId = randomUUID();
      const sender = client.createSender(queue);
      await sender.sendMessages({ body, messageId, contentType: "application/json" });
      await sender.close();
      const deadLetters = client.createReceiver(queue, { subQueueType: "deadLetter", receiveMode: "receiveAndDelete" });
      const [dead] = await deadLetters.receiveMessages(1, { maxWaitTimeInMs: 10_000 });
      await deadLetters.close();
      expect(dead?.messageId, JSON.stringify(body)).toBe(messageId);
      expect(dead?.deadLetterReason, JSON.stringify(body)).toBe("InvalidPayload");
    }
  });
});
