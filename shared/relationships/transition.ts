/**
 * A status change checked by the domain's state machine, with the bookkeeping every status change owes: a final
 * status frees the display name for a new relationship, leaves nothing for the timers to do, and records when it
 * ended (`endedDateTime`: Graph's endDateTime once a relationship is terminated or expired). A relationship that
 * expired at its planned end ended then. The planned `endDateTime` itself stays: grants, notices and their email
 * operation ids are keyed on it.
 */
import { ConflictError } from "../errors";
import { applyTransition, type RelationshipAction } from "../domain/lifecycle";
import { isFinal } from "../domain/relationship";
import type { StoredRelationship } from "./relationship-document";

export function transitioned(document: StoredRelationship, action: RelationshipAction, now?: Date): StoredRelationship {
  const result = applyTransition(document.status, action);
  if (result.refused) throw new ConflictError(result.reason);
  if (!isFinal(result.status)) return { ...document, status: result.status };
  const { dueDateTime: _noLongerDue, ...rest } = document;
  const endedAtPlannedEnd = action === "expire" && document.endDateTime !== undefined;
  const endedDateTime = endedAtPlannedEnd ? document.endDateTime : now?.toISOString();
  return {
    ...rest,
    status: result.status,
    uniqueName: `${document.displayName.toLowerCase()}#${document.id}`,
    ...(endedDateTime ? { endedDateTime } : {})
  };
}
