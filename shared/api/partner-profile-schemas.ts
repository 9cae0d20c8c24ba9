/**
 * A partner's directory profile as the partner writes and reads it. The write is strict and bounded; the
 * contact email is the partner's own and shows only here, never in the public directory.
 */
import { z } from "zod";
import { partnerTypeIds } from "../domain/partner-types";
import { boundedText } from "./public-schemas";

export const partnerProfileBody = z.strictObject({
  name: boundedText(100),
  website: z
    .url({ protocol: /^https$/, hostname: z.regexes.domain, error: "must be an https URL" })
    .max(2048)
    .optional(),
  description: z.string().trim().max(500).optional(),
  industries: z.array(boundedText(60)).max(20),
  locations: z.array(boundedText(60)).max(20),
  partnerTypes: z.array(z.enum(partnerTypeIds)).min(1).max(partnerTypeIds.length),
  contactEmail: z.email().max(254)
});

export const partnerProfileResource = z.object({
  tenantId: z.string(),
  name: z.string(),
  website: z.string().optional(),
  description: z.string().optional(),
  industries: z.array(z.string()),
  locations: z.array(z.string()),
  partnerTypes: z.array(z.string()),
  contactEmail: z.string(),
  updatedDateTime: z.string()
});

export type PartnerProfileBody = z.infer<typeof partnerProfileBody>;
export type PartnerProfileResource = z.infer<typeof partnerProfileResource>;
