import "@azure/functions-extensions-servicebus"; // registers the SDK binding on Azure; harmless locally
import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { roleGrantsQueueMessage } from "../shared/messaging/messages";
import { queueTrigger } from "../shared/messaging/queue-trigger";
import { scheduledRetry } from "../shared/messaging/retry-later";
import { queueDeclaration, queueNames } from "../shared/messaging/queues";
import { handleRoleGrantsMessage, recordRoleGrantsGiveUp, recordRoleGrantsRetry } from "../shared/use-cases/role-grants-work";

app.serviceBusQueue("processRoleGrants", {
  queueName: queueNames.roleGrants,
  connection: "ServiceBus",
  sdkBinding: true,
  autoCompleteMessages: false,
  handler: queueTrigger({
    queue: queueDeclaration(queueNames.roleGrants),
    retryLater: scheduledRetry,
    schema: roleGrantsQueueMessage,
    handle: async ({ message, messageId, attempt, context }) => {
      const outcome = await handleRoleGrantsMessage(getServices(), message);
      context.log(`${message.kind} ${message.relationshipId}: ${outcome}`, { messageId, attempt, partnerTenantId: message.partnerTenantId });
    },
    onRetry: (message) => recordRoleGrantsRetry(getServices(), message),
    onGiveUp: (message) => recordRoleGrantsGiveUp(getServices(), message)
  })
});
