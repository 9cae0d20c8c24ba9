import "@azure/functions-extensions-servicebus"; // registers the SDK binding on Azure; harmless locally
import { app } from "@azure/functions";
import { roleGrantsQueueMessage } from "../shared/messaging/messages";
import { scheduledRetry } from "../shared/messaging/retry-later";
import { queueDeclaration, queueNames } from "../shared/messaging/queues";
import {
  handleRoleGrantsMessage,
  recordRoleGrantsGiveUp,
  recordRoleGrantsRetry
} from "../shared/use-cases/role-grants-work";
import { queueTrigger } from "../shared/wiring";

app.serviceBusQueue("processRoleGrants", {
  queueName: queueNames.roleGrants,
  connection: "ServiceBus",
  sdkBinding: true,
  autoCompleteMessages: false,
  handler: queueTrigger({
    queue: queueDeclaration(queueNames.roleGrants),
    retryLater: scheduledRetry,
    schema: roleGrantsQueueMessage,
    handle: async (services, { message, messageId, attempt, context }) => {
      const outcome = await handleRoleGrantsMessage(services, message);
      context.log(`${message.kind} ${message.relationshipId}: ${outcome}`, {
        messageId,
        attempt,
        partnerTenantId: message.partnerTenantId
      });
    },
    onRetry: (services, message) => recordRoleGrantsRetry(services, message),
    onGiveUp: (services, message) => recordRoleGrantsGiveUp(services, message)
  })
});
