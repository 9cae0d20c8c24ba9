import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, gdapInvitation } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { get, signIn } from "../pages/pages-kit";
import { emailsWithLink, failNextSends, invite, partnerToken, until } from "./emails-kit";

interface InvitationEmail {
  state: "sending" | "retrying" | "sent" | "failed";
  attempts?: number;
  lastError?: string;
  lastAttemptDateTime?: string;
  nextAttemptDateTime?: string;
  sentDateTime?: string;
}
type Read = { id: string; status: string; invitationEmail?: InvitationEmail; lastError?: unknown };

// Issue 10, item 13: during an email outage the partner saw nothing until the 10th attempt gave up (~14 minutes).
describe("the invitation email's state, from the first failure on", () => {
  let runtime: LocalRuntime;
  let partner: string;
  const partnerTenantId = demoPartnerTenants[2];

  beforeAll(async () => {
    // Retries at most 3 s apart, so a test waits seconds for the attempt after an outage.
    runtime = await startLocalRuntime({ env: { QUEUE_RETRY_MAX_DELAY_SECONDS: "3" } });
    partner = await partnerToken(runtime, partnerTenantId);
  });
  afterEach(async () => {
    await failNextSends(runtime, 0, 500);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const read = async (id: string) =>
    (await call<Read>(runtime, "GET", `/api/relationships/${id}`, { token: partner })).body;

  it("is sending when created, retrying with a safe last error and the next attempt after a failure, then sent", async () => {
    await failNextSends(runtime, 1_000, 500);
    const created = await invite(runtime, partner, { customer: { adminEmail: "outage-admin@customer.example" } });
    expect((created as Read).invitationEmail).toEqual({ state: "sending" });

    const retrying = await until(
      () => read(created.id),
      (body) => body.invitationEmail?.state === "retrying",
      30_000
    );
    const email = retrying.invitationEmail as InvitationEmail;
    expect(email.attempts).toBeGreaterThanOrEqual(1);
    expect(email.lastError).toMatch(/^The email service answered 500\b/);
    for (const secret of ["outage-admin", "customer.example", created.invitationLink, "<"])
      expect(email.lastError).not.toContain(secret);
    expect(Date.parse(email.nextAttemptDateTime as string)).toBeGreaterThan(
      Date.parse(email.lastAttemptDateTime as string)
    );
    expect(retrying.lastError).toBeUndefined();

    // The partner's page says so, and its live status JSON too.
    const browser = await signIn(runtime, { tenantId: partnerTenantId, partnerAdmin: true });
    const page = await get(runtime, "/partner/invitations", browser);
    expect(page.text).toMatch(
      /data-field="emailState"[^>]*>Email not sent yet: attempt \d+ failed \(The email service answered 500/
    );
    const live = JSON.parse((await get(runtime, "/partner/invitations?format=json", browser)).text) as {
      relationships: { id: string; emailState: string }[];
    };
    expect(live.relationships.find((row) => row.id === created.id)?.emailState).toMatch(
      /^Email not sent yet: attempt \d+ failed/
    );

    await failNextSends(runtime, 0, 500);
    const sent = await until(
      () => read(created.id),
      (body) => body.invitationEmail?.state === "sent",
      30_000
    );
    expect(sent.invitationEmail).toEqual({ state: "sent", sentDateTime: expect.any(String) });
    expect(await emailsWithLink(runtime, created.invitationLink)).toHaveLength(1);
  }, 90_000);

  it("leaves the ETag alone when the handler records the email: an If-Match read before it still matches, once", async () => {
    const created = await call<Read>(runtime, "POST", "/api/relationships", { token: partner, body: gdapInvitation() });
    expect(created.status).toBe(201);
    const etag = created.headers.get("etag") as string;
    await until(
      () => read(created.body.id),
      (body) => body.invitationEmail?.state === "sent",
      30_000
    );
    expect(
      (await call(runtime, "GET", `/api/relationships/${created.body.id}`, { token: partner })).headers.get("etag")
    ).toBe(etag);

    const patch = () =>
      call(runtime, "PATCH", `/api/relationships/${created.body.id}`, {
        token: partner,
        body: { autoExtendDuration: "PT0S" },
        headers: { "if-match": etag }
      });
    const changed = await patch();
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect((await patch()).status).toBe(412);
  }, 60_000);
});
