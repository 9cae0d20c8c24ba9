/**
 * An OEM registers devices for a customer, and lists what it registered there. The upload arrives checked (every
 * row valid, or nothing happens: shared/devices/device-upload.ts); here the OEM's standing with the customer is
 * read (one query: shared/domain/oem-registration.ts), the upload is counted against its hourly limit, and the
 * devices are created in bulk. Ids are derived from the customer and the hash, so a device already there (from an
 * earlier row, an earlier upload, a retried one, or another OEM) comes back as a duplicate and is not written again.
 *
 * Nothing here touches the access store: an OEM relationship carries no roles, and a registration grants nothing.
 *
 * Cosmos DB requests for an upload of n new devices: 1 query (standing), 1 for the limit, and the bulk creates
 * (about n / 50 batch requests for 4 KB hashes). Duplicates add one query that says whose they are.
 */
import type { Clock } from "../clock";
import { mayReadRegistrations, registrationStanding, type RegistrationStanding } from "../domain/oem-registration";
import { ForbiddenError, PreconditionFailedError, TransientError } from "../errors";
import type { Principal } from "../auth/principal";
import type { Limiter } from "../limits/limiter";
import type { Page } from "../relationships/ports";
import type { PartnerRecord } from "../tenants/tenant-records";
import {
  deviceIdFor,
  maxRemovalsKept,
  type DeviceRecord,
  type DeviceStore,
  type DeviceSummary,
  type ExistingDevice
} from "../devices/device-records";
import type { PartnerRelationshipFacts } from "../relationships/ports";
import type { UploadRow } from "../devices/device-upload";

export interface OemDevicePorts {
  readonly devices: DeviceStore;
  readonly relationshipFacts: PartnerRelationshipFacts;
  readonly limiter: Pick<Limiter, "admitDeviceUpload">;
  readonly clock: Clock;
}

/** The OEM user uploading: a user of a registered partner tenant (its record carries the names kept on each device). */
export interface OemUploader {
  readonly partner: PartnerRecord;
  readonly principal: Principal;
}

/** Where a duplicate is already registered: an earlier row of this upload, by the caller itself, or by another OEM. */
export type DuplicateOf =
  | { readonly kind: "row"; readonly row: number }
  | { readonly kind: "yours"; readonly registeredDateTime: string }
  | { readonly kind: "anotherOem" };

export interface DeviceOutcome {
  readonly row: number;
  readonly line?: number;
  readonly id: string;
  readonly serialNumber: string;
  readonly outcome: "registered" | "duplicate";
  readonly duplicateOf?: DuplicateOf;
}

export interface UploadResult {
  readonly customerTenantId: string;
  readonly registeredCount: number;
  readonly duplicateCount: number;
  readonly devices: readonly DeviceOutcome[];
}

const replaceConcurrency = 16;

export async function registerDevices(
  ports: OemDevicePorts,
  caller: OemUploader,
  customerTenantId: string,
  rows: readonly UploadRow[]
): Promise<UploadResult> {
  const partnerTenantId = caller.partner.tenantId;
  const standing = registrationStanding(
    await ports.relationshipFacts.relationshipsWith(partnerTenantId, customerTenantId)
  );
  if (!standing.allowed) throw new ForbiddenError(standing.reason);
  const now = ports.clock.now();
  await ports.limiter.admitDeviceUpload(partnerTenantId, now);

  const registeredBy = {
    tenantId: partnerTenantId,
    displayName: caller.partner.profile?.name ?? caller.partner.displayName,
    ...(caller.partner.identity?.legalName ? { legalName: caller.partner.identity.legalName } : {}),
    userId: caller.principal.userId,
    ...(caller.principal.displayName ? { userDisplayName: caller.principal.displayName } : {})
  };
  const firstRow = new Map<string, number>();
  const records: DeviceRecord[] = [];
  const planned = rows.map((row) => {
    const id = deviceIdFor(customerTenantId, row.device.hardwareHash);
    const earlier = firstRow.get(id);
    if (earlier === undefined) {
      firstRow.set(id, row.row);
      records.push({
        id,
        customerTenantId,
        kind: "oemDevice",
        ...row.device,
        registeredBy,
        relationshipId: standing.relationshipId,
        registeredDateTime: now.toISOString()
      });
    }
    return { row, id, earlier };
  });

  const created = await ports.devices.createAll(records);
  const taken = records.filter((_, index) => created[index] === "exists");
  const found = await ports.devices.findExisting(
    customerTenantId,
    taken.map((record) => record.id)
  );
  const reregistered = new Set(await takeOverRemoved(ports.devices, taken, found));

  const outcomes = planned.map(({ row, id, earlier }): DeviceOutcome => {
    const base = {
      row: row.row,
      ...(row.line === undefined ? {} : { line: row.line }),
      id,
      serialNumber: row.device.serialNumber
    };
    if (earlier !== undefined) return { ...base, outcome: "duplicate", duplicateOf: { kind: "row", row: earlier } };
    const existing = found.get(id);
    if (!existing || reregistered.has(id) || existing.kind !== "oemDevice") return { ...base, outcome: "registered" };
    const duplicateOf: DuplicateOf =
      existing.registeredBy?.tenantId === partnerTenantId
        ? { kind: "yours", registeredDateTime: existing.registeredDateTime ?? "" }
        : { kind: "anotherOem" };
    return { ...base, outcome: "duplicate", duplicateOf };
  });
  const registeredCount = outcomes.filter((outcome) => outcome.outcome === "registered").length;
  return { customerTenantId, registeredCount, duplicateCount: outcomes.length - registeredCount, devices: outcomes };
}

