import "@azure/functions-extensions-servicebus"; // registers the SDK binding on Azure; harmless locally
import { app } from "@azure/functions";
import { notificationsQueueMessage } from "../shared/messaging/messages";
import { scheduledRetry } from "../shared/messaging/retry-later";
import { queueDeclaration, queueNames } from "../shared/messaging/queues";
import { recordFailure } from "../shared/relationships/record-failure";
import {
  noticeEmailFailedCode,
  sendContactEmail,
  sendRelationshipNotice,
  type EmailOutcome
} from "../shared/use-cases/send-notifications";
import { queueTrigger } from "../shared/wiring";

app.serviceBusQueue("processNotifications", {
  queueName: queueNames.notifications,
  connection: "ServiceBus",
  sdkBinding: true,
  autoCompleteMessages: false,
  handler: queueTrigger({
    queue: queueDeclaration(queueNames.notifications),
    retryLater: scheduledRetry,
    schema: notificationsQueueMessage,
    handle: async (services, { message, context }) => {
      if (message.kind === "contactPartner") {
        const outcome = await sendContactEmail(services, message);
        context.info(`Contact request ${message.contactRequestId}: ${describe(outcome)}.`);
        return;
      }
      const outcomes = await sendRelationshipNotice(services, message);
      context.info(
        `Notice ${message.notice} for relationship ${message.relationshipId}: ${outcomes.map(describe).join("; ")}.`
      );
    },
    // A contact request has no relationship to show the failure on; the dead-letter queue keeps it for operators.
    onGiveUp: async (services, message) => {
      if (message.kind !== "relationshipNotice") return;
      await recordFailure(services, {
        partnerTenantId: message.partnerTenantId,
        relationshipId: message.relationshipId,
        code: noticeEmailFailedCode,
        message: "A notice about this relationship could not be emailed; check the contact addresses."
      });
    }
  })
});

function describe(outcome: EmailOutcome): string {
  const to = outcome.to ? ` to the ${outcome.to}` : "";
  return outcome.kind === "sent" ? `sent${to} (operation ${outcome.operationId})` : `not sent${to}: ${outcome.detail}`;
}
