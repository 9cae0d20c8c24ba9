/**
 * One relationship as its partner's page shows it: the relationship (a point read in the partner's partition;
 * another partner's is a 404) and then its history, a single-partition query of the audit trail.
 */
import type { AuditRecord } from "../outbox/outbox-entry";
import type { VersionedRelationship } from "../relationships/relationship-document";
import { getPartnerRelationship, type PartnerPorts } from "./partner-relationships";

export interface PartnerRelationshipDetail {
  readonly relationship: VersionedRelationship;
  readonly history: readonly AuditRecord[];
}

export async function getPartnerRelationshipDetail(
  ports: PartnerPorts,
  partnerTenantId: string,
  relationshipId: string
): Promise<PartnerRelationshipDetail> {
  const relationship = await getPartnerRelationship(ports, partnerTenantId, relationshipId);
  const history = await ports.auditLog.listForRelationship(relationshipId);
  return {
    relationship,
    history: history.filter((record) => record.partnerTenantId === relationship.document.partnerTenantId)
  };
}
