/**
 * A registered device as each side sees it. The OEM sees which of its users registered it; the customer sees which
 * OEM did (its names as they were then, its tenant id) and under which relationship. Neither list carries the
 * hardware hash, and an OEM never sees another OEM's registrations.
 */
import type { DeviceSummary } from "./device-records";

const shared = (device: DeviceSummary) => ({
  id: device.id,
  serialNumber: device.serialNumber,
  ...(device.windowsProductId ? { windowsProductId: device.windowsProductId } : {}),
  manufacturer: device.manufacturer,
  model: device.model,
  registeredDateTime: device.registeredDateTime
});

export function toOemDeviceResource(device: DeviceSummary) {
  const by = device.registeredBy;
  return {
    ...shared(device),
    registeredBy: { userId: by.userId, ...(by.userDisplayName ? { displayName: by.userDisplayName } : {}) }
  };
}

export function toCustomerDeviceResource(device: DeviceSummary) {
  const by = device.registeredBy;
  return {
    ...shared(device),
    relationshipId: device.relationshipId,
    registeredBy: {
      tenantId: by.tenantId,
      displayName: by.displayName,
      ...(by.legalName ? { legalName: by.legalName } : {})
    }
  };
}
