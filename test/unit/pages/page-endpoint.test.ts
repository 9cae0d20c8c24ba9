import { HttpRequest, InvocationContext, type HttpResponseInit } from "@azure/functions";
import { describe, expect, it } from "vitest";
import type { Principal } from "../../../shared/auth/principal";
import type { TokenVerifier } from "../../../shared/auth/token-verifier";
import { AuthenticationError, ForbiddenError, NotFoundError, TransientError } from "../../../shared/errors";
import { html } from "../../../shared/pages/html";
import { pagesWith, type PageHandler, type PageSettings } from "../../../shared/pages/page-endpoint";
import type { Services } from "../../../shared/services";
import { pageJson } from "../../../shared/pages/page-response";

const principal: Principal = {
  tenantId: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01",
  userId: "11111111-1111-4111-8111-111111111111",
  displayName: "Bill <Billing>",
  directoryRoles: ["b0f54661-2d74-4c50-afa3-1ec803f12efe"],
  appRoles: []
};

/** An unsigned JWT shape: the fake verifier below decides, the page only decodes `iat` after it. */
const goodToken = `e30.${Buffer.from(JSON.stringify({ iat: 1_767_225_600 })).toString("base64url")}.sig`;

const verifier: TokenVerifier = {
  async verify(header) {
    if (header === `Bearer ${goodToken}`) return principal;
    if (header === "Bearer outage.x.y") throw new TransientError("keys unavailable");
    throw new AuthenticationError("bad token");
  }
};

function settings(easyAuthEnabled = false): () => PageSettings {
  return () => ({
    easyAuthEnabled,
    signInUrl: easyAuthEnabled ? "/.auth/login/aad" : "/dev/sign-in",
    signOutUrl: easyAuthEnabled ? "/.auth/logout" : "/dev/sign-out",
    tokenVerifier: verifier,
    linkTokenSecret: Buffer.alloc(32, 1),
    publicBaseUrl: "https://partners.example"
  });
}

// These tests hand the settings in; a page that read the services would fail loudly.
const { page, pageData } = pagesWith(() => {
  throw new Error("no services in these tests");
});

const context = () =>
  new InvocationContext({ invocationId: "inv-1", functionName: "test", logHandler: () => undefined });

async function run(
  handler: PageHandler,
  request: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
  easyAuth = false
): Promise<HttpResponseInit & { headers: Record<string, string> }> {
  const httpRequest = new HttpRequest({
    method: request.method ?? "GET",
    url: `https://partners.example${request.path ?? "/partner-relationships"}`,
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: { string: request.body } })
  });
  const response = await page(handler, settings(easyAuth))(httpRequest, context());
  return response as HttpResponseInit & { headers: Record<string, string> };
}

const signedIn = { cookie: `other=1; pr_session=${goodToken}` };
const requireAndRender: PageHandler = async (ctx) => {
  const session = await ctx.requireSession();
  return ctx.render({ title: "Partner relationships", body: html`<h1>Hello ${session.principal.displayName}</h1>` });
};

