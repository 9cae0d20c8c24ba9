import { CosmosClient } from "@azure/cosmos";
import { randomUUID } from "node:crypto";
import { Agent } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  customerGlobalAdmin,
  customerUser,
  demoPartnerTenants,
  partnerAdmin,
  partnerReader,
  roles,
  tokenFor
} from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { containerIds, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { CosmosTenantStore } from "../../../shared/cosmos/cosmos-tenant-store";

type Problem = { status: number; errors?: { field: string; message: string }[]; requiredRole?: { id: string } };
type Profile = {
  tenantId: string;
  name: string;
  website?: string;
  partnerTypes: string[];
  contactEmail: string;
  updatedDateTime: string;
};
type Capabilities = {
  customerTenantId: string;
  billingPages: { page: string; title: string; available: boolean; reason: string }[];
  domainSubscriptions: {
    requiredCustomerRoles: { id: string; displayName: string }[];
    reason: string;
    signedInUser: { allowed: boolean; reason?: string };
  };
};

const customerTenant = "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01";
const domainNameAdministrator = "8329153b-31d0-4727-b945-745eb3bc5f31";

function profileBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "Contoso Cloud & Security",
    website: "https://contoso-security.example",
    description: "Security operations and Microsoft 365 for mid-sized organisations.",
    industries: ["Healthcare", "Finance"],
    locations: ["United Kingdom"],
    partnerTypes: ["partnerWithGdap", "advisor"],
    contactEmail: "partners@contoso-security.example",
    ...overrides
  };
}

