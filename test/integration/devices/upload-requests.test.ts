/**
 * What an upload costs in Cosmos DB requests: the registration use case runs in this process against the embedded
 * Cosmos DB (a real server, through the real SDK), and every request reaching the server is counted by kind, as
 * bench/expiry.ts counts them. 1,000 new devices, then the same 1,000 again (a retried upload: all duplicates).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../../local/cosmos/cosmos-server";
import { ensureCosmosResources } from "../../../local/cosmos/ensure-resources";
import type { Principal } from "../../../shared/auth/principal";
import { containerIds, containers } from "../../../shared/cosmos/containers";
import { createCosmosClient } from "../../../shared/cosmos/cosmos-client";
import { CosmosDeviceStore } from "../../../shared/cosmos/cosmos-device-store";
import { CosmosRelationshipFacts } from "../../../shared/cosmos/cosmos-relationship-facts";
import type { UploadRow } from "../../../shared/devices/device-upload";
import { CosmosLimitStore } from "../../../shared/limits/cosmos-limit-store";
import { createLimiter, defaultLimitSettings } from "../../../shared/limits/limiter";
import type { StoredRelationship } from "../../../shared/relationships/relationship-document";
import type { PartnerRecord } from "../../../shared/tenants/tenant-records";
import { registerDevices, type OemDevicePorts } from "../../../shared/use-cases/oem-devices";

type Counts = { query: number; read: number; write: number; batch: number; other: number };

/** Requests seen by the embedded server in this process, by kind. */
async function counted<T>(work: () => Promise<T>): Promise<{ result: T; counts: Counts; total: number }> {
  const counts: Counts = { query: 0, read: 0, write: 0, batch: 0, other: 0 };
  const listener = (message: unknown) => {
    const request = (message as { request: IncomingMessage }).request;
    if (
      request.headers["x-ms-documentdb-isquery"] !== undefined ||
      request.headers["x-ms-cosmos-is-query-plan-request"] !== undefined
    )
      counts.query += 1;
    else if (request.headers["x-ms-cosmos-is-batch-request"] !== undefined) counts.batch += 1;
    else if (request.method === "GET" && /\/docs\/[^/]+\/?$/.test(request.url ?? "")) counts.read += 1;
    else if (
      request.method === "PUT" ||
      request.method === "PATCH" ||
      (request.method === "POST" && /\/docs\/?$/.test(request.url ?? ""))
    )
      counts.write += 1;
    else counts.other += 1;
  };
  subscribe("http.server.request.start", listener);
  try {
    const result = await work();
    return { result, counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
  } finally {
    unsubscribe("http.server.request.start", listener);
  }
}

describe("an upload's Cosmos DB requests", () => {
  let cosmos: EmbeddedCosmos;
  let ports: OemDevicePorts;
  let dispose: () => void;
  const partnerTenantId = randomUUID();
  const customerTenantId = randomUUID();
  const caller = {
    partner: {
      id: "partner",
      kind: "partner",
      tenantId: partnerTenantId,
      displayName: "Bench OEM",
      registeredDateTime: new Date().toISOString()
    } as PartnerRecord,
    principal: {
      tenantId: partnerTenantId,
      userId: "engineer",
      directoryRoles: [],
      appRoles: ["Partner.Admin"]
    } as Principal
  };

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({ port: 0 });
    const client = createCosmosClient(
      { kind: "emulator", connectionString: cosmos.connectionString, endpoint: cosmos.endpoint },
      () => {
        throw new Error("emulator only");
      }
    );
    dispose = () => client.dispose();
    await ensureCosmosResources(client, "devices-requests", containers);
    const database = client.database("devices-requests");
    const relationship: Partial<StoredRelationship> & Record<string, unknown> = {
      id: randomUUID(),
      partnerTenantId,
      partnerType: "oem",
      status: "active",
      customer: { tenantId: customerTenantId },
      acceptance: {
        tenantId: customerTenantId,
        userId: "admin",
        acceptedDateTime: new Date().toISOString(),
        agreementVersion: "1",
        agreementSha256: "x"
      }
    };
    await database.container(containerIds.relationships).items.create(relationship);
    ports = {
      devices: new CosmosDeviceStore(database.container(containerIds.devices)),
      relationshipFacts: new CosmosRelationshipFacts(database.container(containerIds.relationships)),
      limiter: createLimiter(
        new CosmosLimitStore(database.container(containerIds.limits)),
        defaultLimitSettings,
        Buffer.alloc(32, 7)
      ),
      clock: { now: () => new Date() }
    };
  });
  afterAll(async () => {
    dispose?.();
    await cosmos?.stop();
  });

  it("registers 1,000 devices of 4 KB in a few dozen requests, and a retry of them in as many", async () => {
    const rows: UploadRow[] = Array.from({ length: 1_000 }, (_, index) => ({
      row: index + 1,
      device: {
        hardwareHash: randomBytes(3_000).toString("base64"),
        serialNumber: `SN${index}`,
        manufacturer: "Contoso",
        model: "Book"
      }
    }));
    // The first use of a limit window costs a read and a replace more; count a steady-state upload.
    await counted(() => registerDevices(ports, caller, customerTenantId, rows.slice(0, 1)));

    const fresh = await counted(() => registerDevices(ports, caller, customerTenantId, rows));
    const retried = await counted(() => registerDevices(ports, caller, customerTenantId, rows));

    console.log(
      `1,000 new devices: ${fresh.total} requests ${JSON.stringify(fresh.counts)}; the same again: ${retried.total} requests ${JSON.stringify(retried.counts)}`
    );
    expect(fresh.result).toMatchObject({ registeredCount: 999, duplicateCount: 1 });
    expect(retried.result).toMatchObject({ registeredCount: 0, duplicateCount: 1_000 });
    expect(retried.result.devices.every((device) => device.duplicateOf?.kind === "yours")).toBe(true);
    // One query for the standing, one patch for the limit, a batch per ~220 KB of creates, one query for the duplicate.
    expect(fresh.counts.batch).toBeGreaterThanOrEqual(10);
    expect(fresh.total).toBeLessThanOrEqual(40);
    expect(retried.total).toBeLessThanOrEqual(40);
    expect(fresh.counts.read + fresh.counts.write).toBeLessThanOrEqual(2);
  });
});
