/**
 * Every non-public endpoint against every kind of caller: forged and stale tokens, other tenants, and customer
 * users with and without the admin roles the rules ask for. Each cell gets fresh data of its own, and no answer
 * to a caller outside the relationship may carry anything of it.
 */
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOrCreateSigningKey, type SigningKey } from "../../../local/dev-issuer/signing-key";
import {
  call,
  customerBillingAdmin,
  customerGlobalAdmin,
  customerUser,
  demoPartnerTenants,
  gdapInvitation,
  newAdminEmail,
  partnerAdmin,
  tokenFor,
  tokenOfLink
} from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

const principals = [
  "none",
  "expired",
  "wrongAudience",
  "wrongIssuer",
  "otherPartner",
  "otherCustomer",
  "customerUser",
  "billingAdmin",
  "globalAdmin"
] as const;
type PrincipalKind = (typeof principals)[number];
/** Callers of the relationship's own customer tenant: the only ones who may see it besides its partner. */
const insiders: readonly PrincipalKind[] = ["customerUser", "billingAdmin", "globalAdmin"];

interface Fixture {
  readonly relationshipId: string;
  readonly displayName: string;
  readonly token: string;
  readonly customerTenantId: string;
}

interface Endpoint {
  readonly name: string;
  /** pending: an invitation naming the customer; accepted: a relationship the customer accepted. */
  readonly state: "pending" | "accepted";
  readonly request: (fixture: Fixture) => {
    method: string;
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
  };
  readonly expected: Record<PrincipalKind, number>;
}

const unauthenticated = { none: 401, expired: 401, wrongAudience: 401, wrongIssuer: 401 } as const;
const partnerOnly = (otherPartner: number) => ({
  ...unauthenticated,
  otherPartner,
  otherCustomer: 403,
  customerUser: 403,
  billingAdmin: 403,
  globalAdmin: 403
});

