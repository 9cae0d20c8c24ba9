/**
 * The JSON bodies the /v1.0 (Graph) surface accepts: Graph's delegatedAdminRelationship and
 * delegatedAdminRelationshipRequest, with our extras (`partnerType`, `customer.adminEmail`). Strict — an unknown
 * property is a 400 naming it — except for `@odata.type`, which Graph SDKs may send on every object. Bounded, so
 * no field carries megabytes; the domain rules (invitation-rules.ts) then check meaning.
 */
import { z } from "zod";

const odataType = (name: string) => z.literal(`#microsoft.graph.${name}`).optional();

const unifiedRole = z.strictObject({ "@odata.type": odataType("unifiedRole"), roleDefinitionId: z.string().max(64) });
const accessDetails = z.strictObject({ "@odata.type": odataType("delegatedAdminAccessDetails"), unifiedRoles: z.array(unifiedRole).max(100) });
const customerType = odataType("delegatedAdminRelationshipCustomerParticipant");

export const graphCreateRelationshipBody = z.strictObject({
  "@odata.type": odataType("delegatedAdminRelationship"),
  displayName: z.string().max(200),
  duration: z.string().max(32).optional(),
  customer: z
    .strictObject({
      "@odata.type": customerType,
      tenantId: z.string().max(64).optional(),
      displayName: z.string().max(1024).optional(),
      adminEmail: z.string().max(320).optional().meta({ description: "Not in Graph: where the invitation is emailed. Without it the partner shares the link itself." })
    })
    .optional(),
  accessDetails: accessDetails.optional(),
  autoExtendDuration: z.string().max(32).optional(),
  partnerType: z.string().max(64).optional().meta({ description: "Not in Graph: the partner type (default partnerWithGdap)." })
});

export const graphUpdateRelationshipBody = z
  .strictObject({
    "@odata.type": odataType("delegatedAdminRelationship"),
    displayName: z.string().max(200).optional(),
    duration: z.string().max(32).optional(),
    customer: z
      .strictObject({
        "@odata.type": customerType,
        tenantId: z.string().max(64).nullable().optional(),
        displayName: z.string().max(1024).nullable().optional(),
        adminEmail: z.string().max(320).nullable().optional()
      })
      .optional(),
    accessDetails: accessDetails.optional(),
    autoExtendDuration: z.string().max(32).optional(),
    partnerType: z.string().max(64).optional()
  })
  .refine((body) => Object.keys(body).some((key) => key !== "@odata.type"), { message: "name at least one property to change" });

export const graphCreateRequestBody = z.strictObject({
  "@odata.type": odataType("delegatedAdminRelationshipRequest"),
  action: z.string().max(64).meta({ description: "lockForApproval or terminate." })
});
