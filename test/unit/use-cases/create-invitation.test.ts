/**
 * createInvitation on the in-memory ports (test/support/in-memory/write-path.ts): what one request stores, sends and
 * counts, and what a replay, a race, a refusal or an outage leaves behind. Its Cosmos DB costs are bench:cost's.
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  ConflictError,
  ForbiddenError,
  TooManyRequestsError,
  TransientError,
  ValidationError
} from "../../../shared/errors";
import { hashLinkToken } from "../../../shared/invitations/link-token";
import { drainOutbox } from "../../../shared/outbox/drain-outbox";
import { createInvitation, idFromKey } from "../../../shared/use-cases/create-invitation";
import {
  approvedPartner,
  customerTenantId,
  inMemoryWritePath,
  invitationRequest,
  partnerActor,
  partnerTenantId,
  publicBaseUrl,
  type WritePath
} from "../../support/in-memory/write-path";

let world: WritePath;
beforeEach(() => {
  world = inMemoryWritePath();
});

const invite = (
  fields: {
    idempotencyKey?: string;
    request?: Parameters<typeof invitationRequest>[0];
    partner?: Parameters<typeof approvedPartner>[0];
  } = {}
) =>
  createInvitation(world.ports, {
    partner: approvedPartner(fields.partner),
    actor: partnerActor,
    request: invitationRequest(fields.request),
    ...(fields.idempotencyKey ? { idempotencyKey: fields.idempotencyKey } : {})
  });

const tokenOf = (link: string) => link.slice(`${publicBaseUrl}/invitations/`.length);
/** What the abuse limits counted for this partner in the current hour window. */
const partnerCount = () =>
  Object.values(world.limitStore.documents.get(`partner:${partnerTenantId}`) ?? {}).map((window) => window.used);

