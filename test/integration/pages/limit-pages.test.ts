import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newAdminEmail } from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { lowLimits, moveToNextDay, newPartner, nextDay, nextHour } from "../api/limits-kit";
import { csrfOf, get, hiddenField, invite, mainText, post, signIn, type Browser } from "./pages-kit";

const helpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";

describe("pages: when a limit is reached, the page says when to try again", () => {
  let runtime: LocalRuntime;
  let now: Date;

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      env: { ...queueConsumersDisabled, ...lowLimits },
      args: ["--timers", "manual"]
    });
    now = await moveToNextDay(runtime, 1);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  /** "at 01:00 UTC" on the day of `at`, as the pages write times (UTC, 24-hour clock). */
  const timeText = (at: Date) =>
    new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "UTC",
      timeZoneName: "short"
    }).format(at);

  async function invitationForm(partner: Browser): Promise<Record<string, string>> {
    const page = await get(runtime, "/partner/invitations", partner);
    expect(page.status).toBe(200);
    return {
      csrf: csrfOf(page.text),
      idempotencyKey: hiddenField(page.text, "idempotencyKey"),
      displayName: `Page limits ${Math.random().toString(36).slice(2, 8)}`,
      partnerType: "partnerWithGdap",
      adminEmail: newAdminEmail(),
      role: helpdeskAdministrator,
      durationDays: "365"
    };
  }

  it("keeps the partner's filled-in invitation form and says when the partner can send again (429 with Retry-After)", async () => {
    const tenantId = await newPartner(runtime);
    const partner = await signIn(runtime, { tenantId, partnerAdmin: true });
    for (let n = 0; n < 3; n += 1)
      expect((await post(runtime, "/partner/invitations", partner, await invitationForm(partner))).status).toBe(303);
    const form = await invitationForm(partner);
    const refused = await post(runtime, "/partner/invitations", partner, form);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const text = mainText(refused.text);
    expect(text).toContain("Your organisation can send at most 3 invitations an hour.");
    expect(text).toContain(`You can try again at ${timeText(nextHour(now))}.`);
    expect(refused.text).toContain(`<time datetime="${nextHour(now).toISOString()}"`);
    // What the partner typed is still there, to send once the hour is over.
    expect(refused.text).toContain(`value="${form.displayName}"`);
  });

  it("says when a refused resend can be tried again", async () => {
    const tenantId = await newPartner(runtime);
    const partner = await signIn(runtime, { tenantId, partnerAdmin: true });
    const { id } = await invite(runtime, tenantId);
    const resend = async () =>
      post(runtime, `/partner/invitations/${id}/resend`, partner, {
        csrf: csrfOf((await get(runtime, "/partner/invitations", partner)).text)
      });
    expect([(await resend()).status, (await resend()).status]).toEqual([303, 303]);
    const refused = await resend();
    expect(refused.status).toBe(429);
    expect(mainText(refused.text)).toContain(
      `An invitation can be resent at most 2 times a day. You can try again at ${timeText(nextDay(now))}.`
    );
  });

  it("tells a customer on Contact me when to try again, and keeps what they typed", async () => {
    const partnerId = await newPartner(runtime, "Try Later Partners");
    const customer = await signIn(runtime, { tenantId: randomUUID(), wids: [] });
    const path = `/partners/${partnerId}/contact`;
    const fields = async () => ({
      csrf: csrfOf((await get(runtime, path, customer)).text),
      location: "United Kingdom",
      contactName: "Ada",
      email: "ada@tailspin.example",
      organisationName: "Tailspin Toys",
      organisationSize: "50-249",
      industry: "Retail",
      businessNeeds: "Licensing for 80 stores."
    });
    for (let n = 0; n < 3; n += 1) expect((await post(runtime, path, customer, await fields())).status).toBe(303);
    const refused = await post(runtime, path, customer, await fields());
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(mainText(refused.text)).toContain(
      `You can send at most 3 contact requests an hour. You can try again at ${timeText(nextHour(now))}.`
    );
    expect(refused.text).toContain("Licensing for 80 stores.");
  });
});
