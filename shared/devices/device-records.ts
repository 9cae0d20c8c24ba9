/**
 * Devices OEMs registered, as stored (container `devices`, partition `/customerTenantId`): a service database of
 * their own, apart from the access grants, as Windows Autopilot keeps hardware hashes apart from the tenant. A
 * device's id is derived from the customer and the hash, so one device is one document per customer whoever
 * uploads it and however often: a second create of it conflicts, which is how duplicates are found without a read.
 *
 * A removed device keeps its document as a removal record (who removed it and when, and whose registration it
 * was) without its hardware hash: removing is then one guarded write, and the record is its own audit trail. A
 * later registration of the same device replaces the record and carries the removals along.
 */
import { createHash } from "node:crypto";
import type { NormalizedDevice } from "../domain/oem-devices";
import type { Page } from "../relationships/ports";

/** The OEM as it was when it registered the device (a snapshot: a rename later does not rewrite history). */
export interface OemSnapshot {
  readonly tenantId: string;
  readonly displayName: string;
  readonly legalName?: string;
}

export interface RegisteredBy extends OemSnapshot {
  readonly userId: string;
  readonly userDisplayName?: string;
}

export interface DeviceRemoval {
  readonly serialNumber: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly registeredBy: OemSnapshot;
  readonly registeredDateTime: string;
  readonly removedDateTime: string;
  /** A user of the customer tenant. */
  readonly removedBy: { readonly userId: string; readonly displayName?: string };
}

export interface DeviceRecord extends NormalizedDevice {
  readonly id: string;
  readonly customerTenantId: string;
  readonly kind: "oemDevice";
  readonly registeredBy: RegisteredBy;
  /** The OEM relationship in force when it was registered. */
  readonly relationshipId: string;
  readonly registeredDateTime: string;
  /** Earlier registrations of this device that the customer removed, oldest first (the most recent 20). */
  readonly removals?: readonly DeviceRemoval[];
}

export interface RemovedDeviceRecord {
  readonly id: string;
  readonly customerTenantId: string;
  readonly kind: "removedOemDevice";
  readonly removals: readonly DeviceRemoval[];
}

export type StoredDevice = DeviceRecord | RemovedDeviceRecord;

/** What lists read: everything but the hash (4 KB a device, of no use on a list) and the removal history. */
export type DeviceSummary = Omit<DeviceRecord, "hardwareHash" | "removals">;

export interface VersionedDevice {
  readonly document: StoredDevice;
  /** Storage ETag, unquoted. */
  readonly etag: string;
}

/** What an upload needs to know of a device whose id was taken: whose it is, or that it was removed (and its ETag). */
export interface ExistingDevice {
  readonly id: string;
  readonly kind: StoredDevice["kind"];
  /** Present while registered. */
  readonly registeredBy?: OemSnapshot;
  readonly registeredDateTime?: string;
  readonly removals?: readonly DeviceRemoval[];
  /** Storage ETag, unquoted. */
  readonly etag: string;
}

export type CreateOutcome = "created" | "exists";

export interface DeviceListFilter {
  /** Only the devices this OEM tenant registered. */
  readonly registeredBy?: string;
}

export interface DeviceStore {
  /**
   * Creates every device whose id is free, in bulk within the customer's partition: per device `created`, or
   * `exists` when its id is taken. When any create fails for a passing reason, the rest are still tried and then a
   * TransientError is thrown: a retry of the whole upload finds the ones made as `exists`.
   */
  createAll(devices: readonly DeviceRecord[]): Promise<CreateOutcome[]>;
  /** Many ids of one customer in one query (without their hashes); ids not there are left out. */
  findExisting(customerTenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, ExistingDevice>>;
  get(customerTenantId: string, id: string): Promise<VersionedDevice | undefined>;
  /** Throws PreconditionFailedError when the stored ETag is no longer `etag`. */
  replace(document: StoredDevice, etag: string): Promise<void>;
  /** Registered (not removed) devices of a customer, newest first. */
  list(
    customerTenantId: string,
    filter: DeviceListFilter,
    top: number,
    continuation?: string
  ): Promise<Page<DeviceSummary>>;
}

export const maxRemovalsKept = 20;

/** 128 bits of SHA-256 over the customer and the hash's bytes: the same device for the same customer is the same id. */
export function deviceIdFor(customerTenantId: string, hardwareHash: string): string {
  return createHash("sha256")
    .update(`oem-device\u0000${customerTenantId.toLowerCase()}\u0000`)
    .update(Buffer.from(hardwareHash, "base64"))
    .digest("hex")
    .slice(0, 32);
}

export const deviceIdPattern = /^[0-9a-f]{32}$/;

export function isRegistered(document: StoredDevice): document is DeviceRecord {
  return document.kind === "oemDevice";
}
