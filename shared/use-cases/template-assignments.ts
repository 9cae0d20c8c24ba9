/**
 * Once a relationship made from a template is active, the template's security-group assignments are created
 * through the partner's own use case (createAccessAssignment), each then applied through the role-grants queue as
 * usual. Each creation removes the group's pending entry in its own write, so running this again (a redelivered
 * activation) creates nothing twice. A group that already has a live assignment (the partner made one meanwhile),
 * or whose roles no longer fit, is skipped: its entry is removed with a note in the audit trail.
 */
import { assignableStatuses } from "../domain/access-assignments";
import { ConflictError, ValidationError } from "../errors";
import type { AuditRecord } from "../outbox/outbox-entry";
import { changeRelationship } from "../relationships/change-relationship";
import type { StoredRelationship } from "../relationships/relationship-document";
import { createAccessAssignment, withoutPendingAssignment } from "./access-assignments";
import type { PartnerPorts } from "./partner-relationships";

const systemActor: AuditRecord["actor"] = { kind: "system", displayName: "relationship template" };

export interface TemplateAssignmentsOutcome {
  readonly created: number;
  readonly skipped: number;
}

export async function createTemplateAssignments(
  ports: PartnerPorts,
  relationship: StoredRelationship
): Promise<TemplateAssignmentsOutcome> {
  const pending = relationship.pendingAccessAssignments ?? [];
  if (pending.length === 0 || !assignableStatuses.includes(relationship.status)) return { created: 0, skipped: 0 };
  const request = {
    partnerTenantId: relationship.partnerTenantId,
    relationshipId: relationship.id,
    actor: systemActor
  };
  let created = 0;
  let skipped = 0;
  for (const entry of pending) {
    try {
      await createAccessAssignment(ports, request, {
        securityGroupId: entry.securityGroupId,
        roleDefinitionIds: entry.roleDefinitionIds,
        label: entry.label,
        fromTemplate: true
      });
      created += 1;
    } catch (error) {
      // The rules refused it against the relationship as it is now: the group has an assignment already, or the
      // relationship no longer holds those roles. Nothing to retry; the entry goes.
      if (!(error instanceof ConflictError || error instanceof ValidationError)) throw error;
      await skip(ports, request, entry.securityGroupId, error.message);
      skipped += 1;
    }
  }
  return { created, skipped };
}

async function skip(
  ports: PartnerPorts,
  request: { partnerTenantId: string; relationshipId: string },
  securityGroupId: string,
  reason: string
): Promise<void> {
  await changeRelationship(ports, request, (current) => ({
    document: withoutPendingAssignment(current, securityGroupId),
    action: "templateAccessAssignmentSkipped",
    actor: systemActor,
    bookkeeping: true,
    details: { templateAccessAssignment: { securityGroupId, reason } }
  }));
}
