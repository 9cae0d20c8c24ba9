import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Principal } from "../../../shared/auth/principal";
import { deviceIdFor, type DeviceRecord } from "../../../shared/devices/device-records";
import type { UploadRow } from "../../../shared/devices/device-upload";
import type { RelationshipFacts } from "../../../shared/domain/accepted-relationships";
import { ForbiddenError, NotFoundError } from "../../../shared/errors";
import { createLimiter, defaultLimitSettings } from "../../../shared/limits/limiter";
import type { PartnerRecord } from "../../../shared/tenants/tenant-records";
import { listCustomerDevices, removeCustomerDevice } from "../../../shared/use-cases/customer-devices";
import { registerDevices, type OemDevicePorts } from "../../../shared/use-cases/oem-devices";
import { InMemoryLimitStore } from "../../support/in-memory/limit-store";
import { InMemoryDevices } from "../../support/in-memory/device-store";
import { InMemoryRelationshipFacts } from "../../support/in-memory/relationship-facts";

const oemTenant = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
const otherOem = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a02";
const customer = "c0ffee00-0000-4000-8000-000000000001";
const intuneAdministrator = "3a2c62db-5318-420d-8d74-23affee5d9d5";
const now = new Date("2027-05-01T10:00:00.000Z");
const live: RelationshipFacts = { id: "rel-oem", partnerType: "oem", status: "active", accepted: true };

const partner = (tenantId: string): PartnerRecord => ({
  id: "partner",
  kind: "partner",
  tenantId,
  displayName: `OEM ${tenantId.slice(-2)}`,
  registeredDateTime: now.toISOString(),
  identity: { legalName: `OEM ${tenantId.slice(-2)} Ltd`, partnerId: "1234567", verifiedDomain: "oem.example" }
});
const uploader = (tenantId = oemTenant) => ({
  partner: partner(tenantId),
  principal: {
    tenantId,
    userId: "engineer",
    displayName: "Engineer",
    directoryRoles: [],
    appRoles: ["Partner.Admin"]
  } as Principal
});
const admin = (wids: string[] = [intuneAdministrator]): Principal => ({
  tenantId: customer,
  userId: "admin",
  displayName: "Customer admin",
  directoryRoles: wids,
  appRoles: []
});
const hash = () => randomBytes(3_000).toString("base64");
const rows = (...hashes: string[]): UploadRow[] =>
  hashes.map((hardwareHash, index) => ({
    row: index + 1,
    device: { hardwareHash, serialNumber: `SN${index + 1}`, manufacturer: "Contoso", model: "Book" }
  }));

function world(
  facts: Record<string, readonly RelationshipFacts[]> = {
    [`${oemTenant}/${customer}`]: [live],
    [`${otherOem}/${customer}`]: [{ ...live, id: "rel-other" }]
  }
) {
  const devices = new InMemoryDevices();
  const limits = new InMemoryLimitStore();
  const ports: OemDevicePorts = {
    devices,
    relationshipFacts: InMemoryRelationshipFacts.of(facts),
    limiter: createLimiter(limits, defaultLimitSettings, Buffer.alloc(32, 1)),
    clock: { now: () => now }
  };
  return { devices, limits, ports };
}

describe("registering devices", () => {
  it("writes each device once and says, row by row, where a duplicate already is", async () => {
    const { devices, ports } = world();
    const [a, b, c] = [hash(), hash(), hash()];
    await registerDevices(ports, uploader(otherOem), customer, rows(c));

    const result = await registerDevices(ports, uploader(), customer, rows(a, b, a, c));
    const again = await registerDevices(ports, uploader(), customer, rows(b));

    expect(result).toMatchObject({ registeredCount: 2, duplicateCount: 2 });
    expect(result.devices.map((d) => [d.row, d.outcome, d.duplicateOf])).toEqual([
      [1, "registered", undefined],
      [2, "registered", undefined],
      [3, "duplicate", { kind: "row", row: 1 }],
      [4, "duplicate", { kind: "anotherOem" }]
    ]);
    expect(again.devices[0]).toMatchObject({
      outcome: "duplicate",
      duplicateOf: { kind: "yours", registeredDateTime: now.toISOString() }
    });
    expect(devices.writes).toBe(3);
    const stored = (await devices.get(customer, deviceIdFor(customer, a)))?.document as DeviceRecord;
    expect(stored).toMatchObject({
      kind: "oemDevice",
      relationshipId: "rel-oem",
      registeredBy: {
        tenantId: oemTenant,
        displayName: "OEM 01",
        legalName: "OEM 01 Ltd",
        userId: "engineer",
        userDisplayName: "Engineer"
      }
    });
  });

  it("refuses without an accepted OEM relationship before counting the upload or writing anything", async () => {
    const { devices, limits, ports } = world({ [`${oemTenant}/${customer}`]: [{ ...live, status: "terminated" }] });
    await expect(registerDevices(ports, uploader(), customer, rows(hash()))).rejects.toBeInstanceOf(ForbiddenError);
    expect(devices.writes).toBe(0);
    expect(limits.documents.size).toBe(0);
  });

  it("registers a device the customer removed again, carrying the removal along", async () => {
    const { devices, ports } = world();
    const a = hash();
    const [first] = (await registerDevices(ports, uploader(), customer, rows(a))).devices;
    await removeCustomerDevice(ports, admin(), first?.id as string);

    const again = await registerDevices(ports, uploader(otherOem), customer, rows(a));

    expect(again.devices[0]).toMatchObject({ outcome: "registered", id: first?.id });
    expect((await devices.get(customer, first?.id as string))?.document).toMatchObject({
      kind: "oemDevice",
      registeredBy: { tenantId: otherOem },
      removals: [{ registeredBy: { tenantId: oemTenant }, removedBy: { userId: "admin" } }]
    });
  });
});

