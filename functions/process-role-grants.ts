import "@azure/functions-extensions-servicebus"; // registers the SDK binding on Azure; harmless locally
import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { roleGrantsQueueMessage, type RevokeGrantsMessage } from "../shared/messaging/messages";
import { queueTrigger } from "../shared/messaging/queue-trigger";
import { scheduledRetry } from "../shared/messaging/retry-later";
import { queueDeclaration, queueNames } from "../shared/messaging/queues";
import { recordFailure } from "../shared/relationships/record-failure";
import { grantsNotRevokedCode } from "../shared/relationships/relationship-requests";
import { applyGrants, grantsNotAppliedCode } from "../shared/use-cases/apply-grants";
import { revokeGrants, type GrantOutcome } from "../shared/use-cases/revoke-grants";


const revokeFailures: Record<RevokeGrantsMessage["reason"], string> = {
  rolesRemoved: "The removed roles could not be revoked; they may still be usable until their end date. Support has been alerted.",
  terminated: "The roles could not be revoked to finish the termination. Support has been alerted.",
  expired: "The roles of this expired relationship could not be revoked; access checks already deny them. Support has been alerted."
};

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
      const outcome = message.kind === "applyGrants" ? await applyGrants(getServices(), message) : await revokeGrants(getServices(), message);
      context.log(`${message.kind} ${message.relationshipId}: ${describe(outcome)}`, { messageId, attempt, partnerTenantId: message.partnerTenantId });
    },
    onGiveUp: async (message) => {
      const failure =
        message.kind === "applyGrants"
          ? { code: grantsNotAppliedCode, message: "The roles could not be granted; the partner cannot use them yet. Support has been alerted and will retry." }
          : { code: grantsNotRevokedCode, message: revokeFailures[message.reason] };
      await recordFailure(getServices(), { partnerTenantId: message.partnerTenantId, relationshipId: message.relationshipId, ...failure });
    }
  })
});

function describe(outcome: GrantOutcome): string {
  const parts = [`status ${outcome.status}`];
  if (outcome.grantedRoles.length > 0) parts.push(`granted ${outcome.grantedRoles.length} role(s)`);
  if (outcome.revokedRoles.length > 0) parts.push(`revoked ${outcome.revokedRoles.length} role(s)`);
  if (outcome.note) parts.push(outcome.note);
  return parts.join("; ");
}
