/**
 * Ids in routes and queries as a hostile client sends them (issue 10, item 2): `a/b`, a space, `\`, `#` and other
 * strings the Cosmos DB SDK refuses on the client side. Every id is checked at the edge — a 400 naming it in the
 * API, a "not found" page in the pages — and never reaches the SDK, so nothing answers 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  customerGlobalAdmin,
  demoPartnerTenants,
  gdapInvitation,
  partnerAdmin,
  tokenFor
} from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { csrfOf, get, post, signIn, wids, type Browser } from "../pages/pages-kit";

type Problem = { status: number; errors?: { field: string; message: string }[] };

/** As they appear in a URL path segment or query value. */
const hostileIds = [
  "a%2Fb",
  "%20",
  "a%20",
  "a%5Cb",
  "a%23b",
  "a%3Fb",
  "..%2F..",
  "%E2%80%AE",
  "x".repeat(300),
  "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a0",
  "{7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01}"
];

describe("ids at the edge: checked before any store sees them", () => {
  let runtime: LocalRuntime;
  let partner: string;
  let customer: string;
  let partnerBrowser: Browser;
  let customerBrowser: Browser;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    partner = await tokenFor(runtime, partnerAdmin(demoPartnerTenants[0]));
    const customerTenant = "0f0e0d0c-0b0a-4909-8807-060504030201";
    customer = await tokenFor(runtime, customerGlobalAdmin(customerTenant));
    partnerBrowser = await signIn(runtime, { tenantId: demoPartnerTenants[0], partnerAdmin: true });
    customerBrowser = await signIn(runtime, { tenantId: customerTenant, wids: [wids.globalAdministrator] });
    expect((await call(runtime, "POST", "/api/relationships", { token: partner, body: gdapInvitation() })).status).toBe(
      201
    );
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const partnerRoutes = [
    { method: "GET", path: (id: string) => `/api/relationships/${id}` },
    { method: "PATCH", path: (id: string) => `/api/relationships/${id}`, body: { autoExtendDuration: "PT0S" } },
    { method: "DELETE", path: (id: string) => `/api/relationships/${id}` },
    { method: "POST", path: (id: string) => `/api/relationships/${id}/terminate` },
    { method: "POST", path: (id: string) => `/api/relationships/${id}/resend` }
  ];
  const customerRoutes = [
    { method: "GET", path: (id: string) => `/api/customer/relationships/${id}` },
    { method: "POST", path: (id: string) => `/api/customer/relationships/${id}/remove-roles` },
    { method: "POST", path: (id: string) => `/api/customer/relationships/${id}/terminate` }
  ];

  it("answers a relationship id that is not a GUID with a 400 naming id, on every partner route", async () => {
    for (const route of partnerRoutes) {
      for (const id of hostileIds) {
        const response = await call<Problem>(runtime, route.method, route.path(id), {
          token: partner,
          headers: { "if-match": '"x"' },
          ...(route.body ? { body: route.body } : {})
        });
        expect(response.status, `${route.method} ${route.path(id)}`).toBe(400);
        expect(
          response.body.errors?.map((e) => e.field),
          `${route.method} ${route.path(id)}`
        ).toEqual(["id"]);
      }
    }
  });

  it("answers it with a 400 naming id on every customer route too", async () => {
    for (const route of customerRoutes) {
      for (const id of hostileIds) {
        const response = await call<Problem>(runtime, route.method, route.path(id), { token: customer });
        expect(response.status, `${route.method} ${route.path(id)}`).toBe(400);
        expect(
          response.body.errors?.map((e) => e.field),
          `${route.method} ${route.path(id)}`
        ).toEqual(["id"]);
      }
    }
  });

  it("answers a customer tenant id that is not a GUID on the MPSA purchase routes with a 400 naming it, or a not-found page", async () => {
    const csrf = csrfOf((await get(runtime, "/partner/invitations", partnerBrowser)).text);
    for (const id of hostileIds) {
      for (const method of ["GET", "POST"]) {
        const response = await call<Problem>(runtime, method, `/api/partner/customers/${id}/purchases`, {
          token: partner,
          ...(method === "POST" ? { body: {} } : {})
        });
        expect(response.status, `${method} ${id}`).toBe(400);
        expect(
          response.body.errors?.map((e) => e.field),
          `${method} ${id}`
        ).toEqual(["customerTenantId"]);
      }
      expect((await get(runtime, `/partner/customers/${id}/purchases`, partnerBrowser)).status, id).toBe(404);
      expect((await post(runtime, `/partner/customers/${id}/purchases`, partnerBrowser, { csrf })).status, id).toBe(
        404
      );
    }
  });

  it("answers a customerTenantId filter that is not a GUID with a 400 naming it", async () => {
    const response = await call<Problem>(runtime, "GET", "/api/relationships?customerTenantId=a%2Fb", {
      token: partner
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((e) => e.field)).toEqual(["customerTenantId"]);
  });

  it("answers a partner id that is not a GUID in Contact me with a 400 (API) or a not-found page", async () => {
    for (const id of hostileIds) {
      const api = await call<Problem>(runtime, "POST", `/api/partners/${id}/contact`, { body: {} });
      expect(api.status, id).toBe(400);
      expect(
        api.body.errors?.map((e) => e.field),
        id
      ).toContain("id");
      expect((await get(runtime, `/partners/${id}/contact`, customerBrowser)).status, id).toBe(404);
    }
  });

  it("shows the partner's invitations page, ignoring created= or id= that are not ids", async () => {
    for (const id of hostileIds) {
      for (const query of [`created=${id}`, `done=resend&id=${id}`, `id=${id}&done=cancel`]) {
        const response = await get(runtime, `/partner/invitations?${query}`, partnerBrowser);
        expect(response.status, query).toBe(200);
        expect(response.text, query).toContain("Invitations");
      }
    }
  });

  it("answers a row action on an id that is not a GUID with a not-found page", async () => {
    const csrf = csrfOf((await get(runtime, "/partner/invitations", partnerBrowser)).text);
    for (const id of hostileIds) {
      expect((await post(runtime, `/partner/invitations/${id}/resend`, partnerBrowser, { csrf })).status, id).toBe(404);
      expect((await get(runtime, `/partner/invitations/${id}`, partnerBrowser)).status, id).toBe(303);
    }
  });

  it("answers the customer's relationship pages with a not-found page for an id that is not a GUID", async () => {
    for (const id of hostileIds) {
      for (const path of [
        `/partner-relationships/${id}`,
        `/partner-relationships/${id}/remove-roles`,
        `/partner-relationships/${id}/terminate`
      ]) {
        expect((await get(runtime, path, customerBrowser)).status, path).toBe(404);
      }
      expect((await get(runtime, `/partner-relationships/${id}/status`, customerBrowser)).status, id).toBe(404);
    }
  });
});
