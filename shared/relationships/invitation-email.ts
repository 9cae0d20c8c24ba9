/**
 * Where the invitation email stands, as partner and API see it: `sending` (queued, or being tried for the first
 * time), `retrying` (an attempt failed; when the next one is due and why the last failed), `sent`, or `failed`
 * (every attempt used up; a resend starts over). Only failures are stored: a request (create, resend) counts up
 * `sendCount`, and a sent email `lastSentNumber`, in writes that happen anyway, so `sending` and `sent` cost no
 * write of their own.
 */
import type { StoredRelationship } from "./relationship-document";

/** Stored on the invitation by the email handler when an attempt at send `sendNumber` fails. */
export interface InvitationEmailFailures {
  readonly sendNumber: number;
  readonly state: "retrying" | "failed";
  /** Attempts made so far at this send. */
  readonly attempts: number;
  /** Short and safe: the kind of failure, never the address, the link or the body. */
  readonly lastError: string;
  readonly lastAttemptDateTime: string;
  /** When the next attempt is due (retrying only). */
  readonly nextAttemptDateTime?: string;
}

export type InvitationEmailState =
  | { readonly state: "sending" }
  | { readonly state: "sent"; readonly sentDateTime?: string }
  | ({ readonly state: "retrying" | "failed" } & Omit<InvitationEmailFailures, "sendNumber" | "state">);

/** The state of the latest requested send; nothing for an invitation no longer pending that never had an email out. */
export function invitationEmailOf(
  document: Pick<StoredRelationship, "status" | "invitation">
): InvitationEmailState | undefined {
  // A draft has no invitation yet, and one without an address (the partner shares the link) has no email.
  if (!document.invitation || document.invitation.sendCount === 0) return undefined;
  const { sendCount, lastSentNumber = 0, lastSentDateTime, email } = document.invitation;
  if (lastSentNumber >= sendCount)
    return { state: "sent", ...(lastSentDateTime ? { sentDateTime: lastSentDateTime } : {}) };
  const failures = email?.sendNumber === sendCount ? email : undefined;
  if (failures?.state === "failed") return shown(failures);
  // Nothing more is sent for an invitation that was answered, cancelled or lapsed: an old email it did send
  // remains the news.
  if (document.status !== "approvalPending")
    return lastSentDateTime ? { state: "sent", sentDateTime: lastSentDateTime } : undefined;
  return failures ? shown(failures) : { state: "sending" };
}

function shown({ sendNumber: _send, ...failures }: InvitationEmailFailures): InvitationEmailState {
  return failures;
}
