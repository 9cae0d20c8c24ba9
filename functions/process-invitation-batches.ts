import "@azure/functions-extensions-servicebus"; // registers the SDK binding on Azure; harmless locally
import { app } from "@azure/functions";
import { invitationBatchMessage } from "../shared/messaging/messages";
import { scheduledRetry } from "../shared/messaging/retry-later";
import { queueDeclaration, queueNames } from "../shared/messaging/queues";
import { processBatchStep, recordBatchGiveUp } from "../shared/use-cases/process-invitation-batch";
import { queueTrigger } from "../shared/wiring";

app.serviceBusQueue("processInvitationBatches", {
  queueName: queueNames.invitationBatches,
  connection: "ServiceBus",
  sdkBinding: true,
  autoCompleteMessages: false,
  handler: queueTrigger({
    queue: queueDeclaration(queueNames.invitationBatches),
    retryLater: scheduledRetry,
    schema: invitationBatchMessage,
    handle: async (services, { message, messageId, attempt, context }) => {
      const outcome = await processBatchStep(services, message);
      context.log(`invitation batch ${message.batchId}: ${outcome}`, {
        messageId,
        attempt,
        partnerTenantId: message.partnerTenantId
      });
    },
    onGiveUp: (services, message) => recordBatchGiveUp(services, message)
  })
});
