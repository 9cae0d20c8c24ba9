/**
 * The invitation email handler on in-memory ports: what it reads and writes per email (issue 13: a handler does not
 * read twice what it already holds), and that the write it saves a read on is still guarded by the ETag it read.
 */
import { describe, expect, it } from "vitest";
import type { OutgoingEmail } from "../../../shared/email/email-sender";
import { sendInvitationEmail } from "../../../shared/use-cases/send-invitation-email";
import { InMemoryWorld, partner, relationship } from "../access/in-memory-ports";

function pendingInvitation(world: InMemoryWorld): void {
  world.add(relationship({ status: "approvalPending", invitation: { nonce: "n", tokenHash: "h", expiresDateTime: "2027-04-01T00:00:00.000Z", sendCount: 1 } }));
}

function handlerPorts(world: InMemoryWorld, onSend: (email: OutgoingEmail) => void = () => undefined) {
  const ports = world.ports();
  let reads = 0;
  const get = ports.store.get.bind(ports.store);
  const store = { ...ports.store, get: (partnerTenantId: string, id: string) => ((reads += 1), get(partnerTenantId, id)) };
  const sent: OutgoingEmail[] = [];
  const emailSender = { send: async (email: OutgoingEmail) => void (sent.push(email), onSend(email)) };
  return { ports: { ...ports, store, emailSender, linkTokenSecret: Buffer.alloc(32, 7), publicBaseUrl: "https://partners.example" }, reads: () => reads, sent };
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
});
