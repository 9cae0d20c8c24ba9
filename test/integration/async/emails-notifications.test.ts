import { randomUUID } from "node:crypto";
import type { ServiceBusClient } from "@azure/service-bus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentAgreement } from "../../../shared/domain/agreement";
import { call, customerGlobalAdmin, demoPartnerTenants, tokenFor, tokenOfLink } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import {
  deadLettered,
  invite,
  invocationsOf,
  mailbox,
  partnerToken,
  sendRaw,
  serviceBus,
  sleep,
  until,
  changeWithFreshEtag,
  type Created,
  type MailSummary
} from "./emails-kit";

const notifications = "notifications";
const contosoContact = "hello@contoso-partners.example";
const northwindContact = "sales@northwind-licensing.example";
const attack = "<img src=x onerror=alert(1)>";

describe("notification emails: Contact me and relationship notices", () => {
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

  const mailsTo = async (address: string, about: string): Promise<MailSummary[]> =>
    (await mailbox(runtime)).filter(
      (mail) => mail.to.includes(address) && (mail.subject.includes(about) || mail.text.includes(about))
    );
  const handled = (messageId: string) =>
    expect
      .poll(() => invocationsOf(runtime, "processNotifications", messageId).length, { timeout: 10_000 })
      .toBeGreaterThan(0);

  /** An accepted, active relationship (the grants handler activates it) ending in `duration`. */
  async function activeRelationship(
    duration: string
  ): Promise<{ created: Created; adminEmail: string; customer: string }> {
    const adminEmail = `admin-${randomUUID().slice(0, 8)}@customer.example`;
    const created = await invite(runtime, partner, { customer: { adminEmail }, duration });
    const customer = await tokenFor(runtime, customerGlobalAdmin(randomUUID()));
    const accepted = await call(runtime, "POST", `/api/invitations/${tokenOfLink(created.invitationLink)}/accept`, {
      token: customer,
      body: { agreementVersion: currentAgreement.version, acknowledged: true }
    });
    expect(accepted.status).toBeLessThan(300);
    await until(
      () => call<Created>(runtime, "GET", `/api/relationships/${created.id}`, { token: partner }),
      (read) => read.body.status === "active"
    );
    return { created, adminEmail, customer };
  }

  it("emails a Contact me request to the partner's contact address once, every field it shows escaped", async () => {
    const organisation = `Tailspin <b>Toys</b> ${randomUUID().slice(0, 6)}`;
    const response = await call<{ id: string }>(runtime, "POST", `/api/partners/${demoPartnerTenants[2]}/contact`, {
      body: {
        location: "United Kingdom",
        contact: { name: attack, email: "jo@tailspin.example", phone: "+44 20 7946 0000" },
        organisationName: organisation,
        organisationSize: "50-249",
        industry: "Retail",
        businessNeeds: "Intune roll-out.\n<script>alert(1)</script>"
      }
    });
    expect(response.status).toBe(202);
    await expect.poll(async () => (await mailsTo(northwindContact, organisation)).length, { timeout: 10_000 }).toBe(1);
    const [email] = await mailsTo(northwindContact, organisation);
    expect(email?.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(email?.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(email?.html).not.toMatch(/<img|<script|<b>/);
    for (const detail of [
      "jo@tailspin.example",
      "+44 20 7946 0000",
      "United Kingdom",
      "50-249",
      "Retail",
      "Intune roll-out."
    ])
      expect(email?.text).toContain(detail);

    // The same message again (a redelivery): nothing new.
    const messageId = `contact-again-${response.body.id}`;
    await sendRaw(
      bus,
      notifications,
      { kind: "contactPartner", partnerTenantId: demoPartnerTenants[2], contactRequestId: response.body.id },
      messageId
    );
    await handled(messageId);
    await sleep(500);
    expect(await mailsTo(northwindContact, organisation)).toHaveLength(1);
  });

  it("sends an expiry notice once to the partner and once to the customer, even when it comes twice, and audits each email", async () => {
    const { created, adminEmail, customer } = await activeRelationship("P30D");
    const notice = { kind: "relationshipNotice", partnerTenantId, relationshipId: created.id, notice: "expiry30" };
    await sendRaw(bus, notifications, notice, `expiry30-a-${created.id}`);
    await sendRaw(bus, notifications, notice, `expiry30-b-${created.id}`);
    await handled(`expiry30-a-${created.id}`);
    await handled(`expiry30-b-${created.id}`);
    const toPartner = await mailsTo(contosoContact, created.displayName);
    const toCustomer = await mailsTo(adminEmail, created.displayName);
    expect(toPartner.filter((mail) => mail.subject.includes("ends in 30 days"))).toHaveLength(1);
    expect(toCustomer.filter((mail) => mail.subject.includes("ends in 30 days"))).toHaveLength(1);
    expect(toCustomer.find((mail) => mail.subject.includes("ends in 30 days"))?.subject).toContain(
      "Contoso Cloud Partners"
    );

    const detail = await call<{ history: { action: string }[] }>(
      runtime,
      "GET",
      `/api/customer/relationships/${created.id}`,
      { token: customer }
    );
    const actions = detail.body.history.map((entry) => entry.action);
    expect(actions.filter((action) => action === "invitationEmailSent")).toHaveLength(1);
    expect(actions.filter((action) => action === "noticeEmailSent:expiry30:partner")).toHaveLength(1);
    expect(actions.filter((action) => action === "noticeEmailSent:expiry30:customer")).toHaveLength(1);
  });

  it("sends nothing for a notice that no longer fits: '7 days left' while the end is 30 days away", async () => {
    const { created, adminEmail } = await activeRelationship("P30D");
    const messageId = `expiry7-${created.id}`;
    await sendRaw(
      bus,
      notifications,
      { kind: "relationshipNotice", partnerTenantId, relationshipId: created.id, notice: "expiry7" },
      messageId
    );
    await handled(messageId);
    expect(invocationsOf(runtime, "processNotifications", messageId)[0]).toMatchObject({ outcome: "succeeded" });
    expect(
      (await mailsTo(adminEmail, created.displayName)).filter((mail) => mail.subject.includes("7 days"))
    ).toHaveLength(0);
  });

  it("tells both sides that the partner terminated the relationship", async () => {
    const { created, adminEmail } = await activeRelationship("P90D");
    const terminated = await changeWithFreshEtag(
      runtime,
      partner,
      "POST",
      `/api/relationships/${created.id}/terminate`,
      `/api/relationships/${created.id}`
    );
    expect(terminated.status).toBeLessThan(300);
    await sendRaw(
      bus,
      notifications,
      { kind: "relationshipNotice", partnerTenantId, relationshipId: created.id, notice: "terminated" },
      `terminated-${created.id}`
    );
    await expect
      .poll(
        async () =>
          (await mailsTo(adminEmail, created.displayName)).filter((mail) => mail.subject.includes("was terminated"))
            .length,
        { timeout: 10_000 }
      )
      .toBe(1);
    const [toCustomer] = (await mailsTo(adminEmail, created.displayName)).filter((mail) =>
      mail.subject.includes("was terminated")
    );
    expect(toCustomer?.text).toContain("terminated by Contoso Cloud Partners");
    await expect
      .poll(
        async () =>
          (await mailsTo(contosoContact, created.displayName)).filter((mail) => mail.subject.includes("was terminated"))
            .length,
        { timeout: 10_000 }
      )
      .toBe(1);
  });

  it("dead-letters a notice about an unknown relationship (NotFound) and a malformed one (InvalidPayload) at once", async () => {
    const unknown = `notice-unknown-${randomUUID()}`;
    await sendRaw(
      bus,
      notifications,
      { kind: "relationshipNotice", partnerTenantId, relationshipId: randomUUID(), notice: "expiry7" },
      unknown
    );
    expect((await deadLettered(bus, notifications, unknown))?.deadLetterReason).toBe("NotFound");
    const malformed = `notice-malformed-${randomUUID()}`;
    await sendRaw(
      bus,
      notifications,
      { kind: "relationshipNotice", partnerTenantId, relationshipId: randomUUID(), notice: "expiry14" },
      malformed
    );
    expect((await deadLettered(bus, notifications, malformed))?.deadLetterReason).toBe("InvalidPayload");
    expect(invocationsOf(runtime, "processNotifications", unknown).map((e) => e.deliveryCount)).toEqual([1]);
    expect(invocationsOf(runtime, "processNotifications", malformed).map((e) => e.deliveryCount)).toEqual([1]);
  });
});
