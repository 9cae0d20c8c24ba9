/**
 * The invitation email handler on in-memory ports: what it reads and writes per email (issue 13: a handler does not
 * read twice what it already holds), and that the write it saves a read on is still guarded by the ETag it read.
 */
import { describe, expect, it } from "vitest";
import type { OutgoingEmail } from "../../../shared/email/email-sender";
import { sendInvitationEmail } from "../../../shared/use-cases/send-invitation-email";
import { InMemoryWorld, partner, relationship } from "../../support/in-memory/access-world";

function pendingInvitation(world: InMemoryWorld): void {
  world.add(relationship({ status: "approvalPending", invitation: { nonce: "n", tokenHash: "h", expiresDateTime: "2027-04-01T00:00:00.000Z", sendCount: 1 } }));
}

function handlerPorts(world: InMemoryWorld, onSend: (email: OutgoingEmail) => void = () => undefined) {
  const ports = world.ports();
  let reads = 0;
  let writes = 0;
  /** Set to make the next relationship write fail, as a crash or an outage between the audit and the write would. */
  const failing = { nextWrite: false };
  const get = ports.store.get.bind(ports.store);
  const replace = ports.store.replace.bind(ports.store);
  const store = {
    ...ports.store,
    get: (partnerTenantId: string, id: string) => ((reads += 1), get(partnerTenantId, id)),
    replace: async (...args: Parameters<typeof replace>) => {
      writes += 1;
      if (failing.nextWrite) {
        failing.nextWrite = false;
        throw new Error("the process died before the write");
      }
      return replace(...args);
    }
  };
  const sent: OutgoingEmail[] = [];
  const emailSender = { send: async (email: OutgoingEmail) => void (sent.push(email), onSend(email)) };
  return { ports: { ...ports, store, emailSender, linkTokenSecret: Buffer.alloc(32, 7), publicBaseUrl: "https://partners.example" }, reads: () => reads, writes: () => writes, failing, sent };
}

const message = { kind: "sendInvitationEmail", partnerTenantId: partner, relationshipId: "rel-1", sendNumber: 1 } as const;

describe("sendInvitationEmail", () => {
  it("reads the relationship once and records the email with the version it read", async () => {
    const world = new InMemoryWorld();
    pendingInvitation(world);
    const handler = handlerPorts(world);
    const outcome = await sendInvitationEmail(handler.ports, message);
    expect(outcome.kind).toBe("sent");
    expect(handler.sent).toHaveLength(1);
    expect(handler.reads()).toBe(1);
    expect(world.relationship().invitation?.lastSentNumber).toBe(1);
    expect(world.auditActions()).toEqual(["invitationEmailSent"]);
  });

  it("reads again and records once when the relationship changed while the email was going out", async () => {
    const world = new InMemoryWorld();
    pendingInvitation(world);
    const handler = handlerPorts(world, () => world.edit("rel-1", (document) => ({ ...document, displayName: "Renamed meanwhile" })));
    await sendInvitationEmail(handler.ports, message);
    const stored = world.relationship();
    expect(stored.displayName).toBe("Renamed meanwhile");
    expect(stored.invitation?.lastSentNumber).toBe(1);
    expect(handler.reads()).toBe(2);
    expect(world.auditActions()).toEqual(["invitationEmailSent"]);
  });

  it("records the email with one write: the audit record is written beside it, so no outbox is left to clear", async () => {
    const world = new InMemoryWorld();
    pendingInvitation(world);
    const handler = handlerPorts(world);
    await sendInvitationEmail(handler.ports, message);
    expect(handler.writes()).toBe(1);
    expect(world.relationship().outbox).toEqual([]);
    expect(world.relationship().outboxSince).toBeUndefined();
  });

  it("ends with one email, one audit record and the send recorded when the write failed after the email went out", async () => {
    const world = new InMemoryWorld();
    pendingInvitation(world);
    const handler = handlerPorts(world);
    handler.failing.nextWrite = true;
    await expect(sendInvitationEmail(handler.ports, message)).rejects.toThrow("died");
    expect(world.relationship().invitation?.lastSentNumber).toBeUndefined();
    // The queue delivers the message again: the same operation id (the email service keeps one email), nothing twice.
    await sendInvitationEmail(handler.ports, message);
    expect(handler.sent.map((email) => email.operationId)).toEqual([handler.sent[0]?.operationId, handler.sent[0]?.operationId]);
    expect(world.relationship().invitation?.lastSentNumber).toBe(1);
    expect(world.auditActions()).toEqual(["invitationEmailSent"]);
    expect(world.relationship().outbox).toEqual([]);
  });

  it("reads again before recording when the version it read still had outbox entries (their clearing is on its way)", async () => {
    const world = new InMemoryWorld();
    world.add(
      relationship({
        status: "approvalPending",
        invitation: { nonce: "n", tokenHash: "h", expiresDateTime: "2027-04-01T00:00:00.000Z", sendCount: 1 },
        outbox: [{ id: "rel-1:1:publish:0", kind: "publish", message }],
        outboxSince: "2027-01-03T09:59:59.000Z"
      })
    );
    const handler = handlerPorts(world);
    await sendInvitationEmail(handler.ports, message);
    expect(handler.reads()).toBe(2);
    expect(world.relationship().invitation?.lastSentNumber).toBe(1);
  });
});
