/**
 * changeRelationship on the in-memory ports: the version it writes with its audit record and messages, If-Match and
 * racing writes (412, re-run, give up), what a refusal or an outage after the write leaves for the outbox timer.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { NotFoundError, PreconditionFailedError, TooManyRequestsError, TransientError } from "../../../shared/errors";
import { changeRelationship, type RelationshipChange } from "../../../shared/relationships/change-relationship";
import { relationshipEtag, type StoredRelationship } from "../../../shared/relationships/relationship-document";
import { createInvitation } from "../../../shared/use-cases/create-invitation";
import {
  approvedPartner,
  inMemoryWritePath,
  invitationRequest,
  partnerActor,
  partnerTenantId,
  type WritePath
} from "../../support/in-memory/write-path";

let world: WritePath;
let id: string;
beforeEach(async () => {
  world = inMemoryWritePath();
  const created = await createInvitation(world.ports, {
    partner: approvedPartner(),
    actor: partnerActor,
    request: invitationRequest()
  });
  id = created.relationship.document.id;
  world.publisher.published.length = 0;
  world.clock.advanceMinutes(5);
});

const request = (fields: { ifMatch?: string; visibleTo?: (document: StoredRelationship) => boolean } = {}) => ({
  partnerTenantId,
  relationshipId: id,
  ...fields
});
const rename =
  (displayName: string) =>
  (current: StoredRelationship): RelationshipChange => ({
    document: { ...current, displayName, uniqueName: displayName.toLowerCase() },
    action: "renamed",
    actor: partnerActor,
    publish: [{ kind: "relationshipNotice", partnerTenantId, relationshipId: current.id, notice: "extended" }]
  });
const stored = () => world.store.peek(partnerTenantId, id) as StoredRelationship;

describe("changeRelationship", () => {
  it("writes the change as the next version with its audit record and messages, carried out before it answers", async () => {
    const written = await changeRelationship(world.ports, request({ ifMatch: "v1" }), rename("Renamed"));

    expect(written.document).toMatchObject({
      displayName: "Renamed",
      version: 2,
      changeVersion: 2,
      lastModifiedDateTime: "2027-03-01T09:05:00.000Z",
      outbox: []
    });
    expect(stored()).toEqual(written.document);
    expect(relationshipEtag(stored())).toBe("v2");
    expect(world.auditLog.records.get(`${id}:2`)).toMatchObject({
      action: "renamed",
      actor: partnerActor,
      before: { status: "approvalPending" },
      after: { status: "approvalPending" }
    });
    expect(world.publisher.published).toEqual([
      {
        message: { kind: "relationshipNotice", partnerTenantId, relationshipId: id, notice: "extended" },
        messageId: `${id}:2:publish:0`
      }
    ]);
  });

  it("keeps the ETag clients hold when the change is bookkeeping, so their If-Match still matches", async () => {
    await changeRelationship(world.ports, request(), (current) => ({ ...rename("Noted")(current), bookkeeping: true }));

    expect(stored()).toMatchObject({ version: 2, changeVersion: 1 });
    const after = await changeRelationship(world.ports, request({ ifMatch: "v1" }), rename("Renamed"));
    expect(after.document.changeVersion).toBe(3);
  });

  it("starts from the version the caller holds without reading it again, and reads afresh when that version is stale", async () => {
    const held = await world.store.get(partnerTenantId, id);
    let before = world.store.faults.calls.length;
    await changeRelationship(world.ports, { ...request(), held }, rename("From held"));
    // No read; the write, then the drain's write of the emptied outbox.
    expect(world.store.faults.calls.slice(before)).toEqual(["replace", "replace"]);

    before = world.store.faults.calls.length;
    const written = await changeRelationship(world.ports, { ...request(), held }, rename("From stale"));
    expect(world.store.faults.calls.slice(before)).toEqual(["replace", "get", "replace", "replace"]);
    expect(written.document).toMatchObject({ displayName: "From stale", version: 3 });
  });

  it("reads afresh instead of starting from a held version whose outbox is still being cleared", async () => {
    const owing = {
      id: `${id}:1:index`,
      kind: "indexCustomer",
      customerTenantId: "6babcaad-604b-40ac-a9d7-9fd97c0b779f"
    } as const;
    const held = world.store.put({ ...stored(), outbox: [owing], outboxSince: "2027-03-01T09:00:00.000Z" });
    const before = world.store.faults.calls.length;

    await changeRelationship(world.ports, { ...request(), held }, rename("Fresh"));

    expect(world.store.faults.calls.slice(before)).toEqual(["get", "replace", "replace"]);
  });

  it("owes no audit record for a change its caller audited itself, and leaves no outbox when it owes nothing", async () => {
    const written = await changeRelationship(world.ports, request(), (current) => ({
      ...rename("Audited")(current),
      publish: [],
      auditedBefore: true
    }));

    expect(world.auditLog.actions(id)).toEqual(["invitationCreated"]);
    expect(written.document.outbox).toEqual([]);
    expect(stored().outboxSince).toBeUndefined();
  });

  it("refuses a stale If-Match with a 412 and writes nothing", async () => {
    await changeRelationship(world.ports, request(), rename("First"));
    const before = stored();

    await expect(changeRelationship(world.ports, request({ ifMatch: "v1" }), rename("Second"))).rejects.toBeInstanceOf(
      PreconditionFailedError
    );
    expect(stored()).toEqual(before);
  });

  it("re-runs the change against the new state when another write lands between its read and its write", async () => {
    let raced = false;
    world.store.beforeReplace = () => {
      if (raced) return;
      raced = true;
      world.store.put({ ...stored(), displayName: "Theirs", uniqueName: "theirs", version: 2 });
    };
    const seen: string[] = [];

    const written = await changeRelationship(world.ports, request(), (current) => {
      seen.push(current.displayName);
      return rename(`${current.displayName} and mine`)(current);
    });

    expect(seen).toEqual(["Managed helpdesk", "Theirs"]);
    expect(written.document).toMatchObject({ displayName: "Theirs and mine", version: 3 });
    // Read, lose the race, read again, write; then the drain's write of the emptied outbox.
    expect(world.store.faults.calls.slice(2)).toEqual(["get", "replace", "get", "replace", "replace"]);
  });

  it("gives up with a 412 after five attempts lost to racing writes", async () => {
    world.store.beforeReplace = (document) => {
      if (document.displayName === "Mine") world.store.put(stored());
    };

    await expect(changeRelationship(world.ports, request(), rename("Mine"))).rejects.toBeInstanceOf(
      PreconditionFailedError
    );
    expect(world.store.faults.calls.slice(2)).toEqual(Array.from({ length: 5 }, () => ["get", "replace"]).flat());
    expect(stored().displayName).toBe("Managed helpdesk");
  });

  it("answers 404 for a missing, deleted or not-visible relationship, without writing", async () => {
    const replacesBefore = world.store.faults.count("replace");
    await expect(
      changeRelationship(world.ports, { partnerTenantId, relationshipId: "missing" }, rename("x"))
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      changeRelationship(world.ports, request({ visibleTo: () => false }), rename("x"))
    ).rejects.toBeInstanceOf(NotFoundError);
    world.store.put({ ...stored(), deletedDateTime: "2027-03-01T09:01:00.000Z" });
    await expect(changeRelationship(world.ports, request(), rename("x"))).rejects.toBeInstanceOf(NotFoundError);
    expect(world.store.faults.count("replace")).toBe(replacesBefore);
  });

  it("writes nothing when the check before the write refuses (an abuse limit)", async () => {
    const refusal = new TooManyRequestsError(
      "Too many.",
      "resendsPerInvitationPerDay",
      new Date("2027-03-02T00:00:00.000Z"),
      world.clock.now()
    );
    const beforeWrite = async (next: StoredRelationship) => {
      expect(next.displayName).toBe("Renamed");
      throw refusal;
    };

    await expect(changeRelationship(world.ports, request(), rename("Renamed"), beforeWrite)).rejects.toBe(refusal);
    expect(stored().displayName).toBe("Managed helpdesk");
  });

  it("reports a written change as done when its messages cannot be sent, leaving them in the outbox for the timer", async () => {
    world.publisher.faults.failNext("publish", new TransientError("Service Bus is unavailable."));

    const written = await changeRelationship(world.ports, request(), rename("Renamed"));

    expect(written.document.displayName).toBe("Renamed");
    // The audit record (first in the outbox) went out; the message stays, dated for the re-publish timer.
    expect(world.auditLog.actions(id)).toEqual(["invitationCreated", "renamed"]);
    expect(stored().outbox.map((entry) => entry.id)).toEqual([`${id}:2:publish:0`]);
    expect(stored().outboxSince).toBe("2027-03-01T09:05:00.000Z");
    expect(world.publisher.published).toEqual([]);
  });

  it("leaves the stored document as it was when the write itself fails", async () => {
    world.store.faults.failNext("replace", new TransientError("Cosmos DB is busy; try again shortly."));
    const before = stored();

    await expect(changeRelationship(world.ports, request(), rename("Renamed"))).rejects.toBeInstanceOf(TransientError);
    expect(stored()).toEqual(before);
    expect(world.auditLog.actions(id)).toEqual(["invitationCreated"]);
  });
});
