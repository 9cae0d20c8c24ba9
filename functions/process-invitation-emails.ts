import "@azure/functions-extensions-servicebus"; // registers the SDK binding on Azure; harmless locally
import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { sendInvitationEmailMessage } from "../shared/messaging/messages";
import { queueTrigger } from "../shared/messaging/queue-trigger";
import { scheduledRetry } from "../shared/messaging/retry-later";
import { queueDeclaration, queueNames } from "../shared/messaging/queues";
import { recordInvitationEmailFailure } from "../shared/use-cases/invitation-email-failures";
import { sendInvitationEmail } from "../shared/use-cases/send-invitation-email";

app.serviceBusQueue("processInvitationEmails", {
  queueName: queueNames.invitationEmails,
  connection: "ServiceBus",
  sdkBinding: true,
  autoCompleteMessages: false,
  handler: queueTrigger({
    queue: queueDeclaration(queueNames.invitationEmails),
    retryLater: scheduledRetry,
    schema: sendInvitationEmailMessage,
    handle: async ({ message, context }) => {
      const outcome = await sendInvitationEmail(getServices(), message);
      const about = `relationship ${message.relationshipId}, send ${message.sendNumber}`;
      if (outcome.kind === "sent") context.info(`Invitation email sent for ${about} (operation ${outcome.operationId}).`);
      else context.info(`No invitation email for ${about}: ${outcome.detail}.`);
    },
    onRetry: (message, failed) => recordInvitationEmailFailure(getServices(), message, failed),
    onGiveUp: (message, error, _context, attempt) => recordInvitationEmailFailure(getServices(), message, { error, attempt })
  })
});
