import { describe, expect, it } from "vitest";
import { invitationEmailOf } from "../../../shared/relationships/invitation-email";
import type { StoredRelationship } from "../../../shared/relationships/relationship-document";

type Invitation = StoredRelationship["invitation"];
const invitation = (fields: Partial<Invitation> = {}): Invitation => ({
  nonce: "n",
  tokenHash: "h",
  expiresDateTime: "2030-01-01T00:00:00.000Z",
  sendCount: 1,
  ...fields
});
const failures = (sendNumber: number, state: "retrying" | "failed") => ({
  sendNumber,
  state,
  attempts: 3,
  lastError: "The email service answered 500 (a server error).",
  lastAttemptDateTime: "2029-01-01T00:00:00.000Z",
  ...(state === "retrying" ? { nextAttemptDateTime: "2029-01-01T00:00:08.000Z" } : {})
});

describe("invitationEmailOf", () => {
  it("is sending while the latest requested send has neither gone out nor failed", () => {
    expect(invitationEmailOf({ status: "approvalPending", invitation: invitation() })).toEqual({ state: "sending" });
    // A resend after a failure starts over: the failures were about send 1.
    expect(
      invitationEmailOf({
        status: "approvalPending",
        invitation: invitation({ sendCount: 2, email: failures(1, "failed") })
      })
    ).toEqual({ state: "sending" });
  });

  it("shows the failures of the latest send, without its send number", () => {
    const { sendNumber: _, ...shown } = failures(2, "retrying");
    expect(
      invitationEmailOf({
        status: "approvalPending",
        invitation: invitation({ sendCount: 2, email: failures(2, "retrying") })
      })
    ).toEqual(shown);
    expect(
      invitationEmailOf({ status: "approvalPending", invitation: invitation({ email: failures(1, "failed") }) })
    ).toMatchObject({ state: "failed", attempts: 3 });
  });

  it("is sent once the latest send went out, whatever failed before", () => {
    const sent = invitation({
      sendCount: 2,
      lastSentNumber: 2,
      lastSentDateTime: "2029-02-01T00:00:00.000Z",
      email: failures(2, "retrying")
    });
    expect(invitationEmailOf({ status: "approvalPending", invitation: sent })).toEqual({
      state: "sent",
      sentDateTime: "2029-02-01T00:00:00.000Z"
    });
  });

  it("stops saying sending or retrying once the invitation is no longer pending", () => {
    expect(
      invitationEmailOf({ status: "cancelled", invitation: invitation({ email: failures(1, "retrying") }) })
    ).toBeUndefined();
    expect(
      invitationEmailOf({
        status: "approved",
        invitation: invitation({ sendCount: 2, lastSentNumber: 1, lastSentDateTime: "2029-02-01T00:00:00.000Z" })
      })
    ).toEqual({
      state: "sent",
      sentDateTime: "2029-02-01T00:00:00.000Z"
    });
    expect(
      invitationEmailOf({ status: "cancelled", invitation: invitation({ email: failures(1, "failed") }) })
    ).toMatchObject({ state: "failed" });
  });
});
