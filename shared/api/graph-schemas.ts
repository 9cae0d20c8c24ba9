/**
 * The JSON bodies the /v1.0 (Graph) surface accepts: Graph's delegatedAdminRelationship and
 * delegatedAdminRelationshipRequest, with our extras (`partnerType`, `customer.adminEmail`). Strict — an unknown
 * property is a 400 naming it — except for `@odata.type`, which Graph SDKs may send on every object. Bounded, so
 * no field carries megabytes; the domain rules (invitation-rules.ts) then check meaning.
 */
import { z } from "zod";
import { autoExtendDurations } from "../domain/relationship";
import { graphRelationshipStatuses } from "../graph/graph-relationships";

const odataType = (name: string) => z.literal(`#microsoft.graph.${name}`).optional();

const unifiedRole = z.strictObject({ "@odata.type": odataType("unifiedRole"), roleDefinitionId: z.string().max(64) });
const accessDetails = z.strictObject({
  "@odata.type": odataType("delegatedAdminAccessDetails"),
  unifiedRoles: z.array(unifiedRole).max(100)
});
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
      adminEmail: z.string().max(320).optional().meta({
        description: "Not in Graph: where the invitation is emailed. Without it the partner shares the link itself."
      })
    })
    .optional(),
  accessDetails: accessDetails.optional(),
  autoExtendDuration: z.string().max(32).optional(),
  partnerType: z
    .string()
    .max(64)
    .optional()
    .meta({ description: "Not in Graph: the partner type (default partnerWithGdap)." }),
  templateId: z.guid("must be a relationship template id (GUID)").optional().meta({
    description:
      "Not in Graph: make the draft from one of your relationship templates (its terms, and its group assignments once active)."
  })
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
  .refine((body) => Object.keys(body).some((key) => key !== "@odata.type"), {
    message: "name at least one property to change"
  });

export const graphCreateRequestBody = z.strictObject({
  "@odata.type": odataType("delegatedAdminRelationshipRequest"),
  action: z.string().max(64).meta({ description: "lockForApproval or terminate." })
});

/** The OData query options of a /v1.0 list, for the OpenAPI document (shared/graph/odata-query.ts parses them). */
export function graphListQuery(filterHelp: string, sortable: readonly string[]) {
  return z.strictObject({
    $top: z.coerce.number().int().min(1).max(300).default(100),
    $skiptoken: z.string().max(4096).optional().meta({
      description: "Opaque and signed: copy @odata.nextLink. A token for another list, filter or order is a 400."
    }),
    $count: z
      .enum(["true", "false"])
      .optional()
      .meta({ description: "true adds @odata.count, how many match across every page." }),
    $select: z
      .string()
      .max(1024)
      .optional()
      .meta({ description: "Comma-separated properties; id and @odata.etag always come back." }),
    $orderby: z
      .string()
      .max(128)
      .optional()
      .meta({ description: `One of ${sortable.join(", ")}, optionally followed by asc or desc.` }),
    $filter: z.string().max(2048).optional().meta({ description: filterHelp })
  });
}

const timestamp = z.string().meta({ format: "date-time" });
const odata = {
  "@odata.type": z.string().optional(),
  "@odata.etag": z.string().meta({ description: "Equal to the ETag header; send it back in If-Match." })
};

export const graphRelationshipResource = z.object({
  ...odata,
  "@odata.context": z.string().optional(),
  id: z.string(),
  displayName: z.string(),
  duration: z.string().meta({ description: "ISO-8601, P1D to P2Y, as the partner wrote it." }),
  customer: z.object({
    tenantId: z.string().nullable(),
    displayName: z.string().nullable(),
    adminEmail: z.string().optional()
  }),
  accessDetails: z.object({ unifiedRoles: z.array(z.object({ roleDefinitionId: z.string() })) }),
  status: z.enum(graphRelationshipStatuses),
  statusDetail: z
    .enum(["declined", "cancelled"])
    .optional()
    .meta({ description: "Not in Graph: why a terminated relationship ended before it began." }),
  autoExtendDuration: z.enum(autoExtendDurations),
  createdDateTime: timestamp,
  lastModifiedDateTime: timestamp,
  activatedDateTime: timestamp.nullable(),
  endDateTime: timestamp
    .nullable()
    .meta({ description: "The planned end while active; the actual end once terminated or expired." }),
  partnerType: z.string().meta({ description: "Not in Graph." }),
  invitationLink: z
    .string()
    .optional()
    .meta({ description: "Not in Graph: to a Partner.Admin, while approvalPending. A bearer secret." })
});

export const graphRequestResource = z.object({
  ...odata,
  "@odata.context": z.string().optional(),
  id: z.string(),
  action: z.enum(["lockForApproval", "terminate"]),
  status: z.enum(["created", "pending", "succeeded", "failed", "unknownFutureValue"]),
  createdDateTime: timestamp,
  lastModifiedDateTime: timestamp,
  invitationLink: z.string().optional().meta({ description: "Not in Graph: on the lockForApproval response only." })
});

export const graphCustomerResource = z.object({
  ...odata,
  "@odata.context": z.string().optional(),
  id: z.string(),
  tenantId: z.string(),
  displayName: z.string().nullable()
});

const collection = (item: z.ZodType) =>
  z.object({
    "@odata.context": z.string(),
    "@odata.count": z.number().int().optional(),
    "@odata.nextLink": z.string().optional(),
    value: z.array(item)
  });

export const graphRelationshipCollection = collection(graphRelationshipResource);
export const graphRequestCollection = collection(graphRequestResource);
export const graphCustomerCollection = collection(graphCustomerResource);
export const graphServiceManagementDetailCollection = collection(
  z.object({ id: z.string(), serviceName: z.string(), serviceManagementUrl: z.string() })
);

export const graphErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string().meta({ description: "Names the offending field(s) of a 400." }),
      target: z.string().optional(),
      details: z.array(z.object({ code: z.string(), message: z.string(), target: z.string() })).optional(),
      innerError: z.object({ "request-id": z.string(), date: z.string(), "client-request-id": z.string().optional() })
    })
  })
  .meta({ description: "Microsoft Graph's error body; Graph SDKs raise their typed ODataError from it." });
