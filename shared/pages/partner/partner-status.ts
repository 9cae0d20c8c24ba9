/**
 * What a partner may still do with each of its relationships, by status: the lifecycle table's rules seen from the
 * partner's side. The use cases check them again when the action is submitted.
 */
import { includesGlobalAdministrator } from "../../domain/lifecycle";
import type { RelationshipStatus } from "../../domain/relationship";
import type { StoredRelationship } from "../../relationships/relationship-document";

export type PartnerAction = "resend" | "cancel" | "terminate" | "auto-extend";
export const partnerActions: readonly PartnerAction[] = ["resend", "cancel", "terminate", "auto-extend"];

const terminable: readonly RelationshipStatus[] = ["approved", "activating", "active", "expiring"];
const autoExtendFrozen: readonly RelationshipStatus[] = [
  "expired",
  "terminated",
  "declined",
  "cancelled",
  "terminationRequested",
  "terminating"
];

/** The actions the list offers for a relationship; the use cases check the same rules again on submit. */
export function availableActions(relationship: StoredRelationship, now: Date): Record<PartnerAction, boolean> {
  const pending = relationship.status === "approvalPending";
  const linkLive = relationship.invitation !== undefined && now < new Date(relationship.invitation.expiresDateTime);
  return {
    resend: pending && linkLive,
    cancel: pending,
    terminate: terminable.includes(relationship.status),
    "auto-extend": !includesGlobalAdministrator(relationship) && !autoExtendFrozen.includes(relationship.status)
  };
}
