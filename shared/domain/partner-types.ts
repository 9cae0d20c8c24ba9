/**
 * The nine kinds of partner relationship a partner can propose, and which admin roles each may carry.
 * The role policy is the whole point of the type: it decides what an invitation may ask for.
 */
import { globalAdministratorRoleId, helpdeskAdministratorRoleId } from "./roles";

export const partnerTypeIds = [
  "advisor",
  "independentSoftwareVendor",
  "indirectReseller",
  "lineOfBusiness",
  "mpsaPartner",
  "oem",
  "partner",
  "partnerWithGdap",
  "reseller"
] as const;

export type PartnerTypeId = (typeof partnerTypeIds)[number];

export type RolePolicy =
  /** Always exactly these roles; an invitation may leave them out and gets them anyway. */
  | { readonly kind: "fixed"; readonly roleIds: readonly string[] }
  /** The relationship carries no admin roles at all. */
  | { readonly kind: "none" }
  /** Roles exist for this kind of work but cannot be assigned through a relationship. */
  | { readonly kind: "notAvailable" }
  /** Any role in the catalogue (the partner works through a user account in the customer tenant). */
  | { readonly kind: "anyCatalogueRole" }
  /** Any GDAP-eligible role; the partner should ask for the fewest that do the job. */
  | { readonly kind: "gdapEligible" };

export interface PartnerType {
  readonly id: PartnerTypeId;
  readonly displayName: string;
  readonly description: string;
  readonly rolePolicy: RolePolicy;
}

const none: RolePolicy = { kind: "none" };

export const partnerTypes: readonly PartnerType[] = [
  {
    id: "advisor",
    displayName: "Advisor",
    description: "Looks after day-to-day support for you, such as password resets and service incidents.",
    rolePolicy: { kind: "fixed", roleIds: [globalAdministratorRoleId, helpdeskAdministratorRoleId] }
  },
  {
    id: "independentSoftwareVendor",
    displayName: "Independent software vendor (ISV)",
    description: "Builds and sells its own software; needs no admin access to your organisation.",
    rolePolicy: none
  },
  {
    id: "indirectReseller",
    displayName: "Indirect reseller",
    description: "Sells and looks after your subscriptions through a distributor, without admin roles.",
    rolePolicy: none
  },
  {
    id: "lineOfBusiness",
    displayName: "Line-of-business (LOB) partner",
    description: "Builds and maintains business apps made just for your organisation.",
    rolePolicy: { kind: "notAvailable" }
  },
  {
    id: "mpsaPartner",
    displayName: "MPSA partner",
    description: "Buys for you under a Products and Services Agreement and can see purchases other MPSA partners made.",
    rolePolicy: none
  },
  {
    id: "oem",
    displayName: "Original equipment manufacturer (OEM)",
    description: "Registers the devices it ships to you for automatic set-up, without touching your tenant.",
    rolePolicy: none
  },
  {
    id: "partner",
    displayName: "Partner",
    description: "Works in your tenant through a user account you give it, with the Entra roles you choose.",
    rolePolicy: { kind: "anyCatalogueRole" }
  },
  {
    id: "partnerWithGdap",
    displayName: "Partner with GDAP access",
    description: "Manages named services for you with only the admin roles it needs, for a limited time.",
    rolePolicy: { kind: "gdapEligible" }
  },
  {
    id: "reseller",
    displayName: "Reseller",
    description: "Sells you Microsoft products and services; holds no admin roles in your organisation.",
    rolePolicy: none
  }
];

const typesById = new Map<string, PartnerType>(partnerTypes.map((type) => [type.id, type]));

export function findPartnerType(id: string): PartnerType | undefined {
  return typesById.get(id);
}

/** Whether relationships of this type grant admin roles (and so must be time-bound). */
export function isRoleBearing(type: PartnerType | PartnerTypeId): boolean {
  const policy = (typeof type === "string" ? findPartnerType(type) : type)?.rolePolicy;
  return policy !== undefined && policy.kind !== "none" && policy.kind !== "notAvailable";
}