describe("page()", () => {
  it("renders inside the layout with the security headers, escaping the signed-in user's name", async () => {
    const response = await run(requireAndRender, { headers: signedIn });
    expect(response.status).toBe(200);
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain("<h1>Hello Bill &lt;Billing&gt;</h1>");
    expect(response.body).toContain('<main id="main" tabindex="-1">');
    expect(response.body).toContain('<a href="/partner-relationships" aria-current="page">Partner relationships</a>');
  });

  it("redirects to the dev sign-in page, or to Easy Auth's login, with the page to come back to", async () => {
    const local = await run(requireAndRender, { path: "/partner-relationships?x=1" });
    expect(local.status).toBe(303);
    expect(local.headers.location).toBe("/dev/sign-in?returnTo=%2Fpartner-relationships%3Fx%3D1");
    expect(local.headers["x-frame-options"]).toBe("DENY");
    const easy = await run(requireAndRender, { path: "/partner-relationships" }, true);
    expect(easy.headers.location).toBe("/.auth/login/aad?post_login_redirect_uri=%2Fpartner-relationships");
    const expired = await run(requireAndRender, { headers: { cookie: "pr_session=expired.x.y" } });
    expect(expired.status).toBe(303);
  });

  it("never names another host as the page to come back to, for the dev sign-in page or Easy Auth", async () => {
    for (const path of ["//evil.example/x", "/.//evil.example", "/x/../..//evil.example/y"]) {
      expect((await run(requireAndRender, { path })).headers.location, path).toBe("/dev/sign-in?returnTo=%2F");
      expect((await run(requireAndRender, { path }, true)).headers.location, path).toBe(
        "/.auth/login/aad?post_login_redirect_uri=%2F"
      );
    }
  });

  it("answers a missing role with who is signed in, the roles held and the role needed", async () => {
    const response = await run(
      async (ctx) => {
        await ctx.requireSession();
        throw new ForbiddenError("Removing a partner's admin roles needs at least a Billing Administrator.", {
          id: "x",
          displayName: "Global Administrator"
        });
      },
      { headers: signedIn }
    );
    expect(response.status).toBe(403);
    expect(response.body).toContain(
      "You are signed in as <strong>Bill &lt;Billing&gt;</strong> with <strong>Billing Administrator</strong>."
    );
    expect(response.body).toContain("This needs a Global Administrator.");
    expect(response.body).toContain(
      'href="/dev/sign-out?returnTo=%2Fdev%2Fsign-in%3FreturnTo%3D%252Fpartner-relationships"'
    );
  });

  it("turns named errors into plain pages with their status, and anything else into a 500 naming only the invocation", async () => {
    const notFound = await run(async () => {
      throw new NotFoundError("No such relationship.");
    }, {});
    expect(notFound.status).toBe(404);
    expect(notFound.body).toContain("No such relationship.");
    const outage = await run(requireAndRender, { headers: { cookie: "pr_session=outage.x.y" } });
    expect(outage.status).toBe(503);
    const boom = await run(async () => {
      throw new Error("secret detail");
    }, {});
    expect(boom.status).toBe(500);
    expect(boom.body).not.toContain("secret detail");
    expect(boom.body).toContain("inv-1");
    expect(boom.headers["content-security-policy"]).toBeDefined();
  });

  it("reads a POST's form only from this site, signed in, with the session's CSRF token", async () => {
    let token = "";
    await run(
      async (ctx) => {
        token = (await ctx.requireSession()).csrfToken;
        return ctx.render({ title: "x", body: html`` });
      },
      { headers: signedIn }
    );
    const handler: PageHandler = async (ctx) => {
      const { form } = await ctx.readForm();
      return pageJson({ value: form.get("value") });
    };
    const form = { "content-type": "application/x-www-form-urlencoded", ...signedIn };
    const ok = await run(handler, {
      method: "POST",
      headers: { ...form, origin: "https://partners.example" },
      body: `csrf=${token}&value=1`
    });
    expect(ok.jsonBody).toEqual({ value: "1" });
    expect((await run(handler, { method: "POST", headers: form, body: "value=1" })).status).toBe(403);
    expect(
      (
        await run(handler, {
          method: "POST",
          headers: { ...form, origin: "https://evil.example" },
          body: `csrf=${token}`
        })
      ).status
    ).toBe(403);
    expect(
      (await run(handler, { method: "POST", headers: { ...signedIn, "content-type": "application/json" }, body: "{}" }))
        .status
    ).toBe(400);
    const signedOut = await run(handler, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `csrf=${token}`
    });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe("/dev/sign-in?returnTo=%2F");
  });
});

describe("pageData()", () => {
  it("answers JSON errors: 401 when signed out, the use case's status otherwise", async () => {
    const handler: PageHandler = async (ctx) => {
      await ctx.requireSession();
      throw new NotFoundError("No such relationship.");
    };
    const request = (headers: Record<string, string>) =>
      new HttpRequest({ method: "GET", url: "https://partners.example/partner-relationships/x/status", headers });
    const signedOut = await pageData(handler, settings())(request({}), context());
    expect(signedOut).toMatchObject({ status: 401, jsonBody: { error: "Sign in again." } });
    const missing = await pageData(handler, settings())(request(signedIn), context());
    expect(missing).toMatchObject({ status: 404, jsonBody: { error: "No such relationship." } });
  });
});

describe("pagesWith()", () => {
  it("hands the handler the bound services, looked up only when the handler reads them", async () => {
    const bound = { publicBaseUrl: "https://partners.example" } as unknown as Services;
    let lookups = 0;
    const wired = pagesWith(() => {
      lookups++;
      return bound;
    });
    const request = () => new HttpRequest({ method: "GET", url: "https://partners.example/x" });
    const untouched = await wired.page(async () => pageJson({ ok: true }), settings())(request(), context());
    expect(untouched.status).toBe(200);
    expect(lookups).toBe(0);
    const reading = (await wired.pageData(
      async (ctx) => pageJson({ same: ctx.services === bound, base: ctx.services.publicBaseUrl }),
      settings()
    )(request(), context())) as HttpResponseInit;
    expect(reading.jsonBody).toEqual({ same: true, base: "https://partners.example" });
    expect(lookups).toBe(2);
  });
});
