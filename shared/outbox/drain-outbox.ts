/**
 * Carries out a relationship's outbox entries and removes the ones done. Called right after the write that added
 * them, so access a request took away is gone before it answers; if anything fails (Service Bus down, a crash),
 * the entries stay on the document and the outbox timer drains them later. Every entry is idempotent, so an entry
 * carried out twice does no harm.
 */
import type { GrantStore } from "../grants/role-grants";
import { removeGroupGrants, revokeRoleGrants } from "../grants/grant-revocation";
import type { AuditLog, CustomerRelationshipIndex, MessagePublisher, RelationshipStore } from "../relationships/ports";
import type { VersionedRelationship } from "../relationships/relationship-document";
import { PreconditionFailedError } from "../errors";
import type { OutboxEntry } from "./outbox-entry";

export interface OutboxPorts {
  readonly store: RelationshipStore;
  readonly publisher: MessagePublisher;
  readonly auditLog: AuditLog;
  readonly customerIndex: CustomerRelationshipIndex;
  readonly grantStore: GrantStore;
}

export interface DrainResult {
  readonly relationship: VersionedRelationship;
  /** The first failure, if an entry could not be carried out (it stays in the outbox). */
  readonly failure?: unknown;
}

const maxRemovalAttempts = 5;

export async function drainOutbox(ports: OutboxPorts, current: VersionedRelationship): Promise<DrainResult> {
  const done = new Set<string>();
  let failure: unknown;
  for (const entry of current.document.outbox) {
    try {
      await carryOut(ports, entry, current);
      done.add(entry.id);
    } catch (error) {
      failure = error;
      break; // keep order: later entries (a message after its audit record) wait for the earlier ones
    }
    // The document itself is gone: there is no outbox left to tidy.
    if (entry.kind === "removeDocument") return { relationship: current };
  }
  if (done.size === 0) return { relationship: current, failure };
  return { relationship: await removeEntries(ports.store, current, done), failure };
}

async function carryOut(ports: OutboxPorts, entry: OutboxEntry, current: VersionedRelationship): Promise<void> {
  switch (entry.kind) {
    case "audit":
      return ports.auditLog.append(entry.record);
    case "indexCustomer":
      return ports.customerIndex.add(entry.customerTenantId, {
        partnerTenantId: current.document.partnerTenantId,
        relationshipId: current.document.id
      });
    case "publish":
      return ports.publisher.publish(entry.message, entry.id);
    case "removeDocument":
      return ports.store.remove(current.document.partnerTenantId, current.document.id);
    case "removeAccess": {
      const { removal } = entry;
      if (removal.kind === "removeGroup")
        return removeGroupGrants(ports, current.document, removal, removal.roleDefinitionIds);
      await revokeRoleGrants(ports, current.document, removal.roleDefinitionIds, removal.reason, new Date(entry.at));
      return;
    }
  }
}

/** Removes done entries with an ETag-guarded write; a concurrent change means re-reading and trying again. */
async function removeEntries(
  store: RelationshipStore,
  start: VersionedRelationship,
  done: ReadonlySet<string>
): Promise<VersionedRelationship> {
  let current: VersionedRelationship | undefined = start;
  for (let attempt = 0; attempt < maxRemovalAttempts && current; attempt += 1) {
    const remaining = current.document.outbox.filter((entry) => !done.has(entry.id));
    if (remaining.length === current.document.outbox.length) return current;
    try {
      const { outboxSince, ...document } = current.document;
      return await store.replace(
        remaining.length > 0 ? { ...document, outbox: remaining, outboxSince } : { ...document, outbox: remaining },
        current.etag
      );
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      current = await store.get(start.document.partnerTenantId, start.document.id);
    }
  }
  return current ?? start;
}
