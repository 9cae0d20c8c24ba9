import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, roles } from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";
import {
  acceptBody,
  customerToken,
  invite,
  messagesFor,
  partnerToken,
  startApiRuntime,
  type Problem,
  type Resource
} from "./customer-api";

// Issue 10, item 15: a customer whose accept succeeded but whose answer was lost (a crash, a dropped connection)
// retries with the same link, and must see its success, not the dead-link 404 everyone else gets.
describe("customer API: answering an invitation again", () => {
  let runtime: LocalRuntime;
  let partner: string;
  let unknownLink404: unknown;
  const partnerTenantId = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startApiRuntime();
    partner = await partnerToken(runtime, partnerTenantId);
    const someone = await customerToken(runtime, randomUUID(), [roles.globalAdministrator]);
    unknownLink404 = (
      await call(runtime, "POST", `/api/invitations/${"u".repeat(43)}/accept`, { token: someone, body: acceptBody })
    ).body;
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const getInvitation = (token: string, userToken: string) =>
    call<Resource & Problem>(runtime, "GET", `/api/invitations/${token}`, { token: userToken });
  const accept = (token: string, userToken: string, headers: Record<string, string> = {}) =>
    call<Resource & Problem>(runtime, "POST", `/api/invitations/${token}/accept`, {
      token: userToken,
      body: acceptBody,
      headers
    });
  const decline = (token: string, userToken: string) =>
    call<Resource & Problem>(runtime, "POST", `/api/invitations/${token}/decline`, { token: userToken });
  const acceptances = async (id: string, userToken: string) => {
    const detail = await call<{ history: { action: string }[] }>(runtime, "GET", `/api/customer/relationships/${id}`, {
      token: userToken
    });
    return detail.body.history.filter((entry) => entry.action === "invitationAccepted").length;
  };

  it("answers the same customer's second accept with 200 and the accepted relationship, writing and queuing nothing more", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner);
    const ga = await customerToken(runtime, customer, [roles.globalAdministrator]);
    const shown = await getInvitation(sent.token, ga);
    const first = await accept(sent.token, ga, { "if-match": shown.headers.get("etag") as string });
    expect(first.status).toBe(200);

    // The retry carries what the first attempt carried, its If-Match included.
    const again = await accept(sent.token, ga, { "if-match": shown.headers.get("etag") as string });

    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      id: sent.id,
      status: first.body.status,
      customer: { tenantId: customer },
      acceptance: first.body.acceptance
    });
    expect(again.headers.get("location")).toBe(`/api/customer/relationships/${sent.id}`);
    expect(await messagesFor(runtime, "role-grants", sent.id, 2)).toHaveLength(1);
    expect(await acceptances(sent.id, ga)).toBe(1);
  });

  it("answers another admin of the same customer the same way, and shows it the invitation as accepted", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner);
    const first = await customerToken(runtime, customer, [roles.globalAdministrator]);
    const colleague = await customerToken(runtime, customer, [roles.globalAdministrator]);
    expect((await accept(sent.token, first)).status).toBe(200);

    expect((await accept(sent.token, colleague)).body).toMatchObject({ id: sent.id, customer: { tenantId: customer } });
    const shown = await getInvitation(sent.token, colleague);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id: sent.id, status: "approved", callerMayAccept: false });
  });

  it("still answers every other tenant with the one dead-link 404, for GET, accept and decline", async () => {
    const sent = await invite(runtime, partner);
    expect(
      (await accept(sent.token, await customerToken(runtime, randomUUID(), [roles.globalAdministrator]))).status
    ).toBe(200);
    const stranger = await customerToken(runtime, randomUUID(), [roles.globalAdministrator]);

    for (const response of [
      await accept(sent.token, stranger),
      await getInvitation(sent.token, stranger),
      await decline(sent.token, stranger)
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(unknownLink404);
    }
  });

  it("still asks the retrying user for the role accepting needs (403)", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner);
    expect((await accept(sent.token, await customerToken(runtime, customer, [roles.globalAdministrator]))).status).toBe(
      200
    );
    const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);

    const refused = await accept(sent.token, billing);

    expect(refused.status).toBe(403);
    expect(refused.body.requiredRole).toEqual({ id: roles.globalAdministrator, displayName: "Global Administrator" });
  });

  it("answers a decline retried by the same customer with 200 and the declined relationship; accepting it then is a 409", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner);
    const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);
    const ga = await customerToken(runtime, customer, [roles.globalAdministrator]);
    expect((await decline(sent.token, billing)).status).toBe(200);

    const again = await decline(sent.token, billing);

    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: sent.id, status: "declined", customer: { tenantId: customer } });
    expect((await getInvitation(sent.token, billing)).body).toMatchObject({ id: sent.id, status: "declined" });
    const contrary = await accept(sent.token, ga);
    expect(contrary.status).toBe(409);
    expect(contrary.body.detail).toContain("declined");
    expect(
      (await call<Resource>(runtime, "GET", `/api/relationships/${sent.id}`, { token: partner })).body.status
    ).toBe("declined");
  });

  it("refuses to decline what the same customer accepted (409), and changes nothing", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner);
    const ga = await customerToken(runtime, customer, [roles.globalAdministrator]);
    expect((await accept(sent.token, ga)).status).toBe(200);

    const contrary = await decline(sent.token, ga);

    expect(contrary.status).toBe(409);
    expect(contrary.body.detail).toContain("accepted");
    expect(
      (await call<Resource>(runtime, "GET", `/api/relationships/${sent.id}`, { token: partner })).body.status
    ).toBe("approved");
  });

  it("makes two accepts racing from the same customer both succeed, with one acceptance recorded", async () => {
    const customer = randomUUID();
    const sent = await invite(runtime, partner);
    const ga = await customerToken(runtime, customer, [roles.globalAdministrator]);

    const both = await Promise.all([accept(sent.token, ga), accept(sent.token, ga)]);

    expect(both.map((response) => response.status)).toEqual([200, 200]);
    expect(await acceptances(sent.id, ga)).toBe(1);
  });
});
