/**
 * The JSON the partner's relationship page polls every 2 s (app.js `data-poll-url`): the relationship's status,
 * note, email state and roles; whether a group can be assigned now; and one row per assignment and per recent
 * operation with its status, note and age. It says nothing the page does not show.
 */
import type { StoredRelationship } from "../../relationships/relationship-document";
import { statusLabels } from "../format";
import { assignmentStatusLabels, operationStatusLabels } from "../views/assignment-parts";
import { describeRoles } from "../views/relationship-parts";
import { assignmentActions, assignmentNote, assignRefusal, operationNote, recentOperations } from "./assignment-status";
import { emailState, statusNote } from "./invitation-list-view";
import { timeAgo } from "./invitation-timing";

export function partnerRelationshipJson(document: StoredRelationship, now: Date): Record<string, unknown> {
  const refusal = assignRefusal(document);
  const ago = (at: string) => timeAgo(new Date(at), now);
  return {
    id: document.id,
    status: document.status,
    statusLabel: statusLabels[document.status],
    statusNote: statusNote(document, now),
    emailState: emailState(document, now) || "—",
    roles: describeRoles(document.accessDetails.unifiedRoles),
    actions: { assign: refusal === undefined },
    fields: { assignNote: refusal ?? "" },
    rows: [
      ...(document.accessAssignments ?? []).map((assignment) => ({
        id: assignment.id,
        status: assignment.status,
        statusLabel: assignmentStatusLabels[assignment.status],
        statusNote: assignmentNote(assignment),
        fields: { updated: ago(assignment.lastModifiedDateTime) },
        actions: assignmentActions(document, assignment)
      })),
      ...recentOperations(document).map((operation) => ({
        id: operation.id,
        status: operation.status,
        statusLabel: operationStatusLabels[operation.status],
        statusNote: operationNote(operation),
        fields: { updated: ago(operation.lastModifiedDateTime) }
      }))
    ]
  };
}
