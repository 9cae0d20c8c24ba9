/**
 * The partner records an instance keeps between requests (issue 13): how long a copy is trusted, and that a write
 * through the same store is seen at once while one through another instance waits for the copy to lapse.
 */
import { describe, expect, it } from "vitest";
import { CachedPartnerRecords, partnerRecordCacheMs } from "../../../shared/tenants/cached-partner-records";
import type { PartnerRecord, TenantStore } from "../../../shared/tenants/tenant-records";

const tenantId = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";

function record(status: PartnerRecord["status"]): PartnerRecord {
  return {
    id: "partner",
    kind: "partner",
    tenantId,
    displayName: "Contoso",
    registeredDateTime: "2027-01-01T00:00:00.000Z",
    status
  };
}

/** The stored records, and how often each was read. */
function storeOf(records: Map<string, PartnerRecord>) {
  let reads = 0;
  const store = {
    getPartner: async (id: string) => ((reads += 1), records.get(id)),
    updatePartner: async (id: string, change: (current: PartnerRecord | undefined) => PartnerRecord) => {
      const next = change(records.get(id));
      records.set(id, next);
      return next;
    }
  } as unknown as TenantStore;
  return { store, reads: () => reads };
}

describe("CachedPartnerRecords", () => {
  it("reads a partner once while its copy is fresh, and again once the copy has lapsed", async () => {
    let now = 1_000_000;
    const backing = storeOf(new Map([[tenantId, record("approved")]]));
    const cached = new CachedPartnerRecords(backing.store, () => now);
    await cached.getPartner(tenantId);
    now += partnerRecordCacheMs - 1;
    expect((await cached.getPartner(tenantId))?.status).toBe("approved");
    expect(backing.reads()).toBe(1);
    now += 1;
    await cached.getPartner(tenantId);
    expect(backing.reads()).toBe(2);
  });

  it("sees a suspension written through it at once, and one written elsewhere when the copy lapses", async () => {
    let now = 0;
    const records = new Map([[tenantId, record("approved")]]);
    const backing = storeOf(records);
    const cached = new CachedPartnerRecords(backing.store, () => now);
    await cached.getPartner(tenantId);
    await cached.updatePartner(tenantId, (current) => ({ ...(current as PartnerRecord), status: "suspended" }));
    expect((await cached.getPartner(tenantId))?.status).toBe("suspended");

    // Another instance reinstates it: this one still holds "suspended" until its copy lapses.
    records.set(tenantId, record("approved"));
    expect((await cached.getPartner(tenantId))?.status).toBe("suspended");
    now += partnerRecordCacheMs;
    expect((await cached.getPartner(tenantId))?.status).toBe("approved");
  });

  it("keeps no answer for a tenant that is not a partner: one approved elsewhere is a partner on its next request", async () => {
    const records = new Map<string, PartnerRecord>();
    const cached = new CachedPartnerRecords(storeOf(records).store, () => 0);
    expect(await cached.getPartner(tenantId)).toBeUndefined();
    records.set(tenantId, record("approved"));
    expect((await cached.getPartner(tenantId))?.status).toBe("approved");
  });
});
