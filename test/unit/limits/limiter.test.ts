import { describe, expect, it } from "vitest";
import { TooManyRequestsError } from "../../../shared/errors";
import {
  createLimiter,
  defaultLimitSettings,
  normaliseEmail,
  type LimitSettings
} from "../../../shared/limits/limiter";
import { InMemoryLimitStore } from "../../support/in-memory/limit-store";

const partner = "7D5D9B52-4A0E-4B8E-9A53-1C2D3E4F5A01";
const secret = Buffer.alloc(32, 9);
const now = new Date("2027-03-04T05:10:00Z");
const settings: LimitSettings = {
  ...defaultLimitSettings,
  invitationsPerPartnerPerHour: 2,
  invitationEmailsPerAddressPerDay: 3,
  contactRequestsPerClientPerHour: 2,
  contactRequestsPerPartnerPerDay: 1,
  resendsPerInvitationPerDay: 2
};

function refusalOf(attempt: () => unknown): TooManyRequestsError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof TooManyRequestsError) return error;
    throw error;
  }
  throw new Error("expected a TooManyRequestsError");
}

async function asyncRefusalOf(attempt: Promise<unknown>): Promise<TooManyRequestsError> {
  const error = await attempt.then(
    () => undefined,
    (caught: unknown) => caught
  );
  if (!(error instanceof TooManyRequestsError))
    throw new Error(`expected a TooManyRequestsError, got ${String(error)}`);
  return error;
}

