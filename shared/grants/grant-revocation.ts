/**
 * Taking grants out of the role-grants documents: a relationship's grants (with every group listed in them), or one
 * assignment's group. Both run inside the request that made the change (as outbox entries its own drain carries
 * out, so the access check says no at once) and again, finding nothing left, in the queue handler that finishes
 * the work; the outbox timer carries out whatever a crash left. Each step is idempotent.
 */
import type { AuditRecord } from "../outbox/outbox-entry";
import type { AuditLog } from "../relationships/ports";
import type { GrantStore } from "./role-grants";

export type RevocationReason = "rolesRemoved" | "terminated" | "expired";

export interface RevocationPorts {
  readonly grantStore: GrantStore;
  readonly auditLog: Pick<AuditLog, "append">;
}

/** What revoking needs to know of the relationship. */
export interface GrantHolder {
  readonly id: string;
  readonly partnerTenantId: string;
  readonly customer: { readonly tenantId?: string };
}

/**
 * Removes this relationship's grant of each role, auditing each grant that was there. Returns the roles whose
 * grant it removed. A relationship no customer accepted has no grants.
 */
export async function revokeRoleGrants(
  ports: RevocationPorts,
  relationship: GrantHolder,
  roleIds: readonly string[],
  reason: RevocationReason,
  at: Date
): Promise<string[]> {
  const customerTenantId = relationship.customer.tenantId;
  if (!customerTenantId) return [];
  const revoked: string[] = [];
  for (const roleId of roleIds) {
    const held = await ports.grantStore.get(customerTenantId, relationship.partnerTenantId, roleId);
    const grant = held?.grants[relationship.id];
    if (!grant) continue;
    // Audit first: a crash in between leaves the grant, and the redelivery audits (same id, no duplicate) and removes it.
    const groups = Object.keys(grant.groups ?? {});
    await ports.auditLog.append(
      grantAuditRecord(relationship, roleId, "grantRevoked", at, {
        reason,
        grantedDateTime: grant.grantedDateTime,
        endDateTime: grant.endDateTime,
        ...(groups.length > 0 ? { securityGroupIds: groups } : {})
      })
    );
    await ports.grantStore.removeGrant(customerTenantId, relationship.partnerTenantId, roleId, relationship.id);
    revoked.push(roleId);
  }
  return revoked;
}

/** Takes one assignment's group out of the relationship's grant of each role (a group re-assigned since is left alone). */
export async function removeGroupGrants(
  ports: Pick<RevocationPorts, "grantStore">,
  relationship: GrantHolder,
  assignment: { readonly accessAssignmentId: string; readonly securityGroupId: string },
  roleIds: readonly string[]
): Promise<void> {
  const customerTenantId = relationship.customer.tenantId;
  if (!customerTenantId) return;
  for (const roleId of roleIds) {
    await ports.grantStore.removeGroup(customerTenantId, relationship.partnerTenantId, roleId, {
      relationshipId: relationship.id,
      ...assignment
    });
  }
}

/** One audit record per grant applied or revoked; the id is derived, so a replay cannot add a second one. */
export function grantAuditRecord(
  relationship: GrantHolder,
  roleId: string,
  action: "grantApplied" | "grantRevoked",
  at: Date,
  details: Readonly<Record<string, unknown>>
): AuditRecord {
  return {
    id: `${relationship.id}:${action}:${roleId}`,
    relationshipId: relationship.id,
    partnerTenantId: relationship.partnerTenantId,
    customerTenantId: relationship.customer.tenantId,
    at: at.toISOString(),
    actor: { kind: "system" },
    action,
    after: { roleDefinitionId: roleId, ...details }
  };
}
