/**
 * A status change checked by the domain's state machine, with the bookkeeping every status change owes: a final
 * status frees the display name for a new relationship, leaves nothing for the timers to do, and fixes
 * `endDateTime` as the actual end (Graph's meaning once a relationship is terminated or expired): the moment it
 * ended, except for a relationship that expired at its planned end, which keeps that end.
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
  const keepsPlannedEnd = action === "expire" && document.endDateTime !== undefined;
  const endDateTime = keepsPlannedEnd || now === undefined ? document.endDateTime : now.toISOString();
  return { ...rest, status: result.status, uniqueName: `${document.displayName.toLowerCase()}#${document.id}`, ...(endDateTime ? { endDateTime } : {}) };
}
