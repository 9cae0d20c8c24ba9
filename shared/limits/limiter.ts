/**
 * The abuse limits, by name: what each counts, in which window, under which key, and what a refused caller is told.
 * A use case asks once (`admitInvitation`, `admitResend`, `admitContactRequest`, `admitPurchase`) before it writes anything; a
 * refusal is a TooManyRequestsError (429 with Retry-After) and counts nothing. The admission it gets back can be
 * released if the write then fails, so a refused or failed request does not use up a slot.
 *
 * Keys: a partner by its tenant id; a customer address and a client address only as an HMAC (keyed by a secret
 * derived from LINK_TOKEN_SECRET), so neither the address nor a plain hash anyone could look up is ever stored.
 * The resends of one invitation are counted on the relationship document itself (no request of their own).
 */
import { createHmac } from "node:crypto";
import { TooManyRequestsError } from "../errors";
import type { InvitationAllowance } from "../domain/batch-estimate";
import { countIn, windowKey, windowStartOf, type WindowLimit, type WindowState } from "./fixed-window";
import type { CountedStarts, LimitStore } from "./limit-store";

export interface LimitSettings {
  readonly invitationsPerPartnerPerHour: number;
  readonly invitationsPerPartnerPerDay: number;
  readonly resendsPerPartnerPerHour: number;
  readonly resendsPerPartnerPerDay: number;
  readonly resendsPerInvitationPerDay: number;
  readonly invitationEmailsPerAddressPerDay: number;
  readonly contactRequestsPerClientPerHour: number;
  readonly contactRequestsPerPartnerPerDay: number;
  readonly purchasesPerPartnerPerDay: number;
  readonly deviceUploadsPerPartnerPerHour: number;
  /** Bulk batches a partner submits: each is one large write (up to 1,000 rows), whatever its rows come to. */
  readonly invitationBatchesPerPartnerPerHour: number;
}

/**
 * Defaults an honest partner or customer never meets, which still stop a flood at once: room for a partner moving
 * a few hundred customers in a day, while one mailbox gets at most 10 invitation emails a day and one invitation
 * at most 5 resends. To onboard more at once, the operator raises the settings for the move.
 */
export const defaultLimitSettings: LimitSettings = {
  invitationsPerPartnerPerHour: 200,
  invitationsPerPartnerPerDay: 1_000,
  resendsPerPartnerPerHour: 50,
  resendsPerPartnerPerDay: 200,
  resendsPerInvitationPerDay: 5,
  invitationEmailsPerAddressPerDay: 10,
  contactRequestsPerClientPerHour: 20,
  contactRequestsPerPartnerPerDay: 100,
  // An MPSA partner records a customer's orders as they happen; a thousand a day is a busy month's worth.
  purchasesPerPartnerPerDay: 1_000,
  // Each upload holds up to 1,000 devices (about 1,000 writes): 60 an hour registers 60,000 devices.
  deviceUploadsPerPartnerPerHour: 60,
  invitationBatchesPerPartnerPerHour: 20
};

export interface Admission {
  /** Gives the counted uses back (best effort): for a request that was admitted but then wrote nothing. */
  release(): Promise<void>;
}

export interface Limiter {
  /** Without an address (a Graph relationship the partner shares itself) only the partner is counted. */
  admitInvitation(partnerTenantId: string, adminEmail: string | undefined, now: Date): Promise<Admission>;
  admitResend(partnerTenantId: string, adminEmail: string, now: Date): Promise<Admission>;
  admitContactRequest(clientAddress: string, partnerTenantId: string, now: Date): Promise<Admission>;
  /** One MPSA purchase record a partner writes (each is a stored document: money on Azure). */
  admitPurchase(partnerTenantId: string, now: Date): Promise<Admission>;
  /** An OEM's device upload (up to 1,000 devices), counted per OEM tenant. */
  admitDeviceUpload(partnerTenantId: string, now: Date): Promise<Admission>;
  /** A bulk batch's submission (its rows are then each admitted as invitations). */
  admitBatch(partnerTenantId: string, now: Date): Promise<Admission>;
  /** The partner's invitation windows as they stand (one read, nothing counted): for a batch's estimated completion. */
  invitationAllowance(partnerTenantId: string, now: Date): Promise<InvitationAllowance>;
  /** Whether a refusal is the partner's own pace (hour or day) rather than one address's: a batch waits for it. */
  isPartnerInvitationLimit(limit: string): boolean;
  /** Counts one resend of an invitation in the window kept on its relationship; throws when the day is used up. */
  countInvitationResend(state: WindowState | undefined, now: Date): WindowState;
}

type LimitName = keyof LimitSettings;

interface NamedLimit extends WindowLimit {
  readonly name: LimitName;
  readonly refusal: string;
}

interface Check {
  readonly key: string;
  readonly limits: readonly NamedLimit[];
}

const hour = 3_600;
const day = 86_400;