describe("createInvitation", () => {
  it("stores the relationship pending approval, hands back a link whose hash is all that is kept, and sends the email through the outbox", async () => {
    const { relationship, created, invitationLink } = await invite();
    const id = relationship.document.id;

    expect(created).toBe(true);
    const stored = world.store.peek(partnerTenantId, id);
    expect(stored).toMatchObject({
      status: "approvalPending",
      displayName: "Managed helpdesk",
      uniqueName: "managed helpdesk",
      version: 1,
      outbox: []
    });
    expect(stored?.invitation).toMatchObject({ sendCount: 1, expiresDateTime: "2027-05-30T09:00:00.000Z" });
    expect(stored?.outboxSince).toBeUndefined();
    // The link token itself is nowhere in storage: only its hash, on the document and as the lookup's key.
    const token = tokenOf(invitationLink);
    expect(invitationLink.startsWith(`${publicBaseUrl}/invitations/`)).toBe(true);
    expect(stored?.invitation?.tokenHash).toBe(hashLinkToken(token));
    expect([...world.invitationTokens.entries]).toEqual([
      [hashLinkToken(token), { partnerTenantId, relationshipId: id }]
    ]);
    expect(JSON.stringify(world.store.all())).not.toContain(token);
    // What the outbox owed is done before the request answers.
    expect(world.publisher.published).toEqual([
      {
        message: { kind: "sendInvitationEmail", partnerTenantId, relationshipId: id, sendNumber: 1 },
        messageId: `${id}:1:publish:0`
      }
    ]);
    expect(world.auditLog.actions(id)).toEqual(["invitationCreated"]);
    expect(world.auditLog.records.get(`${id}:1`)).toMatchObject({
      actor: partnerActor,
      after: { status: "approvalPending", customerTenantId }
    });
    expect(await world.customerIndex.list(customerTenantId)).toEqual([{ partnerTenantId, relationshipId: id }]);
    expect(partnerCount()).toEqual([1, 1]);
  });

  it("answers a retried request with the same Idempotency-Key with the first result, creating and sending nothing more", async () => {
    const first = await invite({ idempotencyKey: "key-1" });
    const again = await invite({ idempotencyKey: "key-1" });

    expect(first.relationship.document.id).toBe(idFromKey(partnerTenantId, "key-1"));
    expect(again).toMatchObject({ created: false, invitationLink: first.invitationLink });
    expect(again.relationship.document.id).toBe(first.relationship.document.id);
    expect(world.store.all()).toHaveLength(1);
    expect(world.publisher.published).toHaveLength(1);
    expect(world.auditLog.records.size).toBe(1);
    // The replay is found before the limits are asked: it counts nothing.
    expect(partnerCount()).toEqual([1, 1]);
  });

  it("refuses the same Idempotency-Key with another body as a 409 naming the key, and writes nothing", async () => {
    await invite({ idempotencyKey: "key-1" });
    const other = invite({ idempotencyKey: "key-1", request: { displayName: "Another name" } });

    await expect(other).rejects.toBeInstanceOf(ConflictError);
    await expect(other).rejects.toMatchObject({ errors: [{ field: "Idempotency-Key" }] });
    expect(world.store.all()).toHaveLength(1);
    expect(world.publisher.published).toHaveLength(1);
  });

  it("lets two racing requests with one Idempotency-Key create one relationship, and gives the loser's counted slot back", async () => {
    const [a, b] = await Promise.all([invite({ idempotencyKey: "key-1" }), invite({ idempotencyKey: "key-1" })]);

    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.invitationLink).toBe(b.invitationLink);
    expect(world.store.all()).toHaveLength(1);
    expect(world.publisher.published).toHaveLength(1);
    expect(partnerCount()).toEqual([1, 1]);
  });

  it("refuses a display name another live relationship of the partner has, naming the field, and gives the slot back", async () => {
    await invite();
    const clash = invite({
      request: { displayName: "MANAGED helpdesk", customer: { adminEmail: "other@customer.example" } }
    });

    await expect(clash).rejects.toMatchObject({ status: 409, errors: [{ field: "displayName" }] });
    expect(world.store.all()).toHaveLength(1);
    expect(partnerCount()).toEqual([1, 1]);
  });

  it("names every bad field in a 400 and neither counts nor writes anything", async () => {
    const bad = invite({
      request: { displayName: "", duration: "forever", customer: { adminEmail: "not an address" } }
    });

    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    const fields = ((await bad.catch((error: ValidationError) => error)) as ValidationError).errors.map(
      (error) => error.field
    );
    expect(fields).toEqual(expect.arrayContaining(["displayName", "duration", "customer.adminEmail"]));
    expect(world.store.faults.calls).toEqual([]);
    expect(world.limitStore.documents.size).toBe(0);
  });

  it("refuses a partner that is not approved with a 403 before anything is counted or written", async () => {
    await expect(invite({ partner: { status: "suspended" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(invite({ partner: { status: undefined } })).rejects.toBeInstanceOf(ForbiddenError);
    expect(world.store.faults.calls).toEqual([]);
    expect(world.limitStore.documents.size).toBe(0);
  });

  it("refuses an invitation over the partner's hourly limit with a 429 that names it, writing nothing", async () => {
    world = inMemoryWritePath({ invitationsPerPartnerPerHour: 1 });
    await invite();
    const over = invite({ request: { displayName: "Second", customer: { adminEmail: "second@customer.example" } } });

    await expect(over).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(over).rejects.toMatchObject({ limit: "invitationsPerPartnerPerHour" });
    expect(world.store.all()).toHaveLength(1);
    expect(world.invitationTokens.entries.size).toBe(1);
  });

  it("counts one mailbox however its address is written, and refuses it past its daily emails", async () => {
    world = inMemoryWritePath({ invitationEmailsPerAddressPerDay: 1 });
    await invite();
    const again = invite({
      request: { displayName: "Second", customer: { adminEmail: "Admin+tag@Customer.example" } }
    });

    await expect(again).rejects.toMatchObject({ limit: "invitationEmailsPerAddressPerDay" });
    // Refused by the address: the partner's count it had already taken is given back.
    expect(partnerCount()).toEqual([1, 1]);
  });

  it("writes nothing and gives the slot back when the relationship cannot be stored", async () => {
    world.store.faults.failNext("create", new TransientError("Cosmos DB is busy; try again shortly."));

    await expect(invite()).rejects.toBeInstanceOf(TransientError);
    expect(world.store.all()).toEqual([]);
    expect(world.publisher.published).toEqual([]);
    expect(partnerCount()).toEqual([0, 0]);
  });

  it("still creates the invitation when Service Bus is down, leaving the email in the outbox for the timer", async () => {
    world.publisher.faults.failNext("publish", new TransientError("Service Bus is unavailable."));

    const { relationship, created } = await invite();
    const id = relationship.document.id;

    expect(created).toBe(true);
    const stored = world.store.peek(partnerTenantId, id);
    // The audit record and the index went out; the message (and anything after it) waits, dated for the timer.
    expect(stored?.outbox.map((entry) => entry.kind)).toEqual(["publish"]);
    expect(stored?.outboxSince).toBe("2027-03-01T09:00:00.000Z");
    expect(world.auditLog.actions(id)).toEqual(["invitationCreated"]);

    const current = await world.store.get(partnerTenantId, id);
    await drainOutbox(world.ports, current!);
    expect(world.publisher.messages()).toEqual([
      { kind: "sendInvitationEmail", partnerTenantId, relationshipId: id, sendNumber: 1 }
    ]);
    expect(world.store.peek(partnerTenantId, id)?.outbox).toEqual([]);
  });
});
