/**
 * Which partner tenants may invite customers. Only an operator-approved partner sends invitations (new ones and
 * resends): a suspended partner keeps its existing relationships and can still read, end or cancel them, and a
 * record from before onboarding existed (no status) may read but not invite. One home for the rule; the callers
 * (API and pages) and the create-invitation use case all ask it.
 */

/** `approved` partners invite; `suspended` ones keep their relationships and reads but cannot invite. */
export type PartnerStatus = "approved" | "suspended";

/** An approved, not suspended partner: it invites, and the directory lists it and passes on Contact me. */
export function isInGoodStanding(partner: { readonly status?: PartnerStatus }): boolean {
  return partner.status === "approved";
}

/** Why this partner may not invite (a sentence for the 403), or undefined when it may. */
export function invitingRefusal(partner: { readonly status?: PartnerStatus }): string | undefined {
  if (isInGoodStanding(partner)) return undefined;
  if (partner.status === "suspended") {
    return "Your partner tenant is suspended by the operator, so it cannot send invitations. Your existing relationships continue; contact the operator to be reinstated.";
  }
  return "Your partner tenant has not been approved yet, so it cannot send invitations. Apply at /partner/apply; an operator reviews each application.";
}