export function createLimiter(store: LimitStore, settings: LimitSettings, secret: Buffer): Limiter {
  const limit = (name: LimitName, counter: string, seconds: number, refusal: (max: number) => string): NamedLimit => ({
    name,
    counter,
    seconds,
    max: settings[name],
    refusal: refusal(settings[name])
  });
  const limits = {
    invitationsPerHour: limit(
      "invitationsPerPartnerPerHour",
      "invitations",
      hour,
      (max) => `Your organisation can send at most ${max} invitations an hour.`
    ),
    invitationsPerDay: limit(
      "invitationsPerPartnerPerDay",
      "invitations",
      day,
      (max) => `Your organisation can send at most ${max} invitations a day.`
    ),
    resendsPerHour: limit(
      "resendsPerPartnerPerHour",
      "resends",
      hour,
      (max) => `Your organisation can resend at most ${max} invitations an hour.`
    ),
    resendsPerDay: limit(
      "resendsPerPartnerPerDay",
      "resends",
      day,
      (max) => `Your organisation can resend at most ${max} invitations a day.`
    ),
    resendsPerInvitation: limit(
      "resendsPerInvitationPerDay",
      "resends",
      day,
      (max) => `An invitation can be resent at most ${max} times a day.`
    ),
    emailsPerAddress: limit(
      "invitationEmailsPerAddressPerDay",
      "emails",
      day,
      () => "This customer address has been sent as many invitation emails as it can receive today."
    ),
    contactsPerClient: limit(
      "contactRequestsPerClientPerHour",
      "contacts",
      hour,
      (max) => `You can send at most ${max} contact requests an hour.`
    ),
    contactsPerPartner: limit(
      "contactRequestsPerPartnerPerDay",
      "contacts",
      day,
      () => "This partner cannot take more contact requests today."
    ),
    purchasesPerDay: limit(
      "purchasesPerPartnerPerDay",
      "purchases",
      day,
      (max) => `Your organisation can record at most ${max} MPSA purchases a day.`
    ),
    deviceUploadsPerHour: limit(
      "deviceUploadsPerPartnerPerHour",
      "deviceuploads",
      hour,
      (max) => `Your organisation can upload devices at most ${max} times an hour.`
    ),
    batchesPerHour: limit(
      "invitationBatchesPerPartnerPerHour",
      "batches",
      hour,
      (max) => `Your organisation can submit at most ${max} invitation batches an hour.`
    )
  };
  const keySecret = createHmac("sha256", secret).update("partner-relationships limit keys").digest();
  const hashed = (kind: string, value: string) =>
    `${kind}:${createHmac("sha256", keySecret).update(`${kind}\u0000${value}`).digest("base64url")}`;
  const partnerKey = (tenantId: string) => `partner:${tenantId.toLowerCase()}`;
  const addressKey = (email: string) => hashed("address", normaliseEmail(email));

  async function admit(checks: readonly Check[], now: Date): Promise<Admission> {
    const taken: { key: string; starts: CountedStarts }[] = [];
    const release = async () => {
      for (const { key, starts } of taken.splice(0)) await store.giveBack(key, starts);
    };
    for (const check of checks) {
      const result = await store.take(check.key, check.limits, now);
      if (!result.taken) {
        await release();
        throw new TooManyRequestsError(result.limit.refusal, result.limit.name, result.retryAt, now);
      }
      taken.push({ key: check.key, starts: result.starts });
    }
    return { release };
  }

  return {
    admitInvitation: (partnerTenantId, adminEmail, now) =>
      admit(
        [
          { key: partnerKey(partnerTenantId), limits: [limits.invitationsPerHour, limits.invitationsPerDay] },
          ...(adminEmail === undefined ? [] : [{ key: addressKey(adminEmail), limits: [limits.emailsPerAddress] }])
        ],
        now
      ),
    admitResend: (partnerTenantId, adminEmail, now) =>
      admit(
        [
          { key: partnerKey(partnerTenantId), limits: [limits.resendsPerHour, limits.resendsPerDay] },
          { key: addressKey(adminEmail), limits: [limits.emailsPerAddress] }
        ],
        now
      ),
    // The client first: a flood from one address is refused before it touches the partner's count.
    admitContactRequest: (clientAddress, partnerTenantId, now) =>
      admit(
        [
          { key: hashed("client", clientAddress), limits: [limits.contactsPerClient] },
          { key: partnerKey(partnerTenantId), limits: [limits.contactsPerPartner] }
        ],
        now
      ),
    admitPurchase: (partnerTenantId, now) =>
      admit([{ key: partnerKey(partnerTenantId), limits: [limits.purchasesPerDay] }], now),
    admitDeviceUpload: (partnerTenantId, now) =>
      admit([{ key: partnerKey(partnerTenantId), limits: [limits.deviceUploadsPerHour] }], now),
    admitBatch: (partnerTenantId, now) =>
      admit([{ key: partnerKey(partnerTenantId), limits: [limits.batchesPerHour] }], now),
    async invitationAllowance(partnerTenantId, now) {
      const windows = await store.peek(partnerKey(partnerTenantId));
      const use = (limit: NamedLimit) => {
        const stored = windows[windowKey(limit)];
        return { max: limit.max, used: stored && stored.start >= windowStartOf(now, limit.seconds) ? stored.used : 0 };
      };
      return { hour: use(limits.invitationsPerHour), day: use(limits.invitationsPerDay) };
    },
    isPartnerInvitationLimit: (limit) =>
      limit === limits.invitationsPerHour.name || limit === limits.invitationsPerDay.name,
    countInvitationResend(state, now) {
      const decision = countIn(state, limits.resendsPerInvitation, now);
      if (!decision.allowed)
        throw new TooManyRequestsError(
          limits.resendsPerInvitation.refusal,
          limits.resendsPerInvitation.name,
          decision.retryAt,
          now
        );
      return decision.next;
    }
  };
}

/**
 * One mailbox, however it is written: trimmed, lower case, and without a `+tag` (which most providers deliver to
 * the same mailbox), so varying the case or the tag does not buy more emails to one person.
 */
export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return trimmed;
  const local = trimmed.slice(0, at);
  const plus = local.indexOf("+");
  return `${plus > 0 ? local.slice(0, plus) : local}${trimmed.slice(at)}`;
}