describe("the customer's devices", () => {
  it("removes once: a second removal returns the first one's record and writes nothing", async () => {
    const { devices, ports } = world();
    const [device] = (await registerDevices(ports, uploader(), customer, rows(hash()))).devices;
    const id = device?.id as string;

    const removal = await removeCustomerDevice(ports, admin(), id);
    const writes = devices.writes;
    const again = await removeCustomerDevice(ports, { ...admin(), userId: "someone else" }, id);

    expect(removal).toMatchObject({
      serialNumber: "SN1",
      removedBy: { userId: "admin", displayName: "Customer admin" },
      removedDateTime: now.toISOString()
    });
    expect(again).toEqual(removal);
    expect(devices.writes).toBe(writes);
    expect((await listCustomerDevices(ports, admin(), 10)).items).toEqual([]);
  });

  it("reads the device again when an OEM registered it anew between the read and the write", async () => {
    const { devices, ports } = world();
    const [device] = (await registerDevices(ports, uploader(), customer, rows(hash()))).devices;
    const id = device?.id as string;
    let raced = false;
    devices.beforeReplace = () => {
      if (raced) return;
      raced = true;
      const stored = devices.documents.get(`${customer}/${id}`);
      if (stored) devices.put({ ...(stored.document as DeviceRecord), serialNumber: "RACED" });
    };

    const removal = await removeCustomerDevice(ports, admin(), id);

    expect(removal.serialNumber).toBe("RACED");
    expect((await devices.get(customer, id))?.document.kind).toBe("removedOemDevice");
  });

  it("keeps each customer's devices to itself, and asks for a device admin", async () => {
    const { ports } = world();
    const [device] = (await registerDevices(ports, uploader(), customer, rows(hash()))).devices;
    const elsewhere: Principal = { ...admin(), tenantId: "c0ffee00-0000-4000-8000-000000000009" };
    await expect(removeCustomerDevice(ports, elsewhere, device?.id as string)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listCustomerDevices(ports, elsewhere, 10)).items).toEqual([]);
    await expect(listCustomerDevices(ports, admin(["729827e3-9c14-49f7-bb1b-9608f156bbb8"]), 10)).rejects.toMatchObject(
      { status: 403, requiredRole: { displayName: "Intune Administrator" } }
    );
  });
});

describe("the device code and the access store", () => {
  it("never reaches the access store: no device module imports it or names its container", () => {
    const root = join(__dirname, "..", "..", "..");
    const files = [
      ...readdirSync(join(root, "shared", "devices")).map((name) => join("shared", "devices", name)),
      ...readdirSync(join(root, "shared", "pages", "devices")).map((name) => join("shared", "pages", "devices", name)),
      "shared/use-cases/oem-devices.ts",
      "shared/use-cases/customer-devices.ts",
      "shared/cosmos/cosmos-device-store.ts",
      "shared/cosmos/cosmos-relationship-facts.ts",
      "shared/http/device-upload-body.ts",
      ...readdirSync(join(root, "functions"))
        .filter((name) => /device/.test(name))
        .map((name) => join("functions", name))
    ];
    expect(files.length).toBeGreaterThan(16);
    for (const file of files) {
      const source = readFileSync(join(root, file), "utf8");
      expect(source, file).not.toMatch(/grants\/role-grants|cosmos-grant-store|containerIds\.access|grantStore/);
    }
  });
});
