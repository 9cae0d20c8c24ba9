/**
 * drainOutbox on the in-memory ports: entries carried out in order and removed under the ETag, a failure leaving the
 * rest for the timer, a replay after a crash doing no harm, and each kind of entry reaching its port.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { TransientError } from "../../../shared/errors";
import { drainOutbox } from "../../../shared/outbox/drain-outbox";
import type { AuditRecord, OutboxEntry } from "../../../shared/outbox/outbox-entry";
import type { StoredRelationship, VersionedRelationship } from "../../../shared/relationships/relationship-document";
import {
  customerTenantId,
  helpdeskAdministrator,
  inMemoryWritePath,
  partnerTenantId,
  type WritePath
} from "../../support/in-memory/write-path";

const id = "5f0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b";
const since = "2027-03-01T08:00:00.000Z";

const audit = (version: number): OutboxEntry => {
  const record: AuditRecord = {
    id: `${id}:${version}`,
    relationshipId: id,
    partnerTenantId,
    at: since,
    actor: { kind: "system" },
    action: `change${version}`
  };
  return { id: `${id}:${version}:audit`, kind: "audit", record };
};
const publish = (version: number): OutboxEntry => ({
  id: `${id}:${version}:publish:0`,
  kind: "publish",
  message: { kind: "applyGrants", partnerTenantId, relationshipId: id }
});
const index: OutboxEntry = { id: `${id}:1:index`, kind: "indexCustomer", customerTenantId };

function relationship(outbox: readonly OutboxEntry[]): StoredRelationship {
  return {
    id,
    partnerTenantId,
    displayName: "Managed helpdesk",
    uniqueName: "managed helpdesk",
    partnerType: "partnerWithGdap",
    partner: { tenantId: partnerTenantId, displayName: "Contoso Partners" },
    customer: { tenantId: customerTenantId, adminEmail: "admin@customer.example" },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdeskAdministrator }] },
    duration: "P730D",
    autoExtendDuration: "PT0S",
    status: "active",
    createdDateTime: since,
    lastModifiedDateTime: since,
    version: 2,
    outbox,
    ...(outbox.length > 0 ? { outboxSince: since } : {})
  };
}

let world: WritePath;
let start: VersionedRelationship;
const put = (outbox: readonly OutboxEntry[]) => (start = world.store.put(relationship(outbox)));
const stored = () => world.store.peek(partnerTenantId, id) as StoredRelationship;

beforeEach(() => {
  world = inMemoryWritePath();
});

describe("drainOutbox", () => {
  it("carries out every entry in order and removes them with one write, dropping outboxSince", async () => {
    put([audit(1), index, publish(1)]);

    const { relationship: after, failure } = await drainOutbox(world.ports, start);

    expect(failure).toBeUndefined();
    expect(after.document.outbox).toEqual([]);
    expect(stored().outbox).toEqual([]);
    expect(stored().outboxSince).toBeUndefined();
    expect(world.auditLog.actions(id)).toEqual(["change1"]);
    expect(await world.customerIndex.list(customerTenantId)).toEqual([{ partnerTenantId, relationshipId: id }]);
    expect(world.publisher.published).toEqual([
      { message: { kind: "applyGrants", partnerTenantId, relationshipId: id }, messageId: `${id}:1:publish:0` }
    ]);
    expect(world.store.faults.calls).toEqual(["replace"]);
  });

  it("stops at the first entry that fails, keeping it and everything after it for the timer", async () => {
    put([audit(1), publish(1), audit(2), publish(2)]);
    world.publisher.faults.failNext("publish", new TransientError("Service Bus is unavailable."));

    const { failure } = await drainOutbox(world.ports, start);

    expect(failure).toBeInstanceOf(TransientError);
    expect(stored().outbox.map((entry) => entry.id)).toEqual([
      `${id}:1:publish:0`,
      `${id}:2:audit`,
      `${id}:2:publish:0`
    ]);
    expect(stored().outboxSince).toBe(since);
    // The later audit record waits for the message before it, so the trail never runs ahead of what was sent.
    expect(world.auditLog.actions(id)).toEqual(["change1"]);
  });

  it("writes nothing when the first entry fails", async () => {
    put([audit(1), publish(1)]);
    world.auditLog.faults.failNext("append");

    const { failure, relationship: after } = await drainOutbox(world.ports, start);

    expect(failure).toBeInstanceOf(Error);
    expect(after).toEqual(start);
    expect(world.store.faults.calls).toEqual([]);
  });

  it("does no harm when the same entries are carried out again after a crash before their removal", async () => {
    put([audit(1), publish(1)]);
    world.store.faults.failNext("replace", new Error("the process died"));
    await expect(drainOutbox(world.ports, start)).rejects.toThrow("the process died");
    expect(stored().outbox).toHaveLength(2);

    // The timer drains it again: the audit record is not doubled; the message goes again under the same id.
    await drainOutbox(world.ports, (await world.store.get(partnerTenantId, id))!);

    expect(world.auditLog.records.size).toBe(1);
    expect(world.publisher.published.map((item) => item.messageId)).toEqual([`${id}:1:publish:0`, `${id}:1:publish:0`]);
    expect(stored().outbox).toEqual([]);
  });

  it("keeps the entries another write added meanwhile, removing only its own", async () => {
    put([audit(1), publish(1)]);
    let raced = false;
    world.store.beforeReplace = () => {
      if (raced) return;
      raced = true;
      world.store.put({ ...relationship([audit(1), publish(1), audit(3)]), version: 3 });
    };

    const { relationship: after } = await drainOutbox(world.ports, start);

    expect(after.document.outbox.map((entry) => entry.id)).toEqual([`${id}:3:audit`]);
    expect(stored()).toMatchObject({ version: 3, outboxSince: since });
    expect(stored().outbox.map((entry) => entry.id)).toEqual([`${id}:3:audit`]);
  });

  it("removes the document once the entries before its removal are done, and writes nothing after", async () => {
    put([audit(1), { id: `${id}:1:remove`, kind: "removeDocument" }]);

    await drainOutbox(world.ports, start);

    expect(world.store.peek(partnerTenantId, id)).toBeUndefined();
    expect(world.auditLog.actions(id)).toEqual(["change1"]);
    expect(world.store.faults.calls).toEqual(["remove"]);
  });

  it("takes the relationship's grants out of the access documents, auditing each revoked grant", async () => {
    const grant = { relationshipId: id, grantedDateTime: since, endDateTime: "2029-03-01T08:00:00.000Z" };
    await world.grantStore.putGrant(customerTenantId, partnerTenantId, helpdeskAdministrator, grant);
    put([
      {
        id: `${id}:2:removeAccess:0`,
        kind: "removeAccess",
        at: since,
        removal: { kind: "revokeGrants", roleDefinitionIds: [helpdeskAdministrator], reason: "terminated" }
      }
    ]);

    await drainOutbox(world.ports, start);

    expect(world.grantStore.grantsOf(customerTenantId, partnerTenantId, helpdeskAdministrator)).toEqual({});
    expect(world.auditLog.records.get(`${id}:grantRevoked:${helpdeskAdministrator}`)?.after).toMatchObject({
      reason: "terminated"
    });
    expect(stored().outbox).toEqual([]);
  });
});
