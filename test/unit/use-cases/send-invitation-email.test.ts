/**
 * sendInvitationEmail on the in-memory ports: one email per send number however often the message comes (the same
 * operation id after a crash), nothing sent for an invitation that is over, and the send recorded as bookkeeping.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, PermanentMessageError, TransientError } from "../../../shared/errors";
import { operationIds } from "../../../shared/email/operation-id";
import type { SendInvitationEmailMessage } from "../../../shared/messaging/messages";
import { relationshipEtag, type StoredRelationship } from "../../../shared/relationships/relationship-document";
import { createInvitation } from "../../../shared/use-cases/create-invitation";
import { invitationEmailFailedCode, sendInvitationEmail } from "../../../shared/use-cases/send-invitation-email";
import {
  approvedPartner,
  inMemoryWritePath,
  invitationRequest,
  partnerActor,
  partnerTenantId,
  type WritePath
} from "../../support/in-memory/write-path";

let world: WritePath;
let id: string;
let link: string;
beforeEach(async () => {
  world = inMemoryWritePath();
  const created = await createInvitation(world.ports, {
    partner: approvedPartner(),
    actor: partnerActor,
    request: invitationRequest()
  });
  id = created.relationship.document.id;
  link = created.invitationLink;
  world.clock.advanceMinutes(1);
});

const message = (sendNumber = 1): SendInvitationEmailMessage => ({
  kind: "sendInvitationEmail",
  partnerTenantId,
  relationshipId: id,
  sendNumber
});
const stored = () => world.store.peek(partnerTenantId, id) as StoredRelationship;
const edit = (change: (document: StoredRelationship) => StoredRelationship) => world.store.put(change(stored()));

describe("sendInvitationEmail", () => {
  it("emails the accept link to the customer's admin under an operation id of its own, and records the send as bookkeeping", async () => {
    const outcome = await sendInvitationEmail(world.ports, message());

    const operationId = operationIds.invitation(id, 1);
    expect(outcome).toEqual({ kind: "sent", operationId });
    expect(world.emailSender.delivered).toHaveLength(1);
    const [email] = world.emailSender.delivered;
    expect(email).toMatchObject({ to: ["admin@customer.example"], operationId });
    expect(email?.html).toContain(link);
    expect(email?.text).toContain(link);
    expect(stored().invitation).toMatchObject({ lastSentNumber: 1, lastSentDateTime: "2027-03-01T09:01:00.000Z" });
    // The partner's If-Match still holds: recording an email is not a change anyone acts on.
    expect(relationshipEtag(stored())).toBe("v1");
    expect(world.auditLog.actions(id)).toEqual(["invitationCreated", "invitationEmailSent"]);
  });

  it("reads the relationship once and records the email with one write, leaving no outbox to clear", async () => {
    const before = world.store.faults.calls.length;

    await sendInvitationEmail(world.ports, message());

    expect(world.store.faults.calls.slice(before)).toEqual(["get", "replace"]);
    expect(stored().outbox).toEqual([]);
    expect(stored().outboxSince).toBeUndefined();
  });

  it("reads again when the relationship changed while the email went out, and records the send once on the new version", async () => {
    world.emailSender.afterDelivery = () =>
      edit((document) => ({ ...document, displayName: "Renamed meanwhile", uniqueName: "renamed meanwhile" }));
    const before = world.store.faults.calls.length;

    await sendInvitationEmail(world.ports, message());

    // The write from the version read first meets the new ETag (412), so it reads again and writes once more.
    expect(world.store.faults.calls.slice(before)).toEqual(["get", "replace", "get", "replace"]);
    expect(stored()).toMatchObject({ displayName: "Renamed meanwhile", invitation: { lastSentNumber: 1 } });
    expect(world.auditLog.actions(id)).toEqual(["invitationCreated", "invitationEmailSent"]);
  });

  it("reads again before recording when the version it read still had outbox entries (their clearing is on its way)", async () => {
    const owed = { id: `${id}:1:publish:0`, kind: "publish", message: message() } as const;
    edit((document) => ({ ...document, outbox: [owed], outboxSince: "2027-03-01T09:00:00.000Z" }));
    const before = world.store.faults.calls.length;

    await sendInvitationEmail(world.ports, message());

    expect(world.store.faults.calls.slice(before, before + 3)).toEqual(["get", "get", "replace"]);
    expect(stored().invitation?.lastSentNumber).toBe(1);
  });

  it("skips a redelivered message once the send is recorded, without calling the email service", async () => {
    await sendInvitationEmail(world.ports, message());

    expect(await sendInvitationEmail(world.ports, message())).toMatchObject({ kind: "skipped", reason: "alreadySent" });
    expect(world.emailSender.attempts).toHaveLength(1);
  });

  it("sends again under the same operation id after a crash between sending and recording, so the service delivers once", async () => {
    world.store.faults.failNext("replace", new Error("the process died"));
    await expect(sendInvitationEmail(world.ports, message())).rejects.toThrow("the process died");
    expect(stored().invitation?.lastSentNumber).toBeUndefined();

    await sendInvitationEmail(world.ports, message());

    expect(world.emailSender.attempts.map((email) => email.operationId)).toEqual([
      operationIds.invitation(id, 1),
      operationIds.invitation(id, 1)
    ]);
    expect(world.emailSender.delivered).toHaveLength(1);
    expect(stored().invitation?.lastSentNumber).toBe(1);
    // The email was audited as it went out, under an id the redelivery repeats: one record, nothing left to clear.
    expect(world.auditLog.actions(id)).toEqual(["invitationCreated", "invitationEmailSent"]);
    expect(stored().outbox).toEqual([]);
  });

  it("records nothing when the email service fails, so the queue's retry sends it", async () => {
    world.emailSender.faults.failNext("send", new TransientError("The email service answered 503 (a server error)."));

    await expect(sendInvitationEmail(world.ports, message())).rejects.toBeInstanceOf(TransientError);
    expect(stored().invitation?.lastSentNumber).toBeUndefined();
    expect(world.auditLog.actions(id)).toEqual(["invitationCreated"]);
  });

  it("sends nothing for an invitation no longer pending, or one that has lapsed", async () => {
    edit((document) => ({ ...document, status: "cancelled" }));
    expect(await sendInvitationEmail(world.ports, message())).toMatchObject({ kind: "skipped", reason: "notPending" });

    edit((document) => ({ ...document, status: "approvalPending" }));
    world.clock.advanceDays(90);
    expect(await sendInvitationEmail(world.ports, message())).toMatchObject({
      kind: "skipped",
      reason: "invitationExpired"
    });
    expect(world.emailSender.attempts).toEqual([]);
  });

  it("refuses a send number that was never requested as a permanent failure, and a missing relationship as not found", async () => {
    await expect(sendInvitationEmail(world.ports, message(2))).rejects.toBeInstanceOf(PermanentMessageError);
    await expect(sendInvitationEmail(world.ports, { ...message(), relationshipId: "missing" })).rejects.toBeInstanceOf(
      NotFoundError
    );
    expect(world.emailSender.attempts).toEqual([]);
  });

  it("lets a later send cover an earlier one arriving late, and answers an earlier failure once an email goes out", async () => {
    edit((document) => ({
      ...document,
      invitation: { ...document.invitation!, sendCount: 2 },
      lastError: {
        code: invitationEmailFailedCode,
        message: "The email could not be sent.",
        occurredDateTime: "2027-03-01T09:00:30.000Z"
      }
    }));

    await sendInvitationEmail(world.ports, message(2));
    expect(await sendInvitationEmail(world.ports, message(1))).toMatchObject({
      kind: "skipped",
      reason: "alreadySent"
    });

    expect(world.emailSender.delivered.map((email) => email.operationId)).toEqual([operationIds.invitation(id, 2)]);
    expect(stored().lastError).toBeUndefined();
    expect(stored().invitation?.lastSentNumber).toBe(2);
  });
});