export async function listOemDevices(
  ports: Pick<OemDevicePorts, "devices" | "relationshipFacts">,
  partnerTenantId: string,
  customerTenantId: string,
  top: number,
  continuation?: string
): Promise<Page<DeviceSummary>> {
  const overview = await oemDeviceOverview(ports, partnerTenantId, customerTenantId, top, continuation);
  if (!overview.devices) throw new ForbiddenError(overview.registration.allowed ? "" : overview.registration.reason);
  return overview.devices;
}

export interface OemDeviceOverview {
  /** Whether the OEM may register devices for this customer now, or why not. */
  readonly registration: RegistrationStanding;
  readonly customerDisplayName?: string;
  /** What it registered there; absent when it never had an accepted OEM relationship with the customer. */
  readonly devices?: Page<DeviceSummary>;
}

/** The OEM's page: may it register, and what it registered, from one read of its relationships with the customer. */
export async function oemDeviceOverview(
  ports: Pick<OemDevicePorts, "devices" | "relationshipFacts">,
  partnerTenantId: string,
  customerTenantId: string,
  top: number,
  continuation?: string
): Promise<OemDeviceOverview> {
  const facts = await ports.relationshipFacts.relationshipsWith(partnerTenantId, customerTenantId);
  const customerDisplayName = facts.find((fact) => fact.customerDisplayName)?.customerDisplayName;
  const base = { registration: registrationStanding(facts), ...(customerDisplayName ? { customerDisplayName } : {}) };
  if (!mayReadRegistrations(facts).allowed) return base;
  return {
    ...base,
    devices: await ports.devices.list(customerTenantId, { registeredBy: partnerTenantId }, top, continuation)
  };
}

/**
 * Devices the customer removed come back when registered again: their removal records are replaced (each under
 * its ETag, carrying the removal history). Returns the ids taken over. A device that changed meanwhile, or vanished,
 * makes the upload a 503 to send again, which then finds it as it now is.
 */
async function takeOverRemoved(
  store: DeviceStore,
  taken: readonly DeviceRecord[],
  found: ReadonlyMap<string, ExistingDevice>
): Promise<string[]> {
  const toReplace = taken.filter((record) => {
    const existing = found.get(record.id);
    if (!existing) throw new TransientError("A device changed while it was being registered; send the upload again.");
    return existing.kind !== "oemDevice";
  });
  for (let start = 0; start < toReplace.length; start += replaceConcurrency) {
    await Promise.all(
      toReplace.slice(start, start + replaceConcurrency).map(async (record) => {
        const existing = found.get(record.id) as ExistingDevice;
        const removals = existing.removals ?? [];
        await store
          .replace(
            { ...record, ...(removals.length > 0 ? { removals: removals.slice(-maxRemovalsKept) } : {}) },
            existing.etag
          )
          .catch((error: unknown) => {
            throw error instanceof PreconditionFailedError
              ? new TransientError("A device changed while it was being registered; send the upload again.")
              : error;
          });
      })
    );
  }
  return toReplace.map((record) => record.id);
}
