/**
 * Graph's delegatedAdminRelationshipRequest: a partner's request to act on a relationship, kept on the
 * relationship document itself (the most recent 50), so making one is part of the same ETag-guarded write as the
 * change it asks for, and reading one is the relationship's point read. A lockForApproval succeeds in that write.
 * A terminate is `pending` until the termination it started has finished; its status is read off the relationship
 * rather than written again when the role-grants handler finishes, so finishing costs no write of its own.
 */
import type { StoredRelationship } from "./relationship-document";

export const requestActions = ["lockForApproval", "terminate"] as const;
export type RequestAction = (typeof requestActions)[number];
export type RequestStatus = "created" | "pending" | "succeeded" | "failed";

export interface RelationshipRequestRecord {
  readonly id: string;
  readonly action: RequestAction;
  /** As written: `succeeded` at once, or `pending` for a terminate still under way (see requestStatusOf). */
  readonly status: RequestStatus;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
}

export const keptRequests = 50;

/** The requests with `record` added, the oldest dropped past 50. */
export function withRequest(
  document: Pick<StoredRelationship, "requests">,
  record: RelationshipRequestRecord
): RelationshipRequestRecord[] {
  return [...(document.requests ?? []), record].slice(-keptRequests);
}

/** The code the role-grants handler records when it gives up revoking (functions/process-role-grants.ts). */
export const grantsNotRevokedCode = "grantsNotRevoked";

/**
 * A request as it stands now: a pending terminate has succeeded once the relationship is `terminated` (or, for an
 * invitation withdrawn before anyone answered, `cancelled`), and failed if the handler gave up revoking its roles.
 */
export function requestStatusOf(
  record: RelationshipRequestRecord,
  document: StoredRelationship
): RelationshipRequestRecord {
  if (record.action !== "terminate" || record.status !== "pending") return record;
  if (document.status === "terminated" || document.status === "cancelled") {
    return {
      ...record,
      status: "succeeded",
      lastModifiedDateTime: document.endedDateTime ?? document.lastModifiedDateTime
    };
  }
  if (
    document.lastError?.code === grantsNotRevokedCode &&
    (document.status === "terminationRequested" || document.status === "terminating")
  ) {
    return { ...record, status: "failed", lastModifiedDateTime: document.lastError.occurredDateTime };
  }
  return record;
}

/** Newest first, as Graph lists them. */
export function requestsOf(document: StoredRelationship): RelationshipRequestRecord[] {
  return (document.requests ?? []).map((record) => requestStatusOf(record, document)).reverse();
}
