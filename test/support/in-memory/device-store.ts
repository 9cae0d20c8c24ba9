/**
 * The device store in memory, for unit tests of the upload and removal rules: creates that conflict on a taken id,
 * ETag-guarded replaces, and a hook to change a device between a read and a write, as a racing request would.
 */
import type {
  CreateOutcome,
  DeviceListFilter,
  DeviceRecord,
  DeviceStore,
  DeviceSummary,
  ExistingDevice,
  StoredDevice,
  VersionedDevice
} from "../../../shared/devices/device-records";
import { PreconditionFailedError } from "../../../shared/errors";
import type { Page } from "../../../shared/relationships/ports";

export class InMemoryDevices implements DeviceStore {
  readonly documents = new Map<string, { document: StoredDevice; etag: number }>();
  writes = 0;
  /** Runs before each replace is checked: lets a test change the device first. */
  beforeReplace: (id: string) => void = () => undefined;
  private etags = 0;

  put(document: StoredDevice): void {
    this.documents.set(this.key(document.customerTenantId, document.id), {
      document: structuredClone(document),
      etag: ++this.etags
    });
  }

  async createAll(devices: readonly DeviceRecord[]): Promise<CreateOutcome[]> {
    return devices.map((device) => {
      if (this.documents.has(this.key(device.customerTenantId, device.id))) return "exists";
      this.writes += 1;
      this.put(device);
      return "created";
    });
  }

  async findExisting(customerTenantId: string, ids: readonly string[]): Promise<ReadonlyMap<string, ExistingDevice>> {
    const found = new Map<string, ExistingDevice>();
    for (const id of ids) {
      const stored = this.documents.get(this.key(customerTenantId, id));
      if (!stored) continue;
      const { document } = stored;
      found.set(id, {
        id,
        kind: document.kind,
        ...(document.kind === "oemDevice"
          ? { registeredBy: document.registeredBy, registeredDateTime: document.registeredDateTime }
          : {}),
        ...(document.removals ? { removals: document.removals } : {}),
        etag: String(stored.etag)
      });
    }
    return found;
  }

  async get(customerTenantId: string, id: string): Promise<VersionedDevice | undefined> {
    const stored = this.documents.get(this.key(customerTenantId, id));
    return stored && { document: structuredClone(stored.document), etag: String(stored.etag) };
  }

  async replace(document: StoredDevice, etag: string): Promise<void> {
    this.beforeReplace(document.id);
    const stored = this.documents.get(this.key(document.customerTenantId, document.id));
    if (!stored || String(stored.etag) !== etag) throw new PreconditionFailedError("changed");
    this.writes += 1;
    this.put(document);
  }

  async list(customerTenantId: string, filter: DeviceListFilter, top: number): Promise<Page<DeviceSummary>> {
    const items = [...this.documents.values()]
      .map((stored) => stored.document)
      .filter(
        (document): document is DeviceRecord =>
          document.customerTenantId === customerTenantId && document.kind === "oemDevice"
      )
      .filter((document) => !filter.registeredBy || document.registeredBy.tenantId === filter.registeredBy)
      .map(({ hardwareHash: _hash, removals: _removals, ...summary }) => summary);
    return { items: items.slice(0, top) };
  }

  private key(customerTenantId: string, id: string): string {
    return `${customerTenantId}/${id}`;
  }
}
