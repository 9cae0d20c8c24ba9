import { randomUUID } from "node:crypto";
import type { ServiceBusClient } from "@azure/service-bus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, customerGlobalAdmin, demoPartnerTenants, roles, tokenFor, tokenOfLink } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { operationIds } from "../../../shared/email/operation-id";
import {
  deadLettered,
  emailsWithLink,
  invite,
  invocationsOf,
  partnerToken,
  sendRaw,
  serviceBus,
  sleep,
  changeWithFreshEtag,
  type Created
} from "./emails-kit";

const invitationEmails = "invitation-emails";

describe("invitation emails through the queue, the real email server and the mailbox", () => {
  let runtime: LocalRuntime;
  let bus: ServiceBusClient;
  let partner: string;
  const partnerTenantId = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    bus = serviceBus(runtime);
    partner = await partnerToken(runtime, partnerTenantId);
  });
  afterAll(async () => {
    await bus?.close();
    await runtime?.stop();
  });

  const oneEmailFor = async (created: Created) => {
    await expect
      .poll(async () => (await emailsWithLink(runtime, created.invitationLink)).length, {
        timeout: 10_000,
        interval: 200
      })
      .toBeGreaterThanOrEqual(1);
    return emailsWithLink(runtime, created.invitationLink);
  };

  it("emails the customer admin within seconds: the partner in the subject, each role and the link in the HTML; the link opens the invitation", async () => {
    const adminEmail = `admin-${randomUUID().slice(0, 8)}@customer.example`;
    const created = await invite(runtime, partner, { customer: { adminEmail } });
    const [email, ...more] = await oneEmailFor(created);
    expect(more).toHaveLength(0);
    expect(email?.to).toEqual([adminEmail]);
    expect(email?.subject).toContain("Contoso Cloud Partners");
    expect(email?.subject).toContain(created.displayName);
    for (const role of ["Helpdesk Administrator", "User Administrator"]) expect(email?.html).toContain(role);
    expect(email?.html).toContain(`href="${created.invitationLink}"`);
    expect(email?.text).toContain(created.invitationLink);
    expect(email?.text).not.toMatch(/<\/?[a-z]/i);
    // The mailbox shows the operation id the product derived for this send, the one a redelivery repeats.
    expect(email?.operationId).toBe(operationIds.invitation(created.id, 1));

    // The link in the email is the invitation: a signed-in customer admin opens it.
    const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}/.exec(email?.text ?? "")?.[0] as string;
    expect(link).toBe(created.invitationLink);
    const customer = await tokenFor(runtime, customerGlobalAdmin(randomUUID()));
    const opened = await call<{ id?: string; displayName?: string }>(
      runtime,
      "GET",
      `/api/invitations/${tokenOfLink(link)}`,
      { token: customer }
    );
    expect(opened.status).toBe(200);
    expect(opened.body.displayName).toBe(created.displayName);

    // Recorded on the relationship (and so audited), without revealing anything new.
    const read = await call<{ invitation: { lastSentDateTime?: string } }>(
      runtime,
      "GET",
      `/api/relationships/${created.id}`,
      { token: partner }
    );
    expect(read.body.invitation.lastSentDateTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The token is never logged.
    expect(runtime.output()).not.toContain(tokenOfLink(link));
  });

  it("escapes a partner name and a relationship name that are HTML", async () => {
    const attack = "<img src=x onerror=alert(1)>";
    const otherTenant = demoPartnerTenants[1];
    const otherPartner = await partnerToken(runtime, otherTenant);
    const profile = await call(runtime, "PUT", "/api/partner-profile", {
      token: otherPartner,
      body: {
        name: attack,
        industries: [],
        locations: [],
        partnerTypes: ["partnerWithGdap"],
        contactEmail: "team@fabrikam-it.example"
      }
    });
    expect(profile.status).toBe(200);
    const created = await invite(runtime, otherPartner, { displayName: attack });
    const [email] = await oneEmailFor(created);
    expect(email?.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(email?.html).not.toContain("<img");
    expect(email?.subject).toContain(attack); // a subject is text, shown as text
  });

  it("sends one email when the same message arrives three times (the API's and two more, straight onto the queue)", async () => {
    const created = await invite(runtime, partner);
    const body = { kind: "sendInvitationEmail", partnerTenantId, relationshipId: created.id, sendNumber: 1 };
    await sendRaw(bus, invitationEmails, body, `dup-a-${created.id}`);
    await sendRaw(bus, invitationEmails, body, `dup-b-${created.id}`);
    await oneEmailFor(created);
    // All three are handled (completed), and still there is one email.
    await expect
      .poll(
        () =>
          ["dup-a", "dup-b"].every(
            (p) => invocationsOf(runtime, "processInvitationEmails", `${p}-${created.id}`).length > 0
          ),
        { timeout: 10_000 }
      )
      .toBe(true);
    await sleep(1_000);
    expect(await emailsWithLink(runtime, created.invitationLink)).toHaveLength(1);
    const receiver = bus.createReceiver(invitationEmails);
    expect(
      (await receiver.peekMessages(50)).filter(
        (m) => (m.body as { relationshipId?: string }).relationshipId === created.id
      )
    ).toHaveLength(0);
    await receiver.close();
  });

  it("sends a second email with the same link on resend", async () => {
    const created = await invite(runtime, partner);
    await oneEmailFor(created);
    const resent = await call(runtime, "POST", `/api/relationships/${created.id}/resend`, { token: partner });
    expect(resent.status).toBe(202);
    await expect
      .poll(async () => (await emailsWithLink(runtime, created.invitationLink)).length, { timeout: 10_000 })
      .toBe(2);
    await sleep(500);
    expect(await emailsWithLink(runtime, created.invitationLink)).toHaveLength(2);
  });

  it("sends nothing for an invitation cancelled before its message is handled", async () => {
    const created = await invite(runtime, partner);
    await oneEmailFor(created);
    // Recording the send (and then clearing its outbox) moves the relationship's ETag; a client re-reads on 412.
    const cancelled = await changeWithFreshEtag(
      runtime,
      partner,
      "DELETE",
      `/api/relationships/${created.id}`,
      `/api/relationships/${created.id}`
    );
    expect(cancelled.status).toBeLessThan(300);
    const messageId = `after-cancel-${created.id}`;
    await sendRaw(
      bus,
      invitationEmails,
      { kind: "sendInvitationEmail", partnerTenantId, relationshipId: created.id, sendNumber: 2 },
      messageId
    );
    await expect
      .poll(() => invocationsOf(runtime, "processInvitationEmails", messageId).length, { timeout: 10_000 })
      .toBe(1);
    expect(invocationsOf(runtime, "processInvitationEmails", messageId)[0]).toMatchObject({
      outcome: "succeeded",
      settlement: "by handler"
    });
    expect(await emailsWithLink(runtime, created.invitationLink)).toHaveLength(1);
  });

  it("dead-letters an invalid message at once with reason InvalidPayload", async () => {
    const messageId = `invalid-${randomUUID()}`;
    await sendRaw(bus, invitationEmails, { kind: "sendInvitationEmail", relationshipId: "", sendNumber: 0 }, messageId);
    const dead = await deadLettered(bus, invitationEmails, messageId);
    expect(dead?.deadLetterReason).toBe("InvalidPayload");
    expect(invocationsOf(runtime, "processInvitationEmails", messageId).map((e) => e.deliveryCount)).toEqual([1]);
  });

  it("dead-letters a message naming an unknown relationship at once with reason NotFound", async () => {
    const messageId = `unknown-${randomUUID()}`;
    await sendRaw(
      bus,
      invitationEmails,
      { kind: "sendInvitationEmail", partnerTenantId, relationshipId: randomUUID(), sendNumber: 1 },
      messageId
    );
    const dead = await deadLettered(bus, invitationEmails, messageId);
    expect(dead?.deadLetterReason).toBe("NotFound");
    expect(invocationsOf(runtime, "processInvitationEmails", messageId).map((e) => e.deliveryCount)).toEqual([1]);
  });

  it("dead-letters at once a send number the relationship never asked for (SendNotRequested), so later resends still go out", async () => {
    const created = await invite(runtime, partner);
    await oneEmailFor(created);
    const messageId = `not-requested-${created.id}`;
    await sendRaw(
      bus,
      invitationEmails,
      { kind: "sendInvitationEmail", partnerTenantId, relationshipId: created.id, sendNumber: 7 },
      messageId
    );
    expect((await deadLettered(bus, invitationEmails, messageId))?.deadLetterReason).toBe("SendNotRequested");
    expect((await call(runtime, "POST", `/api/relationships/${created.id}/resend`, { token: partner })).status).toBe(
      202
    );
    await expect
      .poll(async () => (await emailsWithLink(runtime, created.invitationLink)).length, { timeout: 10_000 })
      .toBe(2);
  });

  it("lists every role of an advisor invitation (Global Administrator included) in the email", async () => {
    const created = await invite(runtime, partner, {
      partnerType: "advisor",
      accessDetails: {
        unifiedRoles: [
          { roleDefinitionId: roles.globalAdministrator },
          { roleDefinitionId: roles.helpdeskAdministrator }
        ]
      }
    });
    const [email] = await oneEmailFor(created);
    expect(email?.html).toContain("Global Administrator");
    expect(email?.html).toContain("Helpdesk Administrator");
    expect(email?.html).toContain("Advisor");
  });
});
