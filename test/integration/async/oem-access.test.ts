import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, roles, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { acceptedOem, containersOf, device, storedFor, uploadJson } from "../api/devices-kit";
import { acceptedRelationship, checkAccess, partnerToken, waitForStatus } from "./grants-kit";

const intuneAdministrator = "3a2c62db-5318-420d-8d74-23affee5d9d5";
const cloudDeviceAdministrator = "7698a772-787b-4ac8-901f-60d6b08affd2";

describe("an OEM relationship never gives access", () => {
  let runtime: LocalRuntime;
  let customerTenantId: string;
  let oem: string;
  let gdap: string;
  const [oemTenant, gdapTenant] = demoPartnerTenants;
  const asked = [
    roles.globalAdministrator,
    roles.helpdeskAdministrator,
    roles.userAdministrator,
    roles.billingAdministrator,
    intuneAdministrator,
    cloudDeviceAdministrator
  ];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    [oem, gdap] = await Promise.all([partnerToken(runtime, oemTenant), partnerToken(runtime, gdapTenant)]);
    const oemRelationship = await acceptedOem(runtime, oem);
    customerTenantId = oemRelationship.customerTenantId;
    // Active: the role-grants handler has run for it, as for any relationship.
    await waitForStatus(runtime, oem, oemRelationship.id, "active");
    expect((await uploadJson(runtime, oem, customerTenantId, [device(), device()])).body.registeredCount).toBe(2);
    // The control: a GDAP partner of the same customer whose roles do give access.
    const withRoles = await acceptedRelationship(
      runtime,
      gdap,
      { accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }] } },
      customerTenantId
    );
    await waitForStatus(runtime, gdap, withRoles.id, "active");
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("says no for every role, asked by the OEM, by the customer and by a platform, while the GDAP partner's role says yes", async () => {
    const customer = await tokenFor(runtime, { tenantId: customerTenantId, wids: [] });
    const platform = await tokenFor(runtime, { tenantId: randomUUID(), roles: ["Access.Check"] });

    for (const roleDefinitionId of asked) {
      for (const token of [oem, customer, platform]) {
        const answer = await checkAccess(runtime, token, {
          partnerTenantId: oemTenant,
          customerTenantId,
          roleDefinitionId
        });
        expect(answer.status).toBe(200);
        expect(answer.body, roleDefinitionId).toEqual({ allowed: false, reason: "notGranted" });
      }
    }
    expect(
      (
        await checkAccess(runtime, platform, {
          partnerTenantId: gdapTenant,
          customerTenantId,
          roleDefinitionId: roles.helpdeskAdministrator
        })
      ).body.allowed
    ).toBe(true);
  });

  it("says no with security groups too: an OEM user's own groups, and groups a platform passes", async () => {
    const groups = [randomUUID(), randomUUID()];
    const oemUser = await tokenFor(runtime, { tenantId: oemTenant, groups, name: "OEM engineer" });
    const platform = await tokenFor(runtime, { tenantId: randomUUID(), roles: ["Access.Check"] });

    for (const roleDefinitionId of asked) {
      const own = await checkAccess(runtime, oemUser, {
        partnerTenantId: oemTenant,
        customerTenantId,
        roleDefinitionId
      });
      const query = new URLSearchParams([
        ["partnerTenantId", oemTenant],
        ["customerTenantId", customerTenantId],
        ["roleDefinitionId", roleDefinitionId],
        ...groups.map((group): [string, string] => ["securityGroupId", group])
      ]);
      const passed = await call<{ allowed: boolean }>(runtime, "GET", `/api/access?${query.toString()}`, {
        token: platform
      });
      expect(own.body, roleDefinitionId).toEqual({ allowed: false, reason: "notGranted" });
      expect(passed.status).toBe(200);
      expect(passed.body, roleDefinitionId).toEqual({ allowed: false, reason: "notGranted" });
    }
  });

  it("leaves nothing of the OEM in the customer's access documents, while its devices are stored apart", async () => {
    const stores = containersOf(runtime);
    try {
      const access = await storedFor(stores.access, customerTenantId);
      expect(access.length).toBeGreaterThan(0);
      expect(access.map((document) => document.partnerTenantId)).not.toContain(oemTenant);
      expect(access.every((document) => document.partnerTenantId === gdapTenant)).toBe(true);
      expect(await storedFor(stores.devices, customerTenantId)).toHaveLength(2);
    } finally {
      stores.dispose();
    }
  });
});
