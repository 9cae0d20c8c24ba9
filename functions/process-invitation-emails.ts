import "@azure/functions-extensions-servicebus"; // registers the SDK binding on Azure; harmless locally
import { app } from "@azure/functions";
import { sendInvitationEmailMessage } from "../shared/messaging/messages";
import { scheduledRetry } from "../shared/messaging/retry-later";
import { queueDeclaration, queueNames } from "../shared/messaging/queues";
import { recordInvitationEmailFailure } from "../shared/use-cases/invitation-email-failures";
import { sendInvitationEmail } from "../shared/use-cases/send-invitation-email";
import { queueTrigger } from "../shared/wiring";

app.serviceBusQueue("processInvitationEmails", {
  queueName: queueNames.invitationEmails,
  connection: "ServiceBus",
  sdkBinding: true,
  autoCompleteMessages: false,
  handler: queueTrigger({
    queue: queueDeclaration(queueNames.invitationEmails),
    retryLater: scheduledRetry,
    schema: sendInvitationEmailMessage,
    handle: async (services, { message, context }) => {
      const outcome = await sendInvitationEmail(services, message);
      const about = `relationship ${message.relationshipId}, send ${message.sendNumber}`;
      if (outcome.kind === "sent")
        context.info(`Invitation email sent for ${about} (operation ${outcome.operationId}).`);
      else context.info(`No invitation email for ${about}: ${outcome.detail}.`);
    },
    onRetry: (services, message, failed) => recordInvitationEmailFailure(services, message, failed),
    onGiveUp: (services, message, error, _context, attempt) =>
      recordInvitationEmailFailure(services, message, { error, attempt })
  })
});
