/**
 * What rules that rest on a partner's relationship with one customer (MPSA purchases, OEM device registration)
 * need to know of each such relationship, and the one meaning of "accepted and not ended" they share: the customer
 * accepted it and it has not started ending (approved, activating, active, expiring).
 */
import type { RelationshipStatus } from "./relationship";

export interface RelationshipFacts {
  readonly id: string;
  readonly partnerType: string;
  readonly status: RelationshipStatus;
  /** The customer accepted it (an acceptance is recorded), whatever happened since. */
  readonly accepted: boolean;
  /** The customer's name as the relationship knows it, for the partner's pages. */
  readonly customerDisplayName?: string;
}

export const acceptedLiveStatuses: readonly RelationshipStatus[] = ["approved", "activating", "active", "expiring"];

export function isAcceptedAndLive(relationship: Pick<RelationshipFacts, "status">): boolean {
  return acceptedLiveStatuses.includes(relationship.status);
}

/** The partner's accepted, not ended relationship of this type with the customer, if it has one. */
export function acceptedLiveOfType<T extends Pick<RelationshipFacts, "partnerType" | "status">>(
  relationships: readonly T[],
  partnerType: string
): T | undefined {
  return relationships.find(
    (relationship) => relationship.partnerType === partnerType && isAcceptedAndLive(relationship)
  );
}
