import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { customerGlobalAdmin, demoPartnerTenants, roles, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { acceptedRelationship, checkAccess, partnerToken, waitForStatus, type AccessQuery } from "./grants-kit";

describe("access check: GET /api/access", () => {
  let runtime: LocalRuntime;
  let partner: string;
  let relationshipId: string;
  let endDateTime: string;
  let query: AccessQuery;
  const partnerTenantId = demoPartnerTenants[0];

  beforeAll(async () => {
    // The expiry timer is off here, so a moved clock shows that the check alone says no once the end has passed.
    runtime = await startLocalRuntime({ env: { "AzureWebJobs.timerRelationshipDates.Disabled": "true" } });
    partner = await partnerToken(runtime, partnerTenantId);
    const accepted = await acceptedRelationship(runtime, partner, { duration: "P30D" });
    const active = await waitForStatus(runtime, partner, accepted.id, "active");
    relationshipId = accepted.id;
    endDateTime = active.endDateTime as string;
    query = {
      partnerTenantId,
      customerTenantId: accepted.customerTenantId,
      roleDefinitionId: roles.helpdeskAdministrator
    };
  });
  afterEach(async () => {
    await fetch(`${runtime.url}/dev/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reset: true })
    });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const yes = () => ({
    allowed: true,
    relationshipId,
    roleDefinitionId: roles.helpdeskAdministrator,
    expiresAt: endDateTime
  });

  describe("who may ask", () => {
    it("answers 401 without a token, with a Bearer challenge", async () => {
      const response = await checkAccess(runtime, undefined, query);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    });

    it("lets the partner ask about itself and the customer about itself", async () => {
      expect((await checkAccess(runtime, partner, query)).body).toEqual(yes());
      const customer = await tokenFor(runtime, { tenantId: query.customerTenantId, wids: [] });
      expect((await checkAccess(runtime, customer, query)).body).toEqual(yes());
    });

    it("refuses a partner asking about another partner, and a customer asking about another customer", async () => {
      const otherPartner = await partnerToken(runtime, demoPartnerTenants[1]);
      const asOther = await checkAccess(runtime, otherPartner, query);
      expect(asOther.status).toBe(403);
      expect(asOther.body.requiredRole).toMatchObject({ id: "Access.Check" });
      const otherCustomer = await tokenFor(runtime, customerGlobalAdmin(randomUUID()));
      expect((await checkAccess(runtime, otherCustomer, query)).status).toBe(403);
    });

    it("refuses a token whose signature was altered, though the genuine one was just accepted", async () => {
      expect((await checkAccess(runtime, partner, query)).status).toBe(200);
      const [header, payload, signature] = partner.split(".") as [string, string, string];
      const flipped = `${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`;
      const response = await checkAccess(runtime, `${header}.${payload}.${flipped}`, query);
      expect(response.status).toBe(401);
    });

    it("lets a consuming platform with the Access.Check app role ask about anyone", async () => {
      const platform = await tokenFor(runtime, {
        tenantId: randomUUID(),
        roles: ["Access.Check"],
        name: "Consuming platform"
      });
      const response = await checkAccess(runtime, platform, query);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(yes());
      expect((await checkAccess(runtime, platform, { ...query, partnerTenantId: demoPartnerTenants[2] })).body).toEqual(
        { allowed: false, reason: "notGranted" }
      );
    });
  });

  describe("the query", () => {
    it("answers 400 naming a parameter that is not a GUID, missing or unknown", async () => {
      const notGuid = await checkAccess(runtime, partner, { ...query, roleDefinitionId: "Helpdesk Administrator" });
      expect(notGuid.status).toBe(400);
      expect(notGuid.body.errors).toEqual([{ field: "roleDefinitionId", message: expect.stringContaining("GUID") }]);
      const { customerTenantId: _left, ...missing } = query;
      expect((await checkAccess(runtime, partner, missing)).body.errors).toEqual([
        { field: "customerTenantId", message: "required" }
      ]);
      const unknown = await checkAccess(runtime, partner, { ...query, tenant: "x" });
      expect(unknown.body.errors).toEqual([{ field: "tenant", message: "unknown field" }]);
    });

    it("compares GUIDs whatever their case", async () => {
      const upper = {
        partnerTenantId: partnerTenantId.toUpperCase(),
        customerTenantId: query.customerTenantId.toUpperCase(),
        roleDefinitionId: roles.helpdeskAdministrator.toUpperCase()
      };
      expect((await checkAccess(runtime, partner, upper)).body).toEqual(yes());
    });
  });

  describe("time", () => {
    it("says no once the end has passed, though no timer has run, and yes again when the clock is back", async () => {
      const justBefore = Date.parse(endDateTime) - Date.now() - 60_000;
      await fetch(`${runtime.url}/dev/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ advanceMs: justBefore })
      });
      expect((await checkAccess(runtime, partner, query)).body).toEqual(yes());

      await fetch(`${runtime.url}/dev/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ advanceMs: 120_000 })
      });
      expect((await checkAccess(runtime, partner, query)).body).toEqual({ allowed: false, reason: "expired" });
      expect((await waitForStatus(runtime, partner, relationshipId, "active")).status).toBe("active"); // no timer ran

      await fetch(`${runtime.url}/dev/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ reset: true })
      });
      expect((await checkAccess(runtime, partner, query)).body).toEqual(yes());
    });

    it("says no well past the end (advanceDays)", async () => {
      await fetch(`${runtime.url}/dev/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ advanceDays: 31 })
      });
      expect((await checkAccess(runtime, partner, query)).body).toEqual({ allowed: false, reason: "expired" });
    });
  });
});
