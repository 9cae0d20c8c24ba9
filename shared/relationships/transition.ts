/**
 * A status change checked by the domain's state machine, with the bookkeeping every status change owes: a final
 * status frees the display name for a new relationship and leaves nothing for the timers to do.
 */
import { ConflictError } from "../errors";
import { applyTransition, type RelationshipAction } from "../domain/lifecycle";
import { isFinal } from "../domain/relationship";
import type { StoredRelationship } from "./relationship-document";

export function transitioned(document: StoredRelationship, action: RelationshipAction): StoredRelationship {
  const result = applyTransition(document.status, action);
  if (result.refused) throw new ConflictError(result.reason);
  if (!isFinal(result.status)) return { ...document, status: result.status };
  const { dueDateTime: _noLongerDue, ...rest } = document;
  return { ...rest, status: result.status, uniqueName: `${document.displayName.toLowerCase()}#${document.id}` };
}
