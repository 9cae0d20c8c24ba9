/**
 * A customer's view of the devices OEMs registered for it: the list (newest first, with the OEM that registered
 * each), and removing one. Everything is in the caller's own partition of `devices`, so another tenant's device is
 * simply not found. Removing writes the removal record in place of the device in one ETag-guarded replace: who
 * removed it and when, and whose registration it was, without the hardware hash. Removing a device already
 * removed changes nothing and succeeds (a retry after a lost answer), so a retried DELETE is a 204 again.
 */
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { mayManageDevices } from "../domain/customer-permissions";
import { NotFoundError, PreconditionFailedError } from "../errors";
import type { Page } from "../relationships/ports";
import {
  isRegistered,
  maxRemovalsKept,
  type DeviceRecord,
  type DeviceRemoval,
  type DeviceStore,
  type DeviceSummary,
  type RemovedDeviceRecord
} from "../devices/device-records";
import { requirePermission } from "./customer-checks";

export interface CustomerDevicePorts {
  readonly devices: DeviceStore;
  readonly clock: Clock;
}

const maxAttempts = 3;

export async function listCustomerDevices(
  ports: CustomerDevicePorts,
  caller: Principal,
  top: number,
  continuation?: string
): Promise<Page<DeviceSummary>> {
  requirePermission(mayManageDevices(caller.directoryRoles));
  return ports.devices.list(caller.tenantId, {}, top, continuation);
}

/** The device the caller may remove, for a confirmation page; a 404 when it is not registered for the caller. */
export async function getCustomerDevice(
  ports: CustomerDevicePorts,
  caller: Principal,
  id: string
): Promise<DeviceRecord> {
  requirePermission(mayManageDevices(caller.directoryRoles));
  const found = await ports.devices.get(caller.tenantId, id);
  if (!found || !isRegistered(found.document))
    throw new NotFoundError("No such device is registered for your organisation.");
  return found.document;
}

/** Returns the removal made, or the one already recorded when the device had been removed before. */
export async function removeCustomerDevice(
  ports: CustomerDevicePorts,
  caller: Principal,
  id: string
): Promise<DeviceRemoval> {
  requirePermission(mayManageDevices(caller.directoryRoles));
  for (let attempt = 1; ; attempt += 1) {
    const found = await ports.devices.get(caller.tenantId, id);
    if (!found) throw new NotFoundError("No such device is registered for your organisation.");
    const current = found.document;
    if (!isRegistered(current)) return current.removals[current.removals.length - 1] as DeviceRemoval;
    const removal: DeviceRemoval = {
      serialNumber: current.serialNumber,
      manufacturer: current.manufacturer,
      model: current.model,
      registeredBy: {
        tenantId: current.registeredBy.tenantId,
        displayName: current.registeredBy.displayName,
        ...(current.registeredBy.legalName ? { legalName: current.registeredBy.legalName } : {})
      },
      registeredDateTime: current.registeredDateTime,
      removedDateTime: ports.clock.now().toISOString(),
      removedBy: { userId: caller.userId, ...(caller.displayName ? { displayName: caller.displayName } : {}) }
    };
    const record: RemovedDeviceRecord = {
      id,
      customerTenantId: caller.tenantId,
      kind: "removedOemDevice",
      removals: [...(current.removals ?? []), removal].slice(-maxRemovalsKept)
    };
    try {
      await ports.devices.replace(record, found.etag);
      return removal;
    } catch (error) {
      // An OEM registered it again meanwhile, or another admin removed it: read it again and decide afresh.
      if (!(error instanceof PreconditionFailedError) || attempt >= maxAttempts) throw error;
    }
  }
}