describe("the partner's directory profile and AOBO capabilities", () => {
  let runtime: LocalRuntime;
  const partner = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  /** Registered straight in the store, as the local runtime seeds demo partners (onboarding has its own tests). */
  function tenantStore(): CosmosTenantStore {
    const key = /AccountKey=([^;]+)/.exec(runtime.cosmos.connectionString)?.[1] ?? "";
    const client = new CosmosClient({
      endpoint: runtime.cosmos.endpoint,
      key,
      agent: new Agent({ rejectUnauthorized: false })
    });
    return new CosmosTenantStore(client.database(defaultDatabaseName).container(containerIds.tenants));
  }

  const fieldsOf = (response: { body: Problem }) => (response.body.errors ?? []).map((e) => e.field).sort();
  const put = async (token: string | undefined, body: unknown = profileBody()) =>
    call<Profile & Problem>(runtime, "PUT", "/api/partner-profile", { token, body });

  describe("PUT and GET /api/partner-profile", () => {
    it("needs a token (401), a registered partner tenant (403) and Partner.Admin (403)", async () => {
      const noToken = await put(undefined);
      expect(noToken.status).toBe(401);
      expect(noToken.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await put(await tokenFor(runtime, customerGlobalAdmin(customerTenant)))).status).toBe(403);
      const reader = await put(await tokenFor(runtime, partnerReader(partner)));
      expect(reader.status).toBe(403);
      expect(reader.body.requiredRole?.id).toBe("Partner.Admin");
    });

    it("saves a valid profile (200), the partner reads it back, and the directory shows the new name", async () => {
      const admin = await tokenFor(runtime, partnerAdmin(partner));
      const before = Date.now();
      const saved = await put(admin, profileBody({ industries: ["Healthcare", "Finance", "healthcare"] }));
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        tenantId: partner,
        name: "Contoso Cloud & Security",
        industries: ["Healthcare", "Finance"],
        contactEmail: "partners@contoso-security.example"
      });
      expect(Date.parse(saved.body.updatedDateTime)).toBeGreaterThanOrEqual(before - 5_000);

      const read = await call<Profile>(runtime, "GET", "/api/partner-profile", {
        token: await tokenFor(runtime, partnerReader(partner))
      });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(saved.body);

      const directory = await call<{ value: { id: string; name: string; industries: string[] }[] }>(
        runtime,
        "GET",
        "/api/partners?name=security"
      );
      expect(directory.body.value).toEqual([
        expect.objectContaining({
          id: partner,
          name: "Contoso Cloud & Security",
          industries: ["Healthcare", "Finance"]
        })
      ]);
      expect(directory.text).not.toContain("partners@contoso-security.example");
      expect(
        (await call<{ value: unknown[] }>(runtime, "GET", "/api/partners?industry=Finance")).body.value
      ).toHaveLength(1);
    });

    it("answers 400 naming every bad field", async () => {
      const admin = await tokenFor(runtime, partnerAdmin(partner));
      const response = await put(
        admin,
        profileBody({
          name: "",
          website: "http://insecure.example",
          description: "d".repeat(501),
          industries: Array.from({ length: 21 }, (_, i) => `Industry ${i}`),
          locations: ["l".repeat(61)],
          partnerTypes: ["wizard"],
          contactEmail: "nope",
          logo: "x"
        })
      );
      expect(response.status).toBe(400);
      expect(fieldsOf(response)).toEqual([
        "contactEmail",
        "description",
        "industries",
        "locations.0",
        "logo",
        "name",
        "partnerTypes.0",
        "website"
      ]);
      expect(fieldsOf(await put(admin, profileBody({ partnerTypes: [] })))).toEqual(["partnerTypes"]);
      expect(fieldsOf(await put(admin, profileBody({ contactEmail: undefined })))).toEqual(["contactEmail"]);
    });

    it("answers 404 to GET until a newly registered partner writes its profile, which then lists it", async () => {
      expect((await call(runtime, "GET", "/api/partner-profile")).status).toBe(401);
      const newcomer = randomUUID();
      await tenantStore().registerPartner({
        tenantId: newcomer,
        displayName: "Adventure Works Consulting",
        identity: {
          legalName: "Adventure Works Consulting Ltd",
          partnerId: "7654321",
          verifiedDomain: "adventure-works.example"
        },
        approval: { action: "approved", at: new Date().toISOString(), actor: { kind: "system", displayName: "test" } }
      });
      const reader = await tokenFor(runtime, partnerReader(newcomer));
      const missing = await call<Problem>(runtime, "GET", "/api/partner-profile", { token: reader });
      expect(missing.status).toBe(404);
      expect((await call<{ value: unknown[] }>(runtime, "GET", "/api/partners?name=adventure")).body.value).toEqual([]);

      const body = profileBody({
        name: "Adventure Works Consulting",
        website: undefined,
        description: undefined,
        partnerTypes: ["lineOfBusiness"]
      });
      expect((await put(await tokenFor(runtime, partnerAdmin(newcomer)), body)).status).toBe(200);
      expect((await call<Profile>(runtime, "GET", "/api/partner-profile", { token: reader })).body).toMatchObject({
        tenantId: newcomer,
        name: "Adventure Works Consulting"
      });
      const listed = await call<{ value: Record<string, unknown>[] }>(
        runtime,
        "GET",
        "/api/partners?partnerType=lineOfBusiness"
      );
      expect(listed.body.value).toEqual([
        {
          id: newcomer,
          name: "Adventure Works Consulting",
          industries: ["Healthcare", "Finance"],
          locations: ["United Kingdom"],
          partnerTypes: ["lineOfBusiness"]
        }
      ]);
    });
  });

  describe("GET /api/aobo/capabilities", () => {
    const capabilities = (token: string | undefined, query = `?customerTenantId=${customerTenant}`) =>
      call<Capabilities & Problem>(runtime, "GET", `/api/aobo/capabilities${query}`, { token });

    it("needs a token (401) and a GUID customerTenantId (400 naming it)", async () => {
      expect((await capabilities(undefined)).status).toBe(401);
      const token = await tokenFor(runtime, partnerReader(partner));
      const bad = await capabilities(token, "?customerTenantId=tailspin");
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(["customerTenantId"]);
      expect(fieldsOf(await capabilities(token, ""))).toEqual(["customerTenantId"]);
    });

    it("tells a partner user which billing pages are out of reach on behalf of a customer", async () => {
      const response = await capabilities(
        await tokenFor(runtime, partnerReader(partner)),
        `?customerTenantId=${customerTenant.toUpperCase()}`
      );
      expect(response.status).toBe(200);
      expect(response.body.customerTenantId).toBe(customerTenant);
      const pages = new Map(response.body.billingPages.map((page) => [page.title, page.available]));
      expect(pages.get("Purchase services")).toBe(false);
      expect(pages.get("Your products")).toBe(false);
      expect(pages.get("Bills & payments")).toBe(false);
      expect(pages.get("Licenses")).toBe(true);
      expect(pages.get("Billing notifications")).toBe(true);
      expect(response.body.domainSubscriptions.requiredCustomerRoles.map((role) => role.displayName)).toEqual([
        "Domain Name Administrator",
        "Billing Administrator"
      ]);
      expect(response.body.domainSubscriptions.signedInUser).toMatchObject({
        allowed: false,
        reason: expect.stringContaining("customer organisation")
      });
    });

    it("answers the domain-subscription rule for a customer account from its own roles", async () => {
      const both = await tokenFor(runtime, {
        tenantId: customerTenant,
        wids: [domainNameAdministrator, roles.billingAdministrator]
      });
      expect((await capabilities(both)).body.domainSubscriptions.signedInUser).toEqual({ allowed: true });
      const globalAdminOnly = await capabilities(await tokenFor(runtime, customerGlobalAdmin(customerTenant)));
      expect(globalAdminOnly.body.domainSubscriptions.signedInUser).toMatchObject({
        allowed: false,
        reason: expect.stringContaining("Domain Name Administrator")
      });
      const plainUser = await capabilities(await tokenFor(runtime, customerUser(customerTenant)));
      expect(plainUser.status).toBe(200);
      expect(plainUser.body.domainSubscriptions.signedInUser.allowed).toBe(false);
    });
  });
});