describe("the limit policy", () => {
  it("reads a partner's invitation allowance without counting, for a batch's estimate, and says which refusals are the partner's pace", async () => {
    const store = new InMemoryLimitStore();
    const limiter = createLimiter(store, settings, secret);
    expect(await limiter.invitationAllowance(partner, now)).toEqual({
      hour: { max: 2, used: 0 },
      day: { max: 1000, used: 0 }
    });
    await limiter.admitInvitation(partner, "a@customer.example", now);
    expect(await limiter.invitationAllowance(partner, now)).toEqual({
      hour: { max: 2, used: 1 },
      day: { max: 1000, used: 1 }
    });
    expect(await limiter.invitationAllowance(partner, now)).toEqual({
      hour: { max: 2, used: 1 },
      day: { max: 1000, used: 1 }
    });
    // A count of an earlier window is no use now.
    expect(await limiter.invitationAllowance(partner, new Date("2027-03-04T06:00:00Z"))).toEqual({
      hour: { max: 2, used: 0 },
      day: { max: 1000, used: 1 }
    });
    expect(await limiter.invitationAllowance(partner, new Date("2027-03-05T00:00:00Z"))).toEqual({
      hour: { max: 2, used: 0 },
      day: { max: 1000, used: 0 }
    });
    expect(
      ["invitationsPerPartnerPerHour", "invitationsPerPartnerPerDay", "invitationEmailsPerAddressPerDay"].map((name) =>
        limiter.isPartnerInvitationLimit(name)
      )
    ).toEqual([true, true, false]);
  });

  it("refuses with the limit's name, a message, and the seconds until the window ends", async () => {
    const limiter = createLimiter(new InMemoryLimitStore(), settings, secret);
    await limiter.admitInvitation(partner, "a@customer.example", now);
    await limiter.admitInvitation(partner, "b@customer.example", now);
    const refused = await asyncRefusalOf(limiter.admitInvitation(partner, "c@customer.example", now));
    expect(refused).toMatchObject({
      status: 429,
      limit: "invitationsPerPartnerPerHour",
      retryAfterSeconds: 50 * 60,
      message: "Your organisation can send at most 2 invitations an hour."
    });
    expect(refused.retryAt.toISOString()).toBe("2027-03-04T06:00:00.000Z");
  });

  it("gives back the partner's slot when the address refuses, so a refused invitation costs the partner nothing", async () => {
    const store = new InMemoryLimitStore();
    const limiter = createLimiter(store, settings, secret);
    for (const other of ["x", "y", "z"])
      await createLimiter(store, settings, secret).admitInvitation(
        `${other}0000000-0000-4000-8000-000000000000`,
        "full@customer.example",
        now
      );
    const refused = await asyncRefusalOf(limiter.admitInvitation(partner, "full@customer.example", now));
    expect(refused.limit).toBe("invitationEmailsPerAddressPerDay");
    expect(store.used(`partner:${partner.toLowerCase()}`, "invitations_3600")).toBe(0);
  });

  it("releases an admission it gave (for a write that then failed), once", async () => {
    const store = new InMemoryLimitStore();
    const limiter = createLimiter(store, settings, secret);
    const admission = await limiter.admitInvitation(partner, "a@customer.example", now);
    expect(store.used(`partner:${partner.toLowerCase()}`, "invitations_86400")).toBe(1);
    await admission.release();
    await admission.release();
    expect(store.used(`partner:${partner.toLowerCase()}`, "invitations_3600")).toBe(0);
    expect(store.used(`partner:${partner.toLowerCase()}`, "invitations_86400")).toBe(0);
  });

  it("never stores a customer or client address, only a keyed hash of it, and hashes one mailbox the same however it is written", async () => {
    const store = new InMemoryLimitStore();
    const limiter = createLimiter(store, settings, secret);
    await limiter.admitInvitation(partner, "Ada.Admin+first@Customer.Example", now);
    await limiter.admitResend(partner, " ada.admin@customer.example ", now);
    await limiter.admitContactRequest("203.0.113.9", partner, now);
    const keys = [...store.documents.keys()];
    expect(keys.join(" ")).not.toMatch(/ada|customer\.example|203\.0\.113/i);
    const addressKeys = keys.filter((key) => key.startsWith("address:"));
    expect(addressKeys).toHaveLength(1);
    expect(store.used(addressKeys[0] as string, "emails_86400")).toBe(2);
    // Another secret, another key: the hash cannot be looked up without the app's secret.
    const elsewhere = new InMemoryLimitStore();
    await createLimiter(elsewhere, settings, Buffer.alloc(32, 1)).admitInvitation(
      partner,
      "ada.admin@customer.example",
      now
    );
    expect([...elsewhere.documents.keys()].find((key) => key.startsWith("address:"))).not.toBe(addressKeys[0]);
  });

  it("checks the client before the partner on Contact me, and gives the client's slot back when the partner is full", async () => {
    const store = new InMemoryLimitStore();
    const limiter = createLimiter(store, settings, secret);
    await limiter.admitContactRequest("203.0.113.9", partner, now);
    const refused = await asyncRefusalOf(limiter.admitContactRequest("198.51.100.7", partner, now));
    expect(refused).toMatchObject({
      limit: "contactRequestsPerPartnerPerDay",
      message: "This partner cannot take more contact requests today."
    });
    const clientKeys = [...store.documents.keys()].filter((key) => key.startsWith("client:"));
    expect(clientKeys.map((key) => store.used(key, "contacts_3600")).sort()).toEqual([0, 1]);
  });

  it("counts an invitation's resends in the window kept on the relationship, and refuses past the day's number", () => {
    const limiter = createLimiter(new InMemoryLimitStore(), settings, secret);
    const first = limiter.countInvitationResend(undefined, now);
    const second = limiter.countInvitationResend(first, now);
    expect(second).toEqual({ start: Date.parse("2027-03-04T00:00:00Z") / 1000, used: 2 });
    const refused = refusalOf(() => limiter.countInvitationResend(second, now));
    expect(refused).toMatchObject({
      limit: "resendsPerInvitationPerDay",
      message: "An invitation can be resent at most 2 times a day."
    });
    expect(limiter.countInvitationResend(second, new Date("2027-03-05T00:00:00Z"))).toMatchObject({ used: 1 });
  });

  it("counts an OEM's device uploads per hour, apart from its invitations, and says when it may upload again", async () => {
    const store = new InMemoryLimitStore();
    const limiter = createLimiter(store, { ...settings, deviceUploadsPerPartnerPerHour: 2 }, secret);
    await limiter.admitDeviceUpload(partner, now);
    await limiter.admitDeviceUpload(partner, now);
    const refused = await asyncRefusalOf(limiter.admitDeviceUpload(partner, now));
    expect(refused).toMatchObject({
      limit: "deviceUploadsPerPartnerPerHour",
      retryAfterSeconds: 50 * 60,
      message: "Your organisation can upload devices at most 2 times an hour."
    });
    expect(store.used(`partner:${partner.toLowerCase()}`, "invitations_3600")).toBe(0);
    await limiter.admitInvitation(partner, "a@customer.example", now);
    await limiter.admitDeviceUpload(partner, new Date("2027-03-04T06:00:00Z"));
  });

  it("normalises an address for counting: case, spaces and a +tag do not make another mailbox", () => {
    expect(normaliseEmail("  Ada.Admin+Promo@Customer.Example ")).toBe("ada.admin@customer.example");
    expect(normaliseEmail("+only@customer.example")).toBe("+only@customer.example");
    expect(normaliseEmail("no-at-sign")).toBe("no-at-sign");
  });
});
