import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  customerBillingAdmin,
  customerUser,
  demoPartnerTenants,
  partnerReader,
  roles,
  tokenFor
} from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { acceptedRelationship, partnerToken } from "../async/grants-kit";
import {
  acceptedOem,
  autopilotCsv,
  containersOf,
  customerList,
  device,
  fakeHash,
  oemList,
  removeDevice,
  storedFor,
  uploadCsv,
  uploadJson,
  type DeviceBody
} from "./devices-kit";

const intuneAdministrator = "3a2c62db-5318-420d-8d74-23affee5d9d5";
const cloudDeviceAdministrator = "7698a772-787b-4ac8-901f-60d6b08affd2";

describe("OEM device registration: the API", () => {
  let runtime: LocalRuntime;
  let oemA: string;
  let oemB: string;
  let other: string;
  let stores: ReturnType<typeof containersOf>;
  const [oemATenant, oemBTenant, otherTenant] = demoPartnerTenants;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    [oemA, oemB, other] = await Promise.all([
      partnerToken(runtime, oemATenant),
      partnerToken(runtime, oemBTenant),
      partnerToken(runtime, otherTenant)
    ]);
    stores = containersOf(runtime);
  });
  afterAll(async () => {
    stores?.dispose();
    await runtime?.stop();
  });

  const billingAdmin = (customer: string) => tokenFor(runtime, customerBillingAdmin(customer));

  describe("uploads", () => {
    it("registers a JSON list: every device listed for the customer with the OEM that registered it, and for the OEM", async () => {
      const { customerTenantId } = await acceptedOem(runtime, oemA);
      const devices = [
        device(),
        device({ windowsProductId: undefined }),
        device({ manufacturer: "Contoso <Devices>" })
      ];

      const response = await uploadJson(runtime, oemA, customerTenantId, devices);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ customerTenantId, registeredCount: 3, duplicateCount: 0 });
      expect(response.body.devices.map((d) => [d.row, d.serialNumber, d.outcome])).toEqual(
        devices.map((d, i) => [i + 1, d.serialNumber, "registered"])
      );
      const listed = await customerList(runtime, await billingAdmin(customerTenantId));
      expect(listed.status).toBe(200);
      expect(listed.body.value.map((d) => d.serialNumber).sort()).toEqual(devices.map((d) => d.serialNumber).sort());
      expect(listed.body.value[0]?.registeredBy).toEqual({
        tenantId: oemATenant,
        displayName: "Contoso Cloud Partners",
        legalName: "Contoso Cloud Partners Ltd"
      });
      expect(listed.text).not.toContain(devices[0]?.hardwareHash.slice(0, 40));
      const own = await oemList(runtime, oemA, customerTenantId);
      expect(own.body.value).toHaveLength(3);
      expect(own.body.value.find((d) => d.serialNumber === devices[2]?.serialNumber)).toMatchObject({
        manufacturer: "Contoso <Devices>",
        model: "Surface Laptop 7",
        registeredBy: { userId: expect.any(String) }
      });
    });

    it("reports duplicates per row: within one upload, across uploads (a retry) and across OEMs, writing each device once", async () => {
      const { customerTenantId, customerToken } = await acceptedOem(runtime, oemA);
      await acceptedOem(runtime, oemB, customerTenantId);
      const first = device();
      const second = device();
      // The same hash wrapped at 76 characters, as some tools write base64, is the same device.
      const wrapped = {
        ...first,
        serialNumber: "SN-AGAIN",
        hardwareHash: first.hardwareHash.replace(/(.{76})/g, "$1\r\n")
      };

      const once = await uploadJson(runtime, oemA, customerTenantId, [first, second, wrapped]);
      const retry = await uploadJson(runtime, oemA, customerTenantId, [first, second]);
      const byB = await uploadJson(runtime, oemB, customerTenantId, [second, device()]);

      expect(once.status).toBe(200);
      expect(once.body).toMatchObject({ registeredCount: 2, duplicateCount: 1 });
      expect(once.body.devices[2]).toMatchObject({
        row: 3,
        outcome: "duplicate",
        duplicateOf: { kind: "row", row: 1 },
        id: once.body.devices[0]?.id
      });
      expect(retry.body).toMatchObject({ registeredCount: 0, duplicateCount: 2 });
      expect(retry.body.devices.map((d) => d.duplicateOf?.kind)).toEqual(["yours", "yours"]);
      expect(retry.body.devices[0]?.duplicateOf?.registeredDateTime).toEqual(expect.any(String));
      expect(byB.body).toMatchObject({ registeredCount: 1, duplicateCount: 1 });
      expect(byB.body.devices[0]).toMatchObject({ outcome: "duplicate", duplicateOf: { kind: "anotherOem" } });
      expect(JSON.stringify(byB.body)).not.toContain(oemATenant);
      expect((await oemList(runtime, oemB, customerTenantId)).body.value.map((d) => d.serialNumber)).toHaveLength(1);
      const listed = (await customerList(runtime, customerToken)).body.value;
      expect(listed).toHaveLength(3);
      expect(listed.find((d) => d.serialNumber === second.serialNumber)?.registeredBy.tenantId).toBe(oemATenant);
      expect(await storedFor(stores.devices, customerTenantId)).toHaveLength(3);
    });

    it("refuses an upload with malformed rows with 400 naming each row and field, and writes none of its good rows", async () => {
      const { customerTenantId } = await acceptedOem(runtime, oemA);
      const devices = [
        device(),
        device({ hardwareHash: "not base64!" }),
        device({ serialNumber: "SN\u0007BELL" }),
        device({ hardwareHash: fakeHash(60) }),
        device()
      ];

      const response = await uploadJson(runtime, oemA, customerTenantId, devices);

      expect(response.status).toBe(400);
      expect(response.body.errors?.map((e) => e.field)).toEqual([
        "devices.1.hardwareHash",
        "devices.2.serialNumber",
        "devices.3.hardwareHash"
      ]);
      expect(response.body.errors?.[2]?.message).toMatch(/256 to 8192 base64 characters/);
      expect(await storedFor(stores.devices, customerTenantId)).toEqual([]);
      expect((await oemList(runtime, oemA, customerTenantId)).body.value).toEqual([]);
    });

    it("registers an Autopilot CSV (quoted values, the make and model given for the file) and names a bad line by its number and column", async () => {
      const { customerTenantId } = await acceptedOem(runtime, oemA);
      const devices = [device({ serialNumber: "SN, WITH COMMA" }), device({ windowsProductId: undefined })];
      const query = "?manufacturer=Fabrikam&model=Fabrikam%20Book%203";

      const good = await uploadCsv(runtime, oemA, customerTenantId, autopilotCsv(devices), query);
      const bad = await uploadCsv(
        runtime,
        oemA,
        customerTenantId,
        autopilotCsv([device(), device({ hardwareHash: "QUJD" })]),
        query
      );
      const withoutMake = await uploadCsv(runtime, oemA, customerTenantId, autopilotCsv([device()]));

      expect(good.status).toBe(200);
      expect(good.body.devices.map((d) => [d.row, d.line, d.serialNumber, d.outcome])).toEqual([
        [1, 2, "SN, WITH COMMA", "registered"],
        [2, 3, devices[1]?.serialNumber, "registered"]
      ]);
      expect((await oemList(runtime, oemA, customerTenantId)).body.value.map((d) => [d.manufacturer, d.model])).toEqual(
        [
          ["Fabrikam", "Fabrikam Book 3"],
          ["Fabrikam", "Fabrikam Book 3"]
        ]
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.field)).toEqual(["line 3.Hardware Hash"]);
      expect(withoutMake.status).toBe(400);
      expect(withoutMake.body.errors?.map((e) => e.field)).toEqual(["manufacturer", "model"]);
      expect(await storedFor(stores.devices, customerTenantId)).toHaveLength(2);
    });

    it("takes the make and model from the Partner Center columns, and refuses an unknown column by name", async () => {
      const { customerTenantId } = await acceptedOem(runtime, oemA);

      const good = await uploadCsv(
        runtime,
        oemA,
        customerTenantId,
        autopilotCsv([device({ manufacturer: "Lenovo", model: "ThinkPad X1" })], true)
      );
      const unknown = await uploadCsv(
        runtime,
        oemA,
        customerTenantId,
        "Device Serial Number,Windows Product ID,Hardware Hash,Colour\r\nSN1,,QUJD,red\r\n",
        "?manufacturer=a&model=b"
      );

      expect(good.status).toBe(200);
      expect((await oemList(runtime, oemA, customerTenantId)).body.value[0]).toMatchObject({
        manufacturer: "Lenovo",
        model: "ThinkPad X1"
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors?.[0]).toMatchObject({
        field: "line 1",
        message: expect.stringMatching(/"Colour" is not a column/)
      });
    });

    it("refuses more than 1,000 devices with 400, as JSON and as CSV, and writes nothing", async () => {
      const { customerTenantId } = await acceptedOem(runtime, oemA);
      const many: DeviceBody[] = Array.from({ length: 1_001 }, () => device({ hardwareHash: fakeHash(200) }));

      const json = await uploadJson(runtime, oemA, customerTenantId, many);
      const csv = await uploadCsv(runtime, oemA, customerTenantId, autopilotCsv(many), "?manufacturer=a&model=b");

      expect(json.status).toBe(400);
      expect(json.body.errors?.[0]?.field).toBe("devices");
      expect(csv.status).toBe(400);
      expect(csv.body.errors?.[0]).toMatchObject({
        field: "body",
        message: expect.stringMatching(/1001 devices; an upload takes at most 1,000/)
      });
      expect(await storedFor(stores.devices, customerTenantId)).toEqual([]);
    });

    it("refuses a body that is neither JSON nor CSV with 400 naming content-type", async () => {
      const { customerTenantId } = await acceptedOem(runtime, oemA);
      const response = await call<{ errors: { field: string }[] }>(
        runtime,
        "POST",
        `/api/partner/customers/${customerTenantId}/devices`,
        { token: oemA, rawBody: "x", headers: { "content-type": "text/plain" } }
      );
      expect(response.status).toBe(400);
      expect(response.body.errors[0]?.field).toBe("content-type");
    });
  });

  it("answers 401 on every device endpoint without a token, and with a token signed by someone else", async () => {
    const customer = randomUUID();
    const [header, payload] = oemA.split(".") as [string, string];
    const forged = `${header}.${payload}.${Buffer.from("not the issuer's signature").toString("base64url")}`;
    for (const token of [undefined, forged]) {
      const answers = await Promise.all([
        call(runtime, "POST", `/api/partner/customers/${customer}/devices`, {
          ...(token ? { token } : {}),
          body: { devices: [device()] }
        }),
        call(runtime, "GET", `/api/partner/customers/${customer}/devices`, token ? { token } : {}),
        call(runtime, "GET", "/api/customer/devices", token ? { token } : {}),
        call(runtime, "DELETE", `/api/customer/devices/${"a".repeat(32)}`, token ? { token } : {})
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
      expect(answers.every((answer) => /^Bearer/.test(answer.headers.get("www-authenticate") ?? ""))).toBe(true);
    }
  });

  describe("who may register", () => {
    it("refuses with 403 and writes nothing: no relationship, one not accepted yet, one of another type, another customer's", async () => {
      const customer = randomUUID();
      const pendingCustomer = randomUUID();
      await call(runtime, "POST", "/api/relationships", {
        token: oemA,
        body: {
          partnerType: "oem",
          displayName: `OEM ${randomUUID().slice(0, 8)}`,
          customer: { adminEmail: "admin@pending.example", tenantId: pendingCustomer }
        }
      });
      const reseller = await acceptedRelationship(runtime, other, {
        partnerType: "reseller",
        accessDetails: undefined,
        duration: "P365D"
      });
      const { customerTenantId: ownCustomer } = await acceptedOem(runtime, oemA);

      const none = await uploadJson(runtime, oemA, customer, [device()]);
      const pending = await uploadJson(runtime, oemA, pendingCustomer, [device()]);
      const wrongType = await uploadJson(runtime, other, reseller.customerTenantId, [device()]);
      const notTheirs = await uploadJson(runtime, oemB, ownCustomer, [device()]);

      expect([none.status, pending.status, wrongType.status, notTheirs.status]).toEqual([403, 403, 403, 403]);
      expect(none.body.detail).toMatch(/no accepted OEM relationship/);
      expect(pending.body.detail).toMatch(/has not accepted/);
      expect(wrongType.body.detail).toMatch(/other types/);
      for (const tenant of [customer, pendingCustomer, reseller.customerTenantId, ownCustomer])
        expect(await storedFor(stores.devices, tenant)).toEqual([]);
    });

    it("lets only Partner.Admin upload, and shows an OEM nothing of a customer it has no OEM relationship with", async () => {
      const { customerTenantId } = await acceptedOem(runtime, oemA);
      await uploadJson(runtime, oemA, customerTenantId, [device()]);
      const reader = await tokenFor(runtime, partnerReader(oemATenant));

      const byReader = await uploadJson(runtime, reader, customerTenantId, [device()]);
      const readerList = await oemList(runtime, reader, customerTenantId);
      const strangerList = await oemList(runtime, oemB, customerTenantId);

      expect(byReader.status).toBe(403);
      expect(readerList.body.value).toHaveLength(1);
      expect(strangerList.status).toBe(403);
      expect(strangerList.text).not.toContain("SN-");
    });

    it("stops registrations once the customer ends the OEM relationship, and keeps what was registered", async () => {
      const { id, customerTenantId, customerToken } = await acceptedOem(runtime, oemA);
      const kept = device();
      expect((await uploadJson(runtime, oemA, customerTenantId, [kept])).status).toBe(200);
      const ended = await call(runtime, "POST", `/api/customer/relationships/${id}/terminate`, {
        token: customerToken
      });
      expect(ended.status).toBe(202);

      const after = await uploadJson(runtime, oemA, customerTenantId, [device()]);

      expect(after.status).toBe(403);
      expect(after.body.detail).toMatch(/has ended/);
      expect((await customerList(runtime, customerToken)).body.value.map((d) => d.serialNumber)).toEqual([
        kept.serialNumber
      ]);
      expect((await oemList(runtime, oemA, customerTenantId)).body.value.map((d) => d.serialNumber)).toEqual([
        kept.serialNumber
      ]);
    });
  });

  describe("the customer's list and removal", () => {
    it("lists for Billing, Intune, Cloud Device and Global Administrators; a user without one gets 403 naming Intune Administrator", async () => {
      const { customerTenantId, customerToken } = await acceptedOem(runtime, oemA);
      await uploadJson(runtime, oemA, customerTenantId, [device()]);
      const asRole = async (wids: string[]) =>
        customerList(runtime, await tokenFor(runtime, { tenantId: customerTenantId, wids }));

      for (const role of [roles.billingAdministrator, intuneAdministrator, cloudDeviceAdministrator])
        expect((await asRole([role])).body.value).toHaveLength(1);
      expect((await customerList(runtime, customerToken)).body.value).toHaveLength(1);
      const user = await customerList(runtime, await tokenFor(runtime, customerUser(customerTenantId)));
      const helpdesk = await asRole([roles.helpdeskAdministrator]);
      expect([user.status, helpdesk.status]).toEqual([403, 403]);
      expect((user.body as unknown as { requiredRole: { id: string } }).requiredRole.id).toBe(intuneAdministrator);
    });

    it("removes a device: gone from both lists, kept as a removal record without its hash, a repeat is 204, another tenant gets 404", async () => {
      const { customerTenantId } = await acceptedOem(runtime, oemA);
      const [gone, stays] = [device(), device()];
      const uploaded = await uploadJson(runtime, oemA, customerTenantId, [gone, stays]);
      const id = uploaded.body.devices[0]?.id as string;
      const intune = await tokenFor(runtime, {
        tenantId: customerTenantId,
        wids: [intuneAdministrator],
        name: "Intune admin"
      });
      const stranger = await tokenFor(runtime, { tenantId: randomUUID(), wids: [roles.globalAdministrator] });

      const byStranger = await removeDevice(runtime, stranger, id);
      const removed = await removeDevice(runtime, intune, id);
      const again = await removeDevice(runtime, intune, id);

      expect(byStranger.status).toBe(404);
      expect([removed.status, again.status]).toEqual([204, 204]);
      expect((await customerList(runtime, intune)).body.value.map((d) => d.serialNumber)).toEqual([stays.serialNumber]);
      expect((await oemList(runtime, oemA, customerTenantId)).body.value.map((d) => d.serialNumber)).toEqual([
        stays.serialNumber
      ]);
      const record = (await storedFor(stores.devices, customerTenantId)).find((doc) => doc.id === id);
      expect(record).toMatchObject({
        kind: "removedOemDevice",
        removals: [
          {
            serialNumber: gone.serialNumber,
            registeredBy: { tenantId: oemATenant },
            removedBy: { displayName: "Intune admin" }
          }
        ]
      });
      expect(JSON.stringify(record)).not.toContain(gone.hardwareHash.slice(0, 40));
      expect((await removeDevice(runtime, intune, "0".repeat(32))).status).toBe(404);
      expect((await removeDevice(runtime, intune, "not-an-id")).status).toBe(400);
    });

    it("lets the OEM register a removed device again, keeping the removal in its history", async () => {
      const { customerTenantId, customerToken } = await acceptedOem(runtime, oemA);
      const again = device();
      const first = await uploadJson(runtime, oemA, customerTenantId, [again]);
      await removeDevice(runtime, customerToken, first.body.devices[0]?.id as string);

      const second = await uploadJson(runtime, oemA, customerTenantId, [again]);

      expect(second.body).toMatchObject({
        registeredCount: 1,
        devices: [{ id: first.body.devices[0]?.id, outcome: "registered" }]
      });
      expect((await customerList(runtime, customerToken)).body.value).toHaveLength(1);
      const [stored] = await storedFor(stores.devices, customerTenantId);
      expect(stored).toMatchObject({ kind: "oemDevice", removals: [{ serialNumber: again.serialNumber }] });
    });

    it("pages with signed skiptokens bound to the list", async () => {
      const { customerTenantId, customerToken } = await acceptedOem(runtime, oemA);
      await uploadJson(runtime, oemA, customerTenantId, [device(), device(), device()]);

      const first = await customerList(runtime, customerToken, "?$top=2");
      const next = first.body["@odata.nextLink"] as string;
      const second = await call<typeof first.body>(runtime, "GET", next, { token: customerToken });
      const borrowed = await oemList(
        runtime,
        oemA,
        customerTenantId,
        `?$skiptoken=${new URL(next, runtime.url).searchParams.get("$skiptoken") ?? ""}`
      );

      expect(first.body.value).toHaveLength(2);
      expect(second.body.value).toHaveLength(1);
      expect(new Set([...first.body.value, ...second.body.value].map((d) => d.id)).size).toBe(3);
      expect(borrowed.status).toBe(400);
      expect(borrowed.body.errors?.[0]?.field).toBe("$skiptoken");
    });
  });
});
