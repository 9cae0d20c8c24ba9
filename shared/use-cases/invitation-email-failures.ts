/**
 * Records a failed attempt at an invitation email on the relationship, so the partner sees it at once instead of
 * after the last attempt: `retrying` (with the attempt count, a short safe reason and when the next attempt is
 * due) after each failure, `failed` when the queue gives up, which also sets the relationship's `lastError`.
 * A retry is bookkeeping, not a change of the relationship: one ETag-guarded write, no audit record (an outage
 * of an hour would otherwise fill the trail). Giving up is a change, audited like any other. A failure of a send
 * that another send has overtaken (a resend, or a duplicate that got through) changes nothing.
 */
import type { Clock } from "../clock";
import { AppError, PreconditionFailedError } from "../errors";
import type { SendInvitationEmailMessage } from "../messaging/messages";
import type { OutboxPorts } from "../outbox/drain-outbox";
import { changeRelationship } from "../relationships/change-relationship";
import type { InvitationEmailFailures } from "../relationships/invitation-email";
import type { StoredRelationship } from "../relationships/relationship-document";
import { invitationEmailFailedCode, lastSentNumber } from "./send-invitation-email";

export interface FailedAttempt {
  readonly attempt: number;
  readonly error: unknown;
  /** When the queue tries again; absent when it gave up. */
  readonly nextAttemptAt?: Date;
}

const maxReasonLength = 200;
const maxWriteAttempts = 3;

export async function recordInvitationEmailFailure(
  ports: OutboxPorts & { readonly clock: Clock },
  message: SendInvitationEmailMessage,
  failed: FailedAttempt
): Promise<void> {
  if (failed.nextAttemptAt) return recordRetry(ports, message, failed, failed.nextAttemptAt);
  try {
    await changeRelationship(
      ports,
      { partnerTenantId: message.partnerTenantId, relationshipId: message.relationshipId },
      (current, now) => {
        if (overtaken(current, message.sendNumber)) throw new Overtaken();
        const lastError = {
          code: invitationEmailFailedCode,
          message: "The invitation email could not be sent; resend it or check the address.",
          occurredDateTime: now.toISOString()
        };
        return {
          document: { ...withFailures(current, message, failed, now), lastError },
          action: "failureRecorded",
          actor: { kind: "system" },
          bookkeeping: true
        };
      }
    );
  } catch (error) {
    if (!(error instanceof Overtaken)) throw error;
  }
}

async function recordRetry(
  ports: OutboxPorts & { readonly clock: Clock },
  message: SendInvitationEmailMessage,
  failed: FailedAttempt,
  nextAttemptAt: Date
): Promise<void> {
  for (let attempt = 1; attempt <= maxWriteAttempts; attempt += 1) {
    const current = await ports.store.get(message.partnerTenantId, message.relationshipId);
    if (!current || overtaken(current.document, message.sendNumber)) return;
    try {
      await ports.store.replace(
        withFailures(current.document, message, { ...failed, nextAttemptAt }, ports.clock.now()),
        current.etag
      );
      return;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt === maxWriteAttempts) throw error;
    }
  }
}

function withFailures(
  current: StoredRelationship,
  message: SendInvitationEmailMessage,
  failed: FailedAttempt,
  now: Date
): StoredRelationship {
  const email: InvitationEmailFailures = {
    sendNumber: message.sendNumber,
    state: failed.nextAttemptAt ? "retrying" : "failed",
    attempts: failed.attempt,
    lastError: safeReason(failed.error),
    lastAttemptDateTime: now.toISOString(),
    ...(failed.nextAttemptAt ? { nextAttemptDateTime: failed.nextAttemptAt.toISOString() } : {})
  };
  return current.invitation ? { ...current, invitation: { ...current.invitation, email } } : current;
}

/** Sent already, or a later send was asked for (its own attempts are what the partner needs to see). */
function overtaken(current: StoredRelationship, sendNumber: number): boolean {
  return lastSentNumber(current) >= sendNumber || (current.invitation?.sendCount ?? 0) > sendNumber;
}

/** The product's own errors carry messages written for people; anything else is described by its kind only. */
export function safeReason(error: unknown): string {
  const text = error instanceof AppError ? error.message : "An unexpected error occurred.";
  return text.length > maxReasonLength ? `${text.slice(0, maxReasonLength - 1)}…` : text;
}

class Overtaken extends Error {}
