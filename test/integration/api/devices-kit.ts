/**
 * What the device tests share: hardware hashes that look like real ones (base64 of 3,000 random bytes, about 4,000
 * characters), device bodies, an OEM relationship taken to accepted the way users do it, uploads in both forms, the
 * two lists, and the stored documents read through the Cosmos SDK (to see that nothing was written, and that the
 * access container holds nothing for the customer).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { Agent } from "node:https";
import { CosmosClient, type Container } from "@azure/cosmos";
import { containerIds, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { call, type ApiResponse } from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";
import { acceptedRelationship, type Accepted } from "../async/grants-kit";

export interface DeviceBody {
  hardwareHash: string;
  serialNumber: string;
  windowsProductId?: string;
  manufacturer: string;
  model: string;
}

export type UploadAnswer = {
  customerTenantId: string;
  registeredCount: number;
  duplicateCount: number;
  devices: {
    row: number;
    line?: number;
    id: string;
    serialNumber: string;
    outcome: string;
    duplicateOf?: { kind: string; row?: number; registeredDateTime?: string };
  }[];
  errors?: { field: string; message: string }[];
  detail?: string;
};

export type DevicePage = {
  value: {
    id: string;
    serialNumber: string;
    manufacturer: string;
    model: string;
    windowsProductId?: string;
    registeredDateTime: string;
    relationshipId?: string;
    registeredBy: Record<string, string>;
  }[];
  "@odata.nextLink"?: string;
  errors?: { field: string; message: string }[];
  detail?: string;
};

export const fakeHash = (bytes = 3_000) => randomBytes(bytes).toString("base64");

export function device(overrides: Partial<DeviceBody> = {}): DeviceBody {
  return {
    hardwareHash: fakeHash(),
    serialNumber: `SN-${randomUUID().slice(0, 8).toUpperCase()}`,
    windowsProductId: "3603000000000",
    manufacturer: "Contoso Devices",
    model: "Surface Laptop 7",
    ...overrides
  };
}

/** `partner` (an admin token) invites `customerTenantId` as an OEM, and the customer's Global Administrator accepts. */
export function acceptedOem(
  runtime: LocalRuntime,
  partner: string,
  customerTenantId: string = randomUUID()
): Promise<Accepted> {
  return acceptedRelationship(
    runtime,
    partner,
    { partnerType: "oem", accessDetails: undefined, duration: "P365D" },
    customerTenantId
  );
}

export const devicesPath = (customerTenantId: string) => `/api/partner/customers/${customerTenantId}/devices`;

export function uploadJson(
  runtime: LocalRuntime,
  token: string,
  customerTenantId: string,
  devices: readonly unknown[]
): Promise<ApiResponse<UploadAnswer>> {
  return call<UploadAnswer>(runtime, "POST", devicesPath(customerTenantId), { token, body: { devices } });
}

export function uploadCsv(
  runtime: LocalRuntime,
  token: string,
  customerTenantId: string,
  csv: string,
  query = ""
): Promise<ApiResponse<UploadAnswer>> {
  return call<UploadAnswer>(runtime, "POST", `${devicesPath(customerTenantId)}${query}`, {
    token,
    rawBody: csv,
    headers: { "content-type": "text/csv" }
  });
}

/** The Autopilot layout of `devices`, one line each; values with a comma or quote are quoted. */
export function autopilotCsv(devices: readonly DeviceBody[], withMakeAndModel = false): string {
  const cell = (value: string | undefined) =>
    value === undefined ? "" : /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  const header = [
    "Device Serial Number",
    "Windows Product ID",
    "Hardware Hash",
    ...(withMakeAndModel ? ["Manufacturer name", "Device model"] : [])
  ];
  const lines = devices.map((d) =>
    [d.serialNumber, d.windowsProductId, d.hardwareHash, ...(withMakeAndModel ? [d.manufacturer, d.model] : [])]
      .map(cell)
      .join(",")
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}

export const oemList = (runtime: LocalRuntime, token: string, customerTenantId: string, query = "") =>
  call<DevicePage>(runtime, "GET", `${devicesPath(customerTenantId)}${query}`, { token });
export const customerList = (runtime: LocalRuntime, token: string, query = "") =>
  call<DevicePage>(runtime, "GET", `/api/customer/devices${query}`, { token });
export const removeDevice = (runtime: LocalRuntime, token: string, id: string) =>
  call(runtime, "DELETE", `/api/customer/devices/${id}`, { token });

/** The runtime's own containers, through the Cosmos SDK. */
export function containersOf(runtime: LocalRuntime): { devices: Container; access: Container; dispose(): void } {
  const key = /AccountKey=([^;]+)/.exec(runtime.cosmos.connectionString)?.[1] ?? "";
  const client = new CosmosClient({
    endpoint: runtime.cosmos.endpoint,
    key,
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true })
  });
  const database = client.database(defaultDatabaseName);
  return {
    devices: database.container(containerIds.devices),
    access: database.container(containerIds.access),
    dispose: () => client.dispose()
  };
}

/** Every document stored in `container` for one customer tenant, removal records included. */
export async function storedFor(container: Container, customerTenantId: string): Promise<Record<string, unknown>[]> {
  const query = {
    query: "SELECT * FROM c WHERE c.customerTenantId = @customer",
    parameters: [{ name: "@customer", value: customerTenantId }]
  };
  return (await container.items.query<Record<string, unknown>>(query).fetchAll()).resources;
}
