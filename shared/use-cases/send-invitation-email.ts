/**
 * Sends one invitation email (the first or a resend) for a `sendInvitationEmail` message, at most once:
 * - nothing is sent for an invitation that is no longer pending (cancelled, accepted, declined) or has lapsed;
 * - each sent `sendNumber` is recorded on the relationship, and a number already recorded is not sent again;
 * - the email's operation id is derived from relationship and send number, so a crash between sending and
 *   recording (a redelivery sends again) reaches the email service as the same operation and stores nothing new.
 * The audit record for the email is written as soon as it went out; recording the send on the relationship is then
 * one ETag-guarded write through changeRelationship, with nothing left in its outbox to clear.
 * The accept link is re-derived from the invitation's nonce here and only put in the email.
 */
import type { Clock } from "../clock";
import { NotFoundError, PermanentMessageError } from "../errors";
import type { EmailSender } from "../email/email-sender";
import { operationIds } from "../email/operation-id";
import { renderInvitationEmail } from "../email/templates/invitation";
import type { SendInvitationEmailMessage } from "../messaging/messages";
import type { OutboxPorts } from "../outbox/drain-outbox";
import { auditRecord, changeRelationship } from "../relationships/change-relationship";
import type { StoredRelationship } from "../relationships/relationship-document";
import { invitationLinkFor } from "./create-invitation";

export interface SendInvitationEmailPorts extends OutboxPorts {
  readonly clock: Clock;
  readonly emailSender: EmailSender;
  readonly linkTokenSecret: Buffer;
  readonly publicBaseUrl: string;
}

/** The lastError code when the invitation email could not be sent (recorded when the queue gives up). */
export const invitationEmailFailedCode = "invitationEmailFailed";

export type InvitationEmailOutcome =
  | { readonly kind: "sent"; readonly operationId: string }
  | {
      readonly kind: "skipped";
      readonly reason: "alreadySent" | "notPending" | "invitationExpired";
      readonly detail: string;
    };

/**
 * The send bookkeeping kept on the stored invitation: the highest send number emailed so far. A lower number
 * arriving late (a redelivered first send after a resend went out) is covered by the later email, which
 * carries the same link.
 */

export function lastSentNumber(relationship: StoredRelationship): number {
  return relationship.invitation?.lastSentNumber ?? 0;
}

export async function sendInvitationEmail(
  ports: SendInvitationEmailPorts,
  message: SendInvitationEmailMessage
): Promise<InvitationEmailOutcome> {
  const found = await ports.store.get(message.partnerTenantId, message.relationshipId);
  if (!found)
    throw new NotFoundError(`No relationship ${message.relationshipId} for partner ${message.partnerTenantId}.`);
  const relationship = found.document;
  const { invitation } = relationship;
  const to = relationship.customer.adminEmail;
  // Send numbers come from the relationship's own outbox (first send, then each resend): a higher one was never
  // asked for, and recording it would swallow the resends still to come. A draft, or one with no address, asked for none.
  if (!invitation || to === undefined || message.sendNumber > invitation.sendCount) {
    throw new PermanentMessageError(
      "SendNotRequested",
      `Send ${message.sendNumber} was never requested; ${invitation?.sendCount ?? 0} so far.`
    );
  }
  const skipped = reasonNotToSend(relationship, invitation, message.sendNumber, ports.clock.now());
  if (skipped) return skipped;

  const operationId = operationIds.invitation(relationship.id, message.sendNumber);
  const email = renderInvitationEmail({
    relationship,
    invitationExpiresDateTime: invitation.expiresDateTime,
    link: invitationLinkFor(ports, invitation.nonce)
  });
  await ports.emailSender.send({ to: [to], ...email, operationId });
  // The email went out: that is audited now, under an id a redelivery repeats (appending it again is a no-op), so
  // recording the send below is one write with no outbox entry to clear afterwards.
  const audited = { action: "invitationEmailSent", actor: { kind: "system" } } as const;
  await ports.auditLog.append(
    auditRecord(
      `${relationship.id}:invitationEmail:${message.sendNumber}`,
      relationship,
      ports.clock.now().toISOString(),
      audited,
      relationship
    )
  );

  try {
    await changeRelationship(
      ports,
      { partnerTenantId: relationship.partnerTenantId, relationshipId: relationship.id, held: found },
      (current, now) => {
        if (lastSentNumber(current) >= message.sendNumber || !current.invitation) throw new AlreadyRecorded();
        // The failed attempts before this success are history now (the audit trail keeps them).
        const { email: _earlierFailures, ...rest } = current.invitation;
        const recorded: StoredRelationship["invitation"] = {
          ...rest,
          lastSentDateTime: now.toISOString(),
          lastSentNumber: message.sendNumber
        };
        return {
          document: { ...withoutOwnFailure(current), invitation: recorded },
          ...audited,
          bookkeeping: true,
          auditedBefore: true
        };
      }
    );
  } catch (error) {
    // A duplicate of this message, handled at the same moment, recorded the same (deduplicated) email first.
    if (!(error instanceof AlreadyRecorded)) throw error;
  }
  return { kind: "sent", operationId };
}

function reasonNotToSend(
  relationship: StoredRelationship,
  invitation: NonNullable<StoredRelationship["invitation"]>,
  sendNumber: number,
  now: Date
): InvitationEmailOutcome | undefined {
  if (lastSentNumber(relationship) >= sendNumber) {
    return {
      kind: "skipped",
      reason: "alreadySent",
      detail: `send ${sendNumber} is covered by send ${lastSentNumber(relationship)}, already emailed`
    };
  }
  if (relationship.status !== "approvalPending") {
    return {
      kind: "skipped",
      reason: "notPending",
      detail: `the invitation is ${relationship.status}, no longer pending`
    };
  }
  if (now >= new Date(invitation.expiresDateTime)) {
    return {
      kind: "skipped",
      reason: "invitationExpired",
      detail: `the invitation lapsed at ${invitation.expiresDateTime}`
    };
  }
  return undefined;
}

/** An email that went out answers an earlier "could not be sent" (a resend after a failure); other failures stay. */
function withoutOwnFailure(relationship: StoredRelationship): StoredRelationship {
  if (relationship.lastError?.code !== invitationEmailFailedCode) return relationship;
  const { lastError: _answered, ...rest } = relationship;
  return rest;
}

class AlreadyRecorded extends Error {}
