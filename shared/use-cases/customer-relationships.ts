/**
 * What a customer admin does with its partner relationships: list them, read one with its history, remove the
 * partner's admin roles, end the relationship. The customer index says where each relationship lives; each one is
 * then read from its partner's partition and kept only if it names the caller's tenant as its customer.
 */
import { withAssignmentsEnding, withWorkStarted } from "../assignments/relationship-work";
import type { Principal } from "../auth/principal";
import { mayListRelationships, mayRemoveRoles, mayTerminate } from "../domain/customer-permissions";
import { canRemoveRoles } from "../domain/lifecycle";
import type { RelationshipStatus } from "../domain/relationship";
import { roleIdsOf } from "../domain/roles";
import { ConflictError } from "../errors";
import type { AuditRecord } from "../outbox/outbox-entry";
import { changeRelationship } from "../relationships/change-relationship";
import type { InvitationReference } from "../relationships/ports";
import type { StoredRelationship, VersionedRelationship } from "../relationships/relationship-document";
import { requestTermination } from "./partner-relationships";
import {
  changeRequestFor,
  customerActor,
  isCustomerOf,
  readCustomerRelationship,
  requirePermission,
  type CustomerPorts
} from "./customer-checks";

/**
 * After "Remove roles" the relationship carries no roles (`accessDetails.unifiedRoles` is empty, so nothing can
 * grant or check them again) and remembers here what was removed.
 */
export interface RolesRemoval {
  readonly removedRoles?: readonly { readonly roleDefinitionId: string }[];
}

export type CustomerRelationship = StoredRelationship & RolesRemoval;

/** Point reads in small parallel batches: fast for a few dozen relationships, gentle for thousands. */
const readConcurrency = 16;

export async function listCustomerRelationships(
  ports: CustomerPorts,
  caller: Principal,
  status?: RelationshipStatus
): Promise<VersionedRelationship[]> {
  requirePermission(mayListRelationships(caller.directoryRoles));
  const entries = await ports.customerIndex.list(caller.tenantId);
  const found = await readAll(ports, entries);
  return found
    .filter((relationship) => isCustomerOf(caller.tenantId)(relationship.document))
    .filter((relationship) => status === undefined || relationship.document.status === status)
    .sort((a, b) => b.document.createdDateTime.localeCompare(a.document.createdDateTime));
}

export interface CustomerRelationshipDetail {
  readonly relationship: VersionedRelationship;
  readonly history: readonly AuditRecord[];
}

export async function getCustomerRelationship(
  ports: CustomerPorts,
  caller: Principal,
  relationshipId: string
): Promise<CustomerRelationshipDetail> {
  requirePermission(mayListRelationships(caller.directoryRoles));
  const relationship = await readCustomerRelationship(ports, caller, relationshipId);
  const history = await ports.auditLog.listForRelationship(relationshipId);
  return {
    relationship,
    history: history.filter((record) => record.partnerTenantId === relationship.document.partnerTenantId)
  };
}

/** Revokes every grant but keeps the relationship, so the partner can go on working without roles (as a reseller). */
export async function removeRoles(
  ports: CustomerPorts,
  caller: Principal,
  relationshipId: string,
  ifMatch?: string
): Promise<VersionedRelationship> {
  requirePermission(mayRemoveRoles(caller.directoryRoles));
  const request = await changeRequestFor(ports, caller, relationshipId, ifMatch);
  return changeRelationship(ports, request, (current, now) => {
    const decision = canRemoveRoles(current);
    if (!decision.allowed) throw new ConflictError(decision.reason);
    // The grants (and every partner group listed in them) leave the access documents before this request answers.
    const work = withWorkStarted(withAssignmentsEnding(current, now), "removeRoles", now);
    const document: CustomerRelationship = {
      ...work.document,
      accessDetails: { unifiedRoles: [] },
      removedRoles: current.accessDetails.unifiedRoles,
      rolesRemovedDateTime: now.toISOString()
    };
    return {
      document,
      action: "rolesRemoved",
      actor: customerActor(caller),
      removeAccess: [
        {
          kind: "revokeGrants",
          roleDefinitionIds: roleIdsOf(current.accessDetails.unifiedRoles),
          reason: "rolesRemoved"
        }
      ],
      publish: [
        {
          kind: "revokeGrants",
          partnerTenantId: current.partnerTenantId,
          relationshipId: current.id,
          reason: "rolesRemoved",
          operationId: work.operationId
        }
      ]
    };
  });
}

export async function terminateForCustomer(
  ports: CustomerPorts,
  caller: Principal,
  relationshipId: string,
  ifMatch?: string
): Promise<VersionedRelationship> {
  requirePermission(mayTerminate(caller.directoryRoles));
  const { visibleTo, ...request } = await changeRequestFor(ports, caller, relationshipId, ifMatch);
  return requestTermination(ports, { ...request, actor: customerActor(caller) }, "customer", visibleTo);
}

async function readAll(
  ports: CustomerPorts,
  entries: readonly InvitationReference[]
): Promise<VersionedRelationship[]> {
  const found: VersionedRelationship[] = [];
  for (let start = 0; start < entries.length; start += readConcurrency) {
    const batch = entries.slice(start, start + readConcurrency);
    const reads = await Promise.all(batch.map((entry) => ports.store.get(entry.partnerTenantId, entry.relationshipId)));
    for (const read of reads) if (read) found.push(read);
  }
  return found;
}
