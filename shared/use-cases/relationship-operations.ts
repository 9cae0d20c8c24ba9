/**
 * Reading a relationship's operations (Graph's delegatedAdminRelationshipOperation): the asynchronous work on its
 * access assignments and on the relationship itself, newest last, the most recent 100. One point read in the
 * partner's own partition; another partner's relationship is a 404.
 */
import { findOperation, type OperationRecord } from "../assignments/assignment-records";
import { NotFoundError } from "../errors";
import { getPartnerRelationship, type PartnerPorts } from "./partner-relationships";

export async function listOperations(
  ports: PartnerPorts,
  partnerTenantId: string,
  relationshipId: string
): Promise<readonly OperationRecord[]> {
  const relationship = await getPartnerRelationship(ports, partnerTenantId, relationshipId);
  return relationship.document.operations ?? [];
}

export async function getOperation(
  ports: PartnerPorts,
  partnerTenantId: string,
  relationshipId: string,
  operationId: string
): Promise<OperationRecord> {
  const relationship = await getPartnerRelationship(ports, partnerTenantId, relationshipId);
  const operation = findOperation(relationship.document, operationId);
  if (!operation) throw new NotFoundError("No such operation on this relationship.");
  return operation;
}
