/**
 * An invitation link is a bearer secret for the customer's consent: whoever holds it can open the invitation. Only
 * a Partner.Admin of the partner that owns the invitation is shown it, on the page (`?created=<id>`) and in the
 * answer to creating it; no other page, list, status poll or read of the API carries it.
 */
import { approvedPartner } from "../../helpers/partners";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, partnerAdmin, partnerReader, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { get, invite, signIn, tenantStore } from "./pages-kit";

describe("who sees a live invitation link", () => {
  let runtime: LocalRuntime;
  let partner: string;
  let otherPartner: string;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    partner = randomUUID();
    otherPartner = randomUUID();
    await tenantStore(runtime).registerPartner(approvedPartner(partner, "Link Test Partner"));
    await tenantStore(runtime).registerPartner(approvedPartner(otherPartner, "Other Partner"));
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("shows the link on ?created=<id> to a Partner.Admin of the owning partner only", async () => {
    const { id, token } = await invite(runtime, partner);
    const admin = await signIn(runtime, { tenantId: partner, name: "Pat Admin", partnerAdmin: true });
    const shown = await get(runtime, `/partner/invitations?created=${id}`, admin);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(`/invitations/${token}</textarea>`);

    const reader = await signIn(runtime, { tenantId: partner, name: "Rita Reader" });
    const forReader = await get(runtime, `/partner/invitations?created=${id}`, reader);
    expect(forReader.status).toBe(200);
    expect(forReader.text).not.toContain(token);
    expect(forReader.text).not.toContain('id="invitation-link"');

    const stranger = await signIn(runtime, { tenantId: otherPartner, name: "Sam Stranger", partnerAdmin: true });
    const forStranger = await get(runtime, `/partner/invitations?created=${id}`, stranger);
    expect(forStranger.text).not.toContain(token);
  });

  it("never puts the link in the list, its status poll, or the API's reads, for a reader or an admin", async () => {
    const { id, token } = await invite(runtime, partner);
    for (const who of [{ name: "Rita Reader" }, { name: "Pat Admin", partnerAdmin: true }]) {
      const browser = await signIn(runtime, { tenantId: partner, ...who });
      for (const path of [
        "/partner/invitations",
        "/partner/invitations?format=json",
        `/partner/invitations?done=resend&id=${id}`
      ]) {
        const page = await get(runtime, path, browser);
        expect(page.status, path).toBe(200);
        expect(page.text, path).not.toContain(token);
      }
    }
    for (const claims of [partnerReader(partner), partnerAdmin(partner)]) {
      const bearer = await tokenFor(runtime, claims);
      const one = await call(runtime, "GET", `/api/relationships/${id}`, { token: bearer });
      expect(one.status).toBe(200);
      expect(one.text).not.toContain(token);
      expect(one.body).not.toHaveProperty("invitationLink");
      const list = await call(runtime, "GET", "/api/relationships", { token: bearer });
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(token);
    }
    const resent = await call(runtime, "POST", `/api/relationships/${id}/resend`, {
      token: await tokenFor(runtime, partnerAdmin(partner))
    });
    expect(resent.status).toBe(202);
    expect(resent.text).not.toContain(token);
  });
});
