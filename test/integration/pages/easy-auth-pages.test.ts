import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentAgreement } from "../../../shared/domain/agreement";
import { demoPartnerTenants } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { csrfOf, get, hiddenField, invite, mainText, post, signIn, wids } from "./pages-kit";

/** The header App Service authentication sets for a signed-in Entra user. */
function clientPrincipal(claims: Record<string, string | readonly string[]>): Record<string, string> {
  const list = Object.entries(claims).flatMap(([typ, value]) =>
    (Array.isArray(value) ? value : [value]).map((val: string) => ({ typ, val }))
  );
  const principal = {
    auth_typ: "aad",
    claims: list,
    name_typ: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
    role_typ: "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"
  };
  return { "x-ms-client-principal": Buffer.from(JSON.stringify(principal)).toString("base64") };
}

describe("pages behind Easy Auth (EASY_AUTH_ENABLED=true)", () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      env: { EASY_AUTH_ENABLED: "true", SIGN_IN_URL: "/.auth/login/aad", SIGN_OUT_URL: "/.auth/logout" }
    });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("sends a visitor without the principal header to Easy Auth's login with post_login_redirect_uri", async () => {
    const page = await get(runtime, "/partner-relationships?x=1");
    expect(page.status).toBe(303);
    expect(page.location).toBe(
      `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent("/partner-relationships?x=1")}`
    );
  });

  it("reads tenant, user, name, directory roles and app roles from the header, and signs out through /.auth/logout", async () => {
    const headers = clientPrincipal({
      "http://schemas.microsoft.com/identity/claims/tenantid": randomUUID().toUpperCase(),
      "http://schemas.microsoft.com/identity/claims/objectidentifier": randomUUID(),
      name: "Eve Easy",
      wids: [wids.billingAdministrator, wids.helpdeskAdministrator],
      iat: "1767225600"
    });
    const page = await get(runtime, "/partner-relationships", undefined, headers);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<span class="account__name">Eve Easy</span>');
    expect(page.text).toContain('href="/.auth/logout?post_logout_redirect_uri=%2F"');
    const home = await get(runtime, "/", undefined, headers);
    expect(mainText(home.text)).toContain(
      "You are signed in as Eve Easy with Billing Administrator and Helpdesk Administrator."
    );
  });

  it("accepts an invitation with the header's principal and its CSRF token, and ignores a dev session cookie", async () => {
    const customer = randomUUID();
    const headers = clientPrincipal({
      tid: customer,
      oid: randomUUID(),
      name: "Gina GA",
      wids: wids.globalAdministrator
    });
    const { id, token } = await invite(runtime, demoPartnerTenants[0]);
    const page = await get(runtime, `/invitations/${token}`, undefined, headers);
    expect(page.status).toBe(200);
    const fields = {
      csrf: csrfOf(page.text),
      agreementVersion: currentAgreement.version,
      terms: hiddenField(page.text, "terms"),
      acknowledged: "yes"
    };
    const accepted = await post(runtime, `/invitations/${token}/accept`, undefined, fields, headers);
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe(`/partner-relationships?accepted=${id}`);

    const cookieOnly = await signIn(runtime, { tenantId: customer, wids: [wids.globalAdministrator] });
    expect((await get(runtime, "/partner-relationships", cookieOnly)).status).toBe(303);
  });

  it("treats a malformed header, or one without tenant and user ids, as signed out", async () => {
    for (const header of [
      "%%%",
      Buffer.from("{}").toString("base64"),
      clientPrincipal({ tid: "not-a-guid", oid: randomUUID() })["x-ms-client-principal"] as string
    ]) {
      expect((await get(runtime, "/customer-agreement", undefined, { "x-ms-client-principal": header })).status).toBe(
        303
      );
    }
  });
});
