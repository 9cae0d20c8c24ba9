/**
 * The phishing route of issue 10, item 7, as a customer would meet it: a partner naming itself after Microsoft or
 * after another partner, and a customer's admin who saw only that name. Written against the API and pages that
 * existed before onboarding, so it shows the hole and that it is closed.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  demoPartnerTenants,
  gdapInvitation,
  partnerAdmin,
  roles,
  tokenFor,
  tokenOfLink
} from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { mailbox } from "../async/emails-kit";
import { eventually, get, mainText, signIn } from "../pages/pages-kit";

type Problem = { errors?: { field: string }[] };

describe("trust in partners: a display name is not enough", () => {
  let runtime: LocalRuntime;
  const [contoso, fabrikam, northwind] = demoPartnerTenants;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const rename = async (tenantId: string, name: string) =>
    call<Problem>(runtime, "PUT", "/api/partner-profile", {
      token: await tokenFor(runtime, partnerAdmin(tenantId)),
      body: {
        name,
        industries: [],
        locations: [],
        partnerTypes: ["partnerWithGdap"],
        contactEmail: "team@partner.example"
      }
    });

  it("refuses a partner a name that reads as Microsoft's (400 naming the field)", async () => {
    for (const name of ["Місrosoft Support", "MICROSOFT support", "Ｍｉｃｒｏｓｏｆｔ"]) {
      const response = await rename(northwind, name);
      expect({ name, status: response.status, fields: response.body.errors?.map((error) => error.field) }).toEqual({
        name,
        status: 400,
        fields: ["name"]
      });
    }
  });

  it("refuses a partner a look-alike of another partner's name (409 naming the field)", async () => {
    const response = await rename(fabrikam, "CONTOSO Cl0ud-Partners");
    expect(response.status).toBe(409);
    expect(response.body.errors?.map((error) => error.field)).toEqual(["name"]);
  });

  it("shows the partner's legal name, tenant id and verified domain on the accept page and in the email", async () => {
    const customer = randomUUID();
    const created = await call<{ invitationLink: string }>(runtime, "POST", "/api/relationships", {
      token: await tokenFor(runtime, partnerAdmin(contoso)),
      body: gdapInvitation({ customer: { adminEmail: "admin@customer.example", tenantId: customer } })
    });
    expect(created.status).toBe(201);
    const admin = await signIn(runtime, { tenantId: customer, wids: [roles.globalAdministrator] });
    const page = mainText((await get(runtime, `/invitations/${tokenOfLink(created.body.invitationLink)}`, admin)).text);
    expect(page).toContain("Legal name Contoso Cloud Partners Ltd");
    expect(page).toContain("Verified domain contoso-partners.example");
    expect(page).toContain(`Partner tenant id ${contoso}`);

    const emails = await eventually(
      async () => (await mailbox(runtime)).filter((mail) => mail.text.includes(created.body.invitationLink)),
      (found) => found.length > 0
    );
    expect(emails[0]?.text).toContain("Partner's legal name: Contoso Cloud Partners Ltd");
    expect(emails[0]?.text).toContain(`Partner's tenant id: ${contoso}`);
  });

  it("gives a tenant a way to apply instead of being registered by hand", async () => {
    const applied = await call(runtime, "POST", "/api/partner-application", {
      token: await tokenFor(runtime, { tenantId: randomUUID(), wids: [roles.globalAdministrator] }),
      body: {
        legalName: "Trey Research Ltd",
        partnerId: "3456789",
        verifiedDomain: "treyresearch.example",
        contact: { name: "Tia", email: "tia@treyresearch.example" },
        displayName: "Trey Research"
      }
    });
    expect(applied.status).toBe(202);
  });
});
