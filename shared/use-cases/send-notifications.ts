/**
 * The `notifications` queue's two kinds of email:
 * - `contactPartner`: a "Contact me" request from the directory, to the partner's profile contact address, then
 *   marked as emailed;
 * - `relationshipNotice`: expiry (30/7/1 days, the day), expired, terminated, extended — to both sides: the
 *   partner's profile contact address (skipped when the partner has none) and the customer's admin address.
 * Every email goes out at most once: its operation id is derived from what it is about (for a notice: the
 * relationship, the notice, the end date it speaks of and the recipient's side), so redeliveries and repeated
 * timer runs reach the email service as the same operation; and each notice email sent is recorded on the
 * relationship through changeRelationship (which writes the audit entry), so a recorded one is not sent again.
 */
import type { Clock } from "../clock";
import { NotFoundError, PermanentMessageError } from "../errors";
import type { EmailSender } from "../email/email-sender";
import { operationIds } from "../email/operation-id";
import { renderContactMeEmail } from "../email/templates/contact-me";
import { renderExpiredNotice, renderExpiryNotice, type ExpiryNoticeDays } from "../email/templates/expiry-notice";
import { renderExtensionNotice } from "../email/templates/extension-notice";
import type { RenderedEmail } from "../email/templates/layout";
import type { Audience } from "../email/templates/notice-parts";
import { renderTerminationNotice } from "../email/templates/termination-notice";
import type { ContactPartnerMessage, RelationshipNoticeMessage } from "../messaging/messages";
import type { OutboxPorts } from "../outbox/drain-outbox";
import { changeRelationship } from "../relationships/change-relationship";
import type { StoredRelationship } from "../relationships/relationship-document";
import type { TenantStore } from "../tenants/tenant-records";

export interface NotificationPorts extends OutboxPorts {
  readonly clock: Clock;
  readonly emailSender: EmailSender;
  readonly tenants: Pick<TenantStore, "getPartner" | "getContactRequest" | "saveContactRequest">;
}

export type Notice = RelationshipNoticeMessage["notice"];

/** The lastError code when a notice could not be emailed (recorded by the queue trigger when it gives up). */
export const noticeEmailFailedCode = "noticeEmailFailed";

export type EmailOutcome =
  | { readonly kind: "sent"; readonly to: Audience; readonly operationId: string }
  | { readonly kind: "skipped"; readonly to?: Audience; readonly detail: string };

export async function sendContactEmail(
  ports: NotificationPorts,
  message: ContactPartnerMessage
): Promise<EmailOutcome> {
  const request = await ports.tenants.getContactRequest(message.partnerTenantId, message.contactRequestId);
  if (!request)
    throw new NotFoundError(`No contact request ${message.contactRequestId} for partner ${message.partnerTenantId}.`);
  if (request.emailSentDateTime)
    return { kind: "skipped", to: "partner", detail: `already emailed at ${request.emailSentDateTime}` };
  const partner = await ports.tenants.getPartner(message.partnerTenantId);
  const to = partner?.profile?.contactEmail;
  if (!partner || !to)
    throw new PermanentMessageError("NoRecipient", "The partner has no contact email in its directory profile.");
  const operationId = operationIds.contact(request.id);
  const email = renderContactMeEmail({ partnerName: partner.profile?.name ?? partner.displayName, request });
  await ports.emailSender.send({ to: [to], ...email, operationId });
  await ports.tenants.saveContactRequest({ ...request, emailSentDateTime: ports.clock.now().toISOString() });
  return { kind: "sent", to: "partner", operationId };
}

/** Notice emails recorded on the relationship: `${notice}:${endDateTime}:${side}`. */

const maxRecordedNotices = 50;
const dayMs = 86_400_000;

export function noticeEmailsSent(relationship: StoredRelationship): readonly string[] {
  return relationship.noticeEmailsSent ?? [];
}

export async function sendRelationshipNotice(
  ports: NotificationPorts,
  message: RelationshipNoticeMessage
): Promise<EmailOutcome[]> {
  const found = await ports.store.get(message.partnerTenantId, message.relationshipId);
  if (!found)
    throw new NotFoundError(`No relationship ${message.relationshipId} for partner ${message.partnerTenantId}.`);
  const relationship = found.document;
  const stale = staleness(relationship, message.notice, ports.clock.now());
  if (stale) return [{ kind: "skipped", detail: stale }];

  const partner = await ports.tenants.getPartner(relationship.partnerTenantId);
  const recipients: { side: Audience; address: string | undefined }[] = [
    { side: "partner", address: partner?.profile?.contactEmail },
    { side: "customer", address: relationship.customer.adminEmail }
  ];
  const outcomes: EmailOutcome[] = [];
  for (const { side, address } of recipients) {
    if (!address) {
      outcomes.push({ kind: "skipped", to: side, detail: "no contact address on the partner's profile" });
      continue;
    }
    outcomes.push(await sendNoticeTo(ports, relationship, message.notice, side, address));
  }
  return outcomes;
}