describe("authorization matrix: every endpoint × every kind of caller", () => {
  let runtime: LocalRuntime;
  let key: SigningKey;
  let agreementVersion: string;
  const partner = demoPartnerTenants[0];

  beforeAll(async () => {
    // Every cell invites afresh for one partner: more invitations in an hour than its abuse limit allows.
    runtime = await startLocalRuntime({
      env: {
        ...queueConsumersDisabled,
        LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: "10000",
        LIMIT_INVITATIONS_PER_PARTNER_PER_DAY: "10000"
      }
    });
    key = await loadOrCreateSigningKey(runtime.dataDir);
    agreementVersion = ((await call<{ version: string }>(runtime, "GET", "/api/agreement")).body as { version: string })
      .version;
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  async function forged(
    claims: Record<string, unknown>,
    options: { issuer?: string; audience?: string; expiresIn?: number } = {}
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const tenant = String(claims.tid);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: key.kid })
      .setIssuer(options.issuer ?? `${runtime.url}/dev/issuer/${tenant}/v2.0`)
      .setAudience(options.audience ?? "api://partner-relationships")
      .setIssuedAt(now - 7200)
      .setNotBefore(now - 7200)
      .setExpirationTime(now + (options.expiresIn ?? 3600))
      .sign(key.privateKey);
  }

  async function tokenOf(kind: PrincipalKind, customerTenantId: string): Promise<string | undefined> {
    const partnerClaims = { tid: partner, oid: randomUUID(), roles: ["Partner.Admin"] };
    switch (kind) {
      case "none":
        return undefined;
      case "expired":
        return forged(partnerClaims, { expiresIn: -600 });
      case "wrongAudience":
        return forged(partnerClaims, { audience: "api://someone-else" });
      case "wrongIssuer":
        return forged(partnerClaims, { issuer: `https://login.example/${partner}/v2.0` });
      case "otherPartner":
        return tokenFor(runtime, partnerAdmin(demoPartnerTenants[1]));
      case "otherCustomer":
        return tokenFor(runtime, customerGlobalAdmin(randomUUID()));
      case "customerUser":
        return tokenFor(runtime, customerUser(customerTenantId));
      case "billingAdmin":
        return tokenFor(runtime, customerBillingAdmin(customerTenantId));
      case "globalAdmin":
        return tokenFor(runtime, customerGlobalAdmin(customerTenantId));
    }
  }

  async function fixture(state: "pending" | "accepted"): Promise<Fixture> {
    const customerTenantId = randomUUID();
    const admin = await tokenFor(runtime, partnerAdmin(partner));
    const displayName = `Matrix ${randomUUID().slice(0, 8)}`;
    const created = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
      token: admin,
      body: gdapInvitation({ displayName, customer: { adminEmail: newAdminEmail(), tenantId: customerTenantId } })
    });
    expect(created.status).toBe(201);
    const token = tokenOfLink(created.body.invitationLink);
    if (state === "accepted") {
      const ga = await tokenFor(runtime, customerGlobalAdmin(customerTenantId));
      const accepted = await call(runtime, "POST", `/api/invitations/${token}/accept`, {
        token: ga,
        body: { agreementVersion, acknowledged: true }
      });
      expect(accepted.status).toBe(200);
    }
    return { relationshipId: created.body.id, displayName, token, customerTenantId };
  }

  const acceptBody = () => ({ agreementVersion, acknowledged: true });
  const any = { "if-match": "*" };
  const endpoints: Endpoint[] = [
    {
      name: "POST /api/relationships",
      state: "pending",
      request: () => ({ method: "POST", path: "/api/relationships", body: gdapInvitation() }),
      expected: partnerOnly(201)
    },
    {
      name: "GET /api/relationships",
      state: "pending",
      request: () => ({ method: "GET", path: "/api/relationships?$top=300" }),
      expected: partnerOnly(200)
    },
    {
      name: "GET /api/relationships/{id}",
      state: "pending",
      request: (f) => ({ method: "GET", path: `/api/relationships/${f.relationshipId}` }),
      expected: partnerOnly(404)
    },
    {
      name: "PATCH /api/relationships/{id}",
      state: "pending",
      request: (f) => ({
        method: "PATCH",
        path: `/api/relationships/${f.relationshipId}`,
        body: { autoExtendDuration: "PT0S" },
        headers: any
      }),
      expected: partnerOnly(404)
    },
    {
      name: "DELETE /api/relationships/{id}",
      state: "pending",
      request: (f) => ({ method: "DELETE", path: `/api/relationships/${f.relationshipId}`, headers: any }),
      expected: partnerOnly(404)
    },
    {
      name: "POST /api/relationships/{id}/terminate",
      state: "accepted",
      request: (f) => ({ method: "POST", path: `/api/relationships/${f.relationshipId}/terminate` }),
      expected: partnerOnly(404)
    },
    {
      name: "POST /api/relationships/{id}/resend",
      state: "pending",
      request: (f) => ({ method: "POST", path: `/api/relationships/${f.relationshipId}/resend` }),
      expected: partnerOnly(404)
    },
    {
      name: "GET /api/partner-profile",
      state: "pending",
      request: () => ({ method: "GET", path: "/api/partner-profile" }),
      expected: partnerOnly(200)
    },
    {
      name: "GET /api/invitations/{token}",
      state: "pending",
      request: (f) => ({ method: "GET", path: `/api/invitations/${f.token}` }),
      expected: {
        ...unauthenticated,
        otherPartner: 404,
        otherCustomer: 404,
        customerUser: 200,
        billingAdmin: 200,
        globalAdmin: 200
      }
    },
    {
      name: "POST /api/invitations/{token}/accept",
      state: "pending",
      request: (f) => ({ method: "POST", path: `/api/invitations/${f.token}/accept`, body: acceptBody() }),
      expected: {
        ...unauthenticated,
        otherPartner: 404,
        otherCustomer: 404,
        customerUser: 403,
        billingAdmin: 403,
        globalAdmin: 200
      }
    },
    {
      name: "POST /api/invitations/{token}/decline",
      state: "pending",
      request: (f) => ({ method: "POST", path: `/api/invitations/${f.token}/decline` }),
      expected: {
        ...unauthenticated,
        otherPartner: 404,
        otherCustomer: 404,
        customerUser: 403,
        billingAdmin: 200,
        globalAdmin: 200
      }
    },
    {
      name: "GET /api/customer/relationships",
      state: "accepted",
      request: () => ({ method: "GET", path: "/api/customer/relationships" }),
      expected: {
        ...unauthenticated,
        otherPartner: 403,
        otherCustomer: 200,
        customerUser: 403,
        billingAdmin: 200,
        globalAdmin: 200
      }
    },
    {
      name: "GET /api/customer/relationships/{id}",
      state: "accepted",
      request: (f) => ({ method: "GET", path: `/api/customer/relationships/${f.relationshipId}` }),
      expected: {
        ...unauthenticated,
        otherPartner: 403,
        otherCustomer: 404,
        customerUser: 403,
        billingAdmin: 200,
        globalAdmin: 200
      }
    },
    {
      name: "POST /api/customer/relationships/{id}/remove-roles",
      state: "accepted",
      request: (f) => ({ method: "POST", path: `/api/customer/relationships/${f.relationshipId}/remove-roles` }),
      expected: {
        ...unauthenticated,
        otherPartner: 403,
        otherCustomer: 404,
        customerUser: 403,
        billingAdmin: 200,
        globalAdmin: 200
      }
    },
    {
      name: "POST /api/customer/relationships/{id}/terminate",
      state: "accepted",
      request: (f) => ({ method: "POST", path: `/api/customer/relationships/${f.relationshipId}/terminate` }),
      expected: {
        ...unauthenticated,
        otherPartner: 403,
        otherCustomer: 404,
        customerUser: 403,
        billingAdmin: 202,
        globalAdmin: 202
      }
    },
    {
      name: "GET /api/customer/agreement",
      state: "pending",
      request: () => ({ method: "GET", path: "/api/customer/agreement" }),
      expected: {
        ...unauthenticated,
        otherPartner: 403,
        otherCustomer: 200,
        customerUser: 403,
        billingAdmin: 200,
        globalAdmin: 200
      }
    },
    {
      name: "POST /api/customer/agreement/accept",
      state: "pending",
      request: () => ({ method: "POST", path: "/api/customer/agreement/accept", body: acceptBody() }),
      expected: {
        ...unauthenticated,
        otherPartner: 403,
        otherCustomer: 200,
        customerUser: 403,
        billingAdmin: 200,
        globalAdmin: 200
      }
    },
    {
      name: "GET /api/aobo/capabilities",
      state: "pending",
      request: (f) => ({ method: "GET", path: `/api/aobo/capabilities?customerTenantId=${f.customerTenantId}` }),
      expected: {
        ...unauthenticated,
        otherPartner: 200,
        otherCustomer: 200,
        customerUser: 200,
        billingAdmin: 200,
        globalAdmin: 200
      }
    }
  ];

  for (const endpoint of endpoints) {
    it(`${endpoint.name} answers each kind of caller as the rules say, and leaks nothing`, async () => {
      const outcome: Partial<Record<PrincipalKind, number>> = {};
      for (const kind of principals) {
        const data = await fixture(endpoint.state);
        const { method, path, body, headers } = endpoint.request(data);
        const response = await call(runtime, method, path, {
          token: await tokenOf(kind, data.customerTenantId),
          body,
          headers
        });
        outcome[kind] = response.status;
        if (!insiders.includes(kind)) {
          expect(response.text, `${endpoint.name} as ${kind} must not reveal the relationship`).not.toContain(
            data.relationshipId
          );
          expect(response.text).not.toContain(data.displayName);
        }
        if (response.status >= 400) expect(response.headers.get("content-type")).toBe("application/problem+json");
      }
      expect(outcome).toEqual(endpoint.expected);
    });
  }
});
