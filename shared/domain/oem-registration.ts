/**
 * When an OEM may register devices for a customer, and when it may read what it registered. Registering needs an
 * accepted OEM relationship that has not ended: `oem` type, accepted by that customer, and now approved,
 * activating, active or expiring. Such a relationship carries no roles, so it never puts anything in the access
 * store; registration is decided here, from the relationship alone. Once it ends (termination requested,
 * terminated, expired) registering stops, and what was registered stays. Reading one's own registrations needs an
 * OEM relationship the customer accepted at some point, live or ended, so an OEM can still account for devices it
 * registered before the relationship ended.
 */
import { isAcceptedAndLive, type RelationshipFacts } from "./accepted-relationships";
import type { PartnerTypeId } from "./partner-types";
import type { RelationshipStatus } from "./relationship";

export const oemPartnerType: PartnerTypeId = "oem";

const pendingStatuses: readonly RelationshipStatus[] = ["created", "approvalPending"];

export type RegistrationStanding =
  { readonly allowed: true; readonly relationshipId: string } | { readonly allowed: false; readonly reason: string };

export function registrationStanding(relationships: readonly RelationshipFacts[]): RegistrationStanding {
  const oem = relationships.filter((relationship) => relationship.partnerType === oemPartnerType);
  const live = oem.find((relationship) => relationship.accepted && isAcceptedAndLive(relationship));
  if (live) return { allowed: true, relationshipId: live.id };
  if (oem.some((relationship) => relationship.accepted)) {
    return refusal(
      "Your OEM relationship with this customer has ended: the devices you registered stay registered, but you cannot register new ones. Ask the customer to accept a new OEM relationship."
    );
  }
  if (oem.some((relationship) => pendingStatuses.includes(relationship.status))) {
    return refusal(
      "The customer has not accepted your OEM relationship yet. Devices can be registered once it is accepted."
    );
  }
  if (relationships.some((relationship) => relationship.accepted)) {
    return refusal(
      "Registering devices needs an accepted OEM relationship with this customer; your relationships with it are of other types. Send an OEM invitation."
    );
  }
  return refusal(
    "You have no accepted OEM relationship with this customer. Send an OEM invitation; once the customer accepts it you can register its devices."
  );
}

/** Reading what one registered: any OEM relationship with the customer that was ever accepted. */
export function mayReadRegistrations(relationships: readonly RelationshipFacts[]): RegistrationStanding {
  const accepted = relationships.find(
    (relationship) => relationship.partnerType === oemPartnerType && relationship.accepted
  );
  return accepted ? { allowed: true, relationshipId: accepted.id } : registrationStanding(relationships);
}

function refusal(reason: string): RegistrationStanding {
  return { allowed: false, reason };
}
