/**
 * The JSON shapes of the public endpoints (role catalogue, partner types, agreement, "Find a partner", "Contact
 * me") and of AOBO capabilities. Inputs are strict and bounded, since anyone on the internet can send them;
 * outputs are plain objects that say what a client may rely on. The OpenAPI document is generated from these.
 */
import { z } from "zod";
import { partnerTypeIds } from "../domain/partner-types";
import { tenantGuid } from "./id-schemas";

/** Trimmed, non-empty, bounded free text. */
export const boundedText = (max: number) => z.string().trim().min(1).max(max);

// ---- inputs -------------------------------------------------------------------------------------------------

export const directoryQuery = z.strictObject({
  name: boundedText(100).optional(),
  industry: boundedText(60).optional(),
  location: boundedText(60).optional(),
  partnerType: z.enum(partnerTypeIds).optional(),
  $top: z.coerce.number().int().min(1).max(50).default(20),
  $skiptoken: z.string().max(4096).optional().meta({
    description: "Opaque and signed: copy it from @odata.nextLink. A token for another list or other filters is a 400."
  })
});

export const organisationSizes = ["1-9", "10-49", "50-249", "250-999", "1000+"] as const;

export const contactPartnerBody = z.strictObject({
  location: boundedText(100),
  contact: z.strictObject({
    name: boundedText(100),
    email: z.email().max(254),
    phone: z
      .string()
      .trim()
      .min(3)
      .max(32)
      .regex(/^\+?[0-9 ()./-]+$/, "must be a phone number")
      .optional()
  }),
  organisationName: boundedText(200),
  organisationSize: z.enum(organisationSizes),
  industry: boundedText(60),
  businessNeeds: boundedText(2000)
});

export const aoboQuery = z.strictObject({
  customerTenantId: tenantGuid
});

// ---- outputs ------------------------------------------------------------------------------------------------

const reference = z.object({ id: z.string(), displayName: z.string() });

export const roleResource = z.object({
  id: z.string(),
  displayName: z.string(),
  description: z.string(),
  privileged: z.boolean(),
  gdapEligible: z.boolean()
});

export const roleList = z.object({ value: z.array(roleResource) });

export const rolePolicyKinds = ["fixed", "none", "notAvailable", "anyCatalogueRole", "gdapEligible"] as const;

export const partnerTypeResource = z.object({
  id: z.enum(partnerTypeIds),
  displayName: z.string(),
  description: z.string(),
  rolePolicy: z.object({
    kind: z.enum(rolePolicyKinds),
    /** One sentence a person reads: "Global Administrator and Helpdesk Administrator", "No roles assigned". */
    summary: z.string(),
    /** Only for `fixed`: exactly these roles. */
    roles: z.array(reference).optional()
  })
});

export const partnerTypeList = z.object({ value: z.array(partnerTypeResource) });

export const agreementResource = z.object({
  version: z.string(),
  title: z.string(),
  text: z.string(),
  sha256: z.string().meta({ description: "Lower-case hex SHA-256 of `text` as UTF-8." })
});

/** What anyone may see about a partner: never its contact email. */
export const publicPartner = z.object({
  id: z.string().meta({ description: "The partner's tenant id." }),
  name: z.string(),
  website: z.string().optional(),
  description: z.string().optional(),
  industries: z.array(z.string()),
  locations: z.array(z.string()),
  partnerTypes: z.array(z.string())
});

export const directoryPage = z.object({
  value: z.array(publicPartner),
  "@odata.nextLink": z.string().optional()
});

export const contactReceived = z.object({ id: z.string(), status: z.literal("received") });

export const aoboCapabilitiesResource = z.object({
  customerTenantId: z.string(),
  billingPages: z.array(z.object({ page: z.string(), title: z.string(), available: z.boolean(), reason: z.string() })),
  domainSubscriptions: z.object({
    requiredCustomerRoles: z.array(reference),
    reason: z.string(),
    /** Whether the signed-in account itself may manage them in this customer tenant. */
    signedInUser: z.object({ allowed: z.boolean(), reason: z.string().optional() })
  })
});

export type DirectoryQuery = z.infer<typeof directoryQuery>;
export type ContactPartnerBody = z.infer<typeof contactPartnerBody>;
export type RoleResource = z.infer<typeof roleResource>;
export type PartnerTypeResource = z.infer<typeof partnerTypeResource>;
export type PublicPartner = z.infer<typeof publicPartner>;
export type AoboCapabilitiesResource = z.infer<typeof aoboCapabilitiesResource>;