async function sendNoticeTo(
  ports: NotificationPorts,
  relationship: StoredRelationship,
  notice: Notice,
  side: Audience,
  address: string
): Promise<EmailOutcome> {
  const key = `${notice}:${relationship.endDateTime ?? "none"}:${side}`;
  const latest = (await ports.store.get(relationship.partnerTenantId, relationship.id))?.document ?? relationship;
  if (noticeEmailsSent(latest).includes(key))
    return { kind: "skipped", to: side, detail: `${notice} already emailed to the ${side}` };
  const operationId = operationIds.notice(relationship.id, notice, relationship.endDateTime, side);
  await ports.emailSender.send({ to: [address], ...renderNotice(relationship, notice, side), operationId });
  try {
    await changeRelationship(
      ports,
      { partnerTenantId: relationship.partnerTenantId, relationshipId: relationship.id },
      (current) => {
        const sent = noticeEmailsSent(current);
        if (sent.includes(key)) throw new AlreadyRecorded();
        const document: StoredRelationship = {
          ...withoutOwnFailure(current),
          noticeEmailsSent: [...sent, key].slice(-maxRecordedNotices)
        };
        return { document, action: `noticeEmailSent:${notice}:${side}`, actor: { kind: "system" } };
      }
    );
  } catch (error) {
    if (!(error instanceof AlreadyRecorded)) throw error;
  }
  return { kind: "sent", to: side, operationId };
}

function renderNotice(relationship: StoredRelationship, notice: Notice, audience: Audience): RenderedEmail {
  const endDateTime = relationship.endDateTime as string; // staleness() refused notices that need one and lack it
  switch (notice) {
    case "expiry30":
    case "expiry7":
    case "expiry1":
      return renderExpiryNotice({
        relationship: { ...relationship, endDateTime },
        audience,
        daysLeft: expiryDays[notice]
      });
    case "expiry0":
      // The day-0 notice: queued with the expiry itself when the relationship was not extended.
      return relationship.status === "expired"
        ? renderExpiredNotice({ relationship, audience })
        : renderExpiryNotice({ relationship: { ...relationship, endDateTime }, audience, daysLeft: 0 });
    case "expired":
      return renderExpiredNotice({ relationship, audience });
    case "terminated":
      return renderTerminationNotice({ relationship, audience });
    case "extended":
      return renderExtensionNotice({ relationship: { ...relationship, endDateTime }, audience });
  }
}

const expiryDays: Record<"expiry30" | "expiry7" | "expiry1" | "expiry0", ExpiryNoticeDays> = {
  expiry30: 30,
  expiry7: 7,
  expiry1: 1,
  expiry0: 0
};

/** Why a notice no longer fits the relationship (it changed after the notice was queued), or undefined. */
function staleness(relationship: StoredRelationship, notice: Notice, now: Date): string | undefined {
  const live = relationship.status === "active" || relationship.status === "expiring";
  switch (notice) {
    case "expiry30":
    case "expiry7":
    case "expiry1":
    case "expiry0": {
      if (notice === "expiry0" && relationship.status === "expired") return undefined;
      if (!live || !relationship.endDateTime)
        return `an expiry notice does not apply to a relationship that is ${relationship.status}`;
      // Extended since the notice was queued: the end it warned about is no longer near.
      if (new Date(relationship.endDateTime).getTime() - now.getTime() > (expiryDays[notice] + 1) * dayMs) {
        return `the relationship now ends on ${relationship.endDateTime}, more than ${expiryDays[notice]} days away`;
      }
      return undefined;
    }
    case "extended":
      return live && relationship.endDateTime
        ? undefined
        : `an extension notice does not apply to a relationship that is ${relationship.status}`;
    case "expired":
      return relationship.status === "expired" ? undefined : `the relationship is ${relationship.status}, not expired`;
    case "terminated":
      return ["terminationRequested", "terminating", "terminated"].includes(relationship.status)
        ? undefined
        : `the relationship is ${relationship.status}, not terminated`;
  }
}

/** A notice that went out answers an earlier "could not be emailed"; other failures stay. */
function withoutOwnFailure(relationship: StoredRelationship): StoredRelationship {
  if (relationship.lastError?.code !== noticeEmailFailedCode) return relationship;
  const { lastError: _answered, ...rest } = relationship;
  return rest;
}

class AlreadyRecorded extends Error {}
