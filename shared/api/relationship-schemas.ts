/**
 * The JSON shapes the relationship endpoints accept, strict (an unknown field is a 400 naming it) and bounded
 * (no field can carry megabytes). The domain rules (invitation-rules.ts) then check meaning. The OpenAPI
 * document is generated from these same schemas.
 */
import { z } from "zod";
import { relationshipStatuses } from "../domain/relationship";
import { tenantGuid } from "./id-schemas";

export const createRelationshipBody = z.strictObject({
  templateId: z.guid("must be a relationship template id (GUID)").optional().meta({
    description:
      "Make it from one of your templates: its terms fill what the body leaves out (what the body gives must match), and its group assignments are created once the relationship is active."
  }),
  partnerType: z.string().max(64).optional().meta({ description: "Required unless templateId is given." }),
  displayName: z.string().max(200),
  customer: z.strictObject({
    adminEmail: z.string().max(320),
    tenantId: z.string().max(64).optional()
  }),
  accessDetails: z
    .strictObject({
      unifiedRoles: z.array(z.strictObject({ roleDefinitionId: z.string().max(64) })).max(100)
    })
    .optional(),
  duration: z.string().max(32).optional(),
  autoExtendDuration: z.string().max(16).optional()
});

export const updateRelationshipBody = z.strictObject({
  autoExtendDuration: z.string().max(16)
});

export const listRelationshipsQuery = z.strictObject({
  status: z.enum(relationshipStatuses).optional(),
  customerTenantId: tenantGuid.optional(),
  expiringWithinDays: z.coerce.number().int().min(0).max(730).optional(),
  $top: z.coerce.number().int().min(1).max(300).default(100),
  $skiptoken: z.string().max(4096).optional().meta({
    description: "Opaque and signed: copy it from @odata.nextLink. A token for another list or other filters is a 400."
  })
});

export const idempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");
