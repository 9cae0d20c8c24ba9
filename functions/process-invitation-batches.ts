import "@azure/functions-extensions-servicebus"; // registers the SDK binding on Azure; harmless locally
import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { invitationBatchMessage } from "../shared/messaging/messages";
import { queueTrigger } from "../shared/messaging/queue-trigger";
import { scheduledRetry } from "../shared/messaging/retry-later";
import { queueDeclaration, queueNames } from "../shared/messaging/queues";
import { processBatchStep, recordBatchGiveUp } from "../shared/use-cases/process-invitation-batch";

app.serviceBusQueue("processInvitationBatches", {
  queueName: queueNames.invitationBatches,
  connection: "ServiceBus",
  sdkBinding: true,
  autoCompleteMessages: false,
  handler: queueTrigger({
    queue: queueDeclaration(queueNames.invitationBatches),
    retryLater: scheduledRetry,
    schema: invitationBatchMessage,
    handle: async ({ message, messageId, attempt, context }) => {
      const outcome = await processBatchStep(getServices(), message);
      context.log(`invitation batch ${message.batchId}: ${outcome}`, { messageId, attempt, partnerTenantId: message.partnerTenantId });
    },
    onGiveUp: (message) => recordBatchGiveUp(getServices(), message)
  })
});
