/**
 * Partner onboarding through the real local runtime: a tenant applies, an operator approves or rejects, and only
 * an approved partner invites; display names are unique across partners by skeleton and stay away from reserved
 * names; operators are the Operator app role in the operator's tenant only; and the customer sees who the partner
 * is (legal name, tenant id, verified domain) on the accept page and in the invitation email.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoOperator } from "../../../local/demo-data";
import {
  call,
  customerGlobalAdmin,
  demoPartnerTenants,
  gdapInvitation,
  partnerAdmin,
  roles,
  tokenFor,
  tokenOfLink,
  type ApiResponse
} from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { mailbox } from "../async/emails-kit";
import { eventually, get, mainText, signIn } from "../pages/pages-kit";

type Problem = { status: number; errors?: { field: string; message: string }[]; requiredRole?: { id: string } };
type Application = {
  tenantId: string;
  status: string;
  legalName: string;
  displayName: string;
  decision?: { status: string; reason?: string };
  partner?: { status: string };
};
type OperatorApplication = Application & {
  history: { action: string; actor: { userId?: string; displayName?: string } }[];
  decision?: { status: string; reason?: string; operator: { userId: string } };
};

const contactRequest = {
  location: "Norway",
  contact: { name: "Ada Customer", email: "ada@tailspin.example" },
  organisationName: "Tailspin Toys",
  organisationSize: "50-249",
  industry: "Healthcare",
  businessNeeds: "Help with device management."
};
const suffix = () => randomUUID().slice(0, 6).replace(/[0-9]/g, "x");

function application(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    legalName: `${name} Consulting Ltd`,
    partnerId: "1234567",
    verifiedDomain: `${name.toLowerCase().replace(/[^a-z]+/g, "-")}.example`,
    contact: { name: "Ada Admin", email: "ada@partner.example", phone: "+44 20 7946 0000" },
    displayName: name,
    ...overrides
  };
}

describe("partner onboarding", () => {
  let runtime: LocalRuntime;
  let operatorToken: string;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    operatorToken = await tokenFor(runtime, {
      tenantId: demoOperator.tenantId,
      roles: ["Operator"],
      name: "Olga Operator"
    });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const globalAdmin = (tenantId: string) =>
    tokenFor(runtime, { tenantId, wids: [roles.globalAdministrator], name: "Gail Global" });
  const fieldsOf = (response: ApiResponse<Problem>) => (response.body.errors ?? []).map((error) => error.field).sort();
  const apply = async (tenantId: string, body: Record<string, unknown>) =>
    call<Application & Problem>(runtime, "POST", "/api/partner-application", {
      token: await globalAdmin(tenantId),
      body
    });
  const decide = (tenantId: string, action: "approve" | "reject", body?: unknown, token = operatorToken) =>
    call<OperatorApplication & Problem>(runtime, "POST", `/api/operator/partner-applications/${tenantId}/${action}`, {
      token,
      body
    });
  const inviteAs = async (tenantId: string) =>
    call<{ id: string; invitationLink: string } & Problem>(runtime, "POST", "/api/relationships", {
      token: await tokenFor(runtime, partnerAdmin(tenantId)),
      body: gdapInvitation()
    });

  async function approvedPartner(name: string): Promise<string> {
    const tenantId = randomUUID();
    expect((await apply(tenantId, application(name))).status).toBe(202);
    expect((await decide(tenantId, "approve")).status).toBe(200);
    return tenantId;
  }

  it("applies, and only once an operator approves may the tenant invite", async () => {
    const tenantId = randomUUID();
    const name = `Adventure Works ${suffix()}`;
    const applied = await apply(tenantId, application(name));
    expect(applied.status).toBe(202);
    expect(applied.body).toMatchObject({
      tenantId,
      status: "inReview",
      legalName: `${name} Consulting Ltd`,
      displayName: name
    });
    expect((await inviteAs(tenantId)).status).toBe(403);

    const listed = await call<{ value: OperatorApplication[] }>(
      runtime,
      "GET",
      "/api/operator/partner-applications?status=inReview&$top=100",
      { token: operatorToken }
    );
    expect(listed.status).toBe(200);
    expect(listed.body.value.map((item) => item.tenantId)).toContain(tenantId);

    const approved = await decide(tenantId, "approve");
    expect(approved.status).toBe(200);
    expect(approved.body.decision).toMatchObject({ status: "approved", operator: { userId: expect.any(String) } });
    expect(approved.body.history.map((event) => event.action)).toEqual(["submitted", "approved"]);
    expect(approved.body.history[1]?.actor.displayName).toBe("Olga Operator");

    const invited = await inviteAs(tenantId);
    expect(invited.status).toBe(201);
    const own = await call<Application>(runtime, "GET", "/api/partner-application", {
      token: await globalAdmin(tenantId)
    });
    expect(own.body).toMatchObject({ status: "approved", partner: { status: "approved" } });
  });

  it("lets only a tenant admin apply: a Global Administrator or a Partner.Admin, not an ordinary user", async () => {
    const tenantId = randomUUID();
    const body = application(`Bellows College ${suffix()}`);
    expect((await call(runtime, "POST", "/api/partner-application", { body })).status).toBe(401);
    const ordinary = await call<Problem>(runtime, "POST", "/api/partner-application", {
      token: await tokenFor(runtime, { tenantId, wids: [roles.helpdeskAdministrator] }),
      body
    });
    expect(ordinary.status).toBe(403);
    expect(ordinary.body.requiredRole?.id).toBe(roles.globalAdministrator);
    expect(
      (
        await call(runtime, "POST", "/api/partner-application", {
          token: await tokenFor(runtime, partnerAdmin(tenantId)),
          body
        })
      ).status
    ).toBe(202);
  });

  it("answers 400 naming every bad field, and stores nothing", async () => {
    const tenantId = randomUUID();
    const bad = await apply(
      tenantId,
      application("Trey Research", {
        partnerId: "MPN-1",
        verifiedDomain: "not a domain",
        contact: { name: "", email: "nope" },
        displayName: "MICROSOFT support",
        extra: 1
      })
    );
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(["contact.email", "contact.name", "extra"]);
    const meaning = await apply(
      tenantId,
      application("Trey Research", {
        partnerId: "MPN-1",
        verifiedDomain: "not a domain",
        displayName: "MICROSOFT support"
      })
    );
    expect(meaning.status).toBe(400);
    expect(fieldsOf(meaning)).toEqual(["displayName", "partnerId", "verifiedDomain"]);
    for (const displayName of ["Місrosoft", "Ｍｉｃｒｏｓｏｆｔ Partner Services", "Security team"]) {
      expect(fieldsOf(await apply(tenantId, application("Trey Research", { displayName })))).toEqual(["displayName"]);
    }
    expect(
      (await call(runtime, "GET", "/api/partner-application", { token: await globalAdmin(tenantId) })).status
    ).toBe(404);
  });

  it("refuses a second tenant a look-alike of an existing partner's name (409), at application and on profile rename", async () => {
    // The demo partner "Contoso Cloud Partners" holds its name.
    const lookAlike = await apply(randomUUID(), application("CONTOSO  Cl0ud-Partners"));
    expect(lookAlike.status).toBe(409);
    expect(fieldsOf(lookAlike)).toEqual(["displayName"]);

    const other = await approvedPartner(`Wingtip Toys ${suffix()}`);
    const rename = (name: string) =>
      tokenFor(runtime, partnerAdmin(other)).then((token) =>
        call<Problem>(runtime, "PUT", "/api/partner-profile", {
          token,
          body: {
            name,
            industries: [],
            locations: [],
            partnerTypes: ["reseller"],
            contactEmail: "hello@wingtip.example"
          }
        })
      );
    expect((await rename("Contoso Cloud Partners")).status).toBe(409);
    expect(fieldsOf(await rename("Contoso Cloud Partners"))).toEqual(["name"]);
    const reserved = await rename("Місrosoft Support");
    expect(reserved.status).toBe(400);
    expect(fieldsOf(reserved)).toEqual(["name"]);
    expect((await rename(`Wingtip Toys Renamed ${suffix()}`)).status).toBe(200);
  });

  it("rejects with a reason the applicant sees; the tenant may apply again", async () => {
    const tenantId = randomUUID();
    const name = `Lucerne Publishing ${suffix()}`;
    await apply(tenantId, application(name));
    expect((await decide(tenantId, "reject", {})).status).toBe(400);
    const rejected = await decide(tenantId, "reject", {
      reason: "The domain lucerne.example is not verified in your tenant."
    });
    expect(rejected.status).toBe(200);
    const seen = await call<Application>(runtime, "GET", "/api/partner-application", {
      token: await globalAdmin(tenantId)
    });
    expect(seen.body).toMatchObject({
      status: "rejected",
      decision: { status: "rejected", reason: "The domain lucerne.example is not verified in your tenant." }
    });
    expect(JSON.stringify(seen.body)).not.toContain("Olga");
    expect((await inviteAs(tenantId)).status).toBe(403);
    expect((await decide(tenantId, "approve")).status).toBe(409);

    const again = await apply(tenantId, application(name, { verifiedDomain: "lucernepublishing.example" }));
    expect(again.status).toBe(202);
    expect(again.body.status).toBe("inReview");
  });

  it("keeps the operator routes to operators: the Operator role in the operator's tenant only", async () => {
    const tenantId = randomUUID();
    await apply(tenantId, application(`Proseware ${suffix()}`));
    const paths = [
      "/api/operator/partner-applications",
      `/api/operator/partner-applications/${tenantId}`,
      "/api/operator/partners"
    ];
    const foreignOperator = await tokenFor(runtime, { tenantId: randomUUID(), roles: ["Operator"] });
    const operatorTenantUser = await tokenFor(runtime, {
      tenantId: demoOperator.tenantId,
      roles: ["Partner.Admin"],
      wids: [roles.globalAdministrator]
    });
    const applicant = await globalAdmin(tenantId);
    for (const path of paths) {
      expect((await call(runtime, "GET", path)).status).toBe(401);
      for (const token of [foreignOperator, operatorTenantUser, applicant]) {
        const refused = await call<Problem>(runtime, "GET", path, { token });
        expect({ path, status: refused.status, role: refused.body.requiredRole?.id }).toEqual({
          path,
          status: 403,
          role: "Operator"
        });
      }
    }
    for (const token of [foreignOperator, applicant]) {
      expect((await decide(tenantId, "approve", undefined, token)).status).toBe(403);
      expect(
        (
          await call(runtime, "POST", `/api/operator/partners/${demoPartnerTenants[0]}/suspend`, {
            token,
            body: { reason: "x" }
          })
        ).status
      ).toBe(403);
    }
    expect(
      (
        await call<OperatorApplication>(runtime, "GET", `/api/operator/partner-applications/${tenantId}`, {
          token: operatorToken
        })
      ).body.status
    ).toBe("inReview");
  });

  it("shows each tenant only its own application", async () => {
    const first = randomUUID();
    const second = randomUUID();
    await apply(first, application(`Litware ${suffix()}`));
    const own = await call<Application>(runtime, "GET", "/api/partner-application", {
      token: await globalAdmin(first)
    });
    expect(own.body.tenantId).toBe(first);
    const other = await call<Problem>(runtime, "GET", "/api/partner-application", { token: await globalAdmin(second) });
    expect(other.status).toBe(404);
    expect(other.text).not.toContain(first);
    expect(other.text).not.toContain("Litware");
    // An update from the second tenant creates its own application; the first one's is untouched.
    await apply(second, application(`Margie Travel ${suffix()}`));
    expect(
      (await call<Application>(runtime, "GET", "/api/partner-application", { token: await globalAdmin(first) })).body
        .displayName
    ).toMatch(/^Litware/);
  });

  it("suspends a partner: no new invitations or resends, its relationships continue; reinstating restores inviting", async () => {
    const tenantId = await approvedPartner(`Humongous Insurance ${suffix()}`);
    const created = await inviteAs(tenantId);
    expect(created.status).toBe(201);
    const suspended = await call<{ status: string }>(runtime, "POST", `/api/operator/partners/${tenantId}/suspend`, {
      token: operatorToken,
      body: { reason: "Customers reported phishing." }
    });
    expect(suspended.body.status).toBe("suspended");

    const partnerToken = await tokenFor(runtime, partnerAdmin(tenantId));
    const refused = await inviteAs(tenantId);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("suspended");
    expect(
      (await call(runtime, "POST", `/api/relationships/${created.body.id}/resend`, { token: partnerToken })).status
    ).toBe(403);
    expect((await call(runtime, "GET", `/api/relationships/${created.body.id}`, { token: partnerToken })).status).toBe(
      200
    );
    expect(
      (
        await call(runtime, "DELETE", `/api/relationships/${created.body.id}`, {
          token: partnerToken,
          headers: { "if-match": "*" }
        })
      ).status
    ).toBe(204);
    const listed = await call<{ value: { tenantId: string }[] }>(
      runtime,
      "GET",
      "/api/operator/partners?status=suspended&$top=100",
      { token: operatorToken }
    );
    expect(listed.body.value.map((partner) => partner.tenantId)).toContain(tenantId);

    expect(
      (await call(runtime, "POST", `/api/operator/partners/${tenantId}/reinstate`, { token: operatorToken, body: {} }))
        .status
    ).toBe(200);
    expect((await inviteAs(tenantId)).status).toBe(201);
  });

  it("takes a suspended partner out of Contact me as well as the directory, API and page, until it is reinstated", async () => {
    const name = `Lamna Healthcare ${suffix()}`;
    const tenantId = await approvedPartner(name);
    const profile = {
      name,
      industries: ["Healthcare"],
      locations: ["Norway"],
      partnerTypes: ["reseller"],
      contactEmail: "sales@lamna.example"
    };
    expect(
      (
        await call(runtime, "PUT", "/api/partner-profile", {
          token: await tokenFor(runtime, partnerAdmin(tenantId)),
          body: profile
        })
      ).status
    ).toBe(200);
    const contact = () => call(runtime, "POST", `/api/partners/${tenantId}/contact`, { body: contactRequest });
    expect((await contact()).status).toBe(202);

    expect(
      (
        await call(runtime, "POST", `/api/operator/partners/${tenantId}/suspend`, {
          token: operatorToken,
          body: { reason: "Under review." }
        })
      ).status
    ).toBe(200);
    expect((await contact()).status).toBe(404);
    const browser = await signIn(runtime, { tenantId: randomUUID(), wids: [] });
    expect((await get(runtime, `/partners/${tenantId}/contact`, browser)).status).toBe(404);

    expect(
      (await call(runtime, "POST", `/api/operator/partners/${tenantId}/reinstate`, { token: operatorToken, body: {} }))
        .status
    ).toBe(200);
    expect((await contact()).status).toBe(202);
  });

  it("shows the customer who the partner is on the accept page and in the invitation email", async () => {
    const name = `Alpine Ski House ${suffix()}`;
    const tenantId = await approvedPartner(name);
    const domain = `${name.toLowerCase().replace(/[^a-z]+/g, "-")}.example`;
    const customer = randomUUID();
    const invited = await call<{ invitationLink: string }>(runtime, "POST", "/api/relationships", {
      token: await tokenFor(runtime, partnerAdmin(tenantId)),
      body: gdapInvitation({ customer: { adminEmail: "admin@customer.example", tenantId: customer } })
    });
    expect(invited.status).toBe(201);

    const browser = await signIn(runtime, { tenantId: customer, wids: [roles.globalAdministrator] });
    const page = mainText(
      (await get(runtime, `/invitations/${tokenOfLink(invited.body.invitationLink)}`, browser)).text
    );
    expect(page).toContain(`Legal name ${name} Consulting Ltd`);
    expect(page).toContain(`Verified domain ${domain}`);
    expect(page).toContain(`Partner tenant id ${tenantId}`);

    const api = await call<{ partner: Record<string, string> }>(
      runtime,
      "GET",
      `/api/invitations/${tokenOfLink(invited.body.invitationLink)}`,
      { token: await tokenFor(runtime, customerGlobalAdmin(customer)) }
    );
    expect(api.body.partner).toEqual({
      tenantId,
      displayName: name,
      legalName: `${name} Consulting Ltd`,
      verifiedDomain: domain
    });

    const emails = await eventually(
      async () => (await mailbox(runtime)).filter((mail) => mail.text.includes(invited.body.invitationLink)),
      (found) => found.length > 0
    );
    expect(emails).toHaveLength(1);
    const email = emails[0] as { text: string; html: string };
    expect(email.text).toContain(`Partner's legal name: ${name} Consulting Ltd`);
    expect(email.text).toContain(`Partner's verified domain: ${domain}`);
    expect(email.text).toContain(`Partner's tenant id: ${tenantId}`);
    expect(email.html).toContain(`${name} Consulting Ltd`);
  });
});
