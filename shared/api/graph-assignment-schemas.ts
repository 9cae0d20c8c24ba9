/**
 * The /v1.0 (Graph) bodies and resources of access assignments and operations: Graph's
 * delegatedAdminAccessAssignment (with our extra `label`) and delegatedAdminRelationshipOperation. Strict — an
 * unknown property is a 400 naming it — except for `@odata.type`, which Graph SDKs may send on every object.
 */
import { z } from "zod";
import { operationStatuses, operationTypes } from "../assignments/assignment-records";
import { accessAssignmentStatuses, maxAssignmentLabelLength } from "../domain/access-assignments";

const odataType = (name: string) => z.literal(`#microsoft.graph.${name}`).optional();

const unifiedRoles = z
  .array(
    z.strictObject({
      "@odata.type": odataType("unifiedRole"),
      roleDefinitionId: z.guid("must be a role template id (GUID)")
    })
  )
  .max(100);
const accessDetails = z.strictObject({ "@odata.type": odataType("delegatedAdminAccessDetails"), unifiedRoles });
const label = z.string().max(maxAssignmentLabelLength * 4);

export const graphCreateAccessAssignmentBody = z.strictObject({
  "@odata.type": odataType("delegatedAdminAccessAssignment"),
  accessContainer: z.strictObject({
    "@odata.type": odataType("delegatedAdminAccessContainer"),
    accessContainerId: z.guid("must be a security group id (GUID)"),
    accessContainerType: z.literal("securityGroup", "must be securityGroup: access is assigned to security groups")
  }),
  accessDetails,
  label: label.optional().meta({ description: "Not in Graph: a name for people." })
});

export const graphUpdateAccessAssignmentBody = z
  .strictObject({
    "@odata.type": odataType("delegatedAdminAccessAssignment"),
    accessDetails: accessDetails.optional(),
    label: label.nullable().optional().meta({ description: "Not in Graph: a new name for people; null removes it." })
  })
  .refine((body) => body.accessDetails !== undefined || body.label !== undefined, {
    message: "send accessDetails (the new roles), label, or both"
  });

export const graphAccessAssignmentResource = z.looseObject({
  "@odata.etag": z.string(),
  id: z.string(),
  status: z.enum([...accessAssignmentStatuses, "unknownFutureValue"]),
  accessContainer: z.object({ accessContainerId: z.string(), accessContainerType: z.literal("securityGroup") }),
  accessDetails: z.object({ unifiedRoles: z.array(z.object({ roleDefinitionId: z.string() })) }),
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
  label: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional()
});

export const graphOperationResource = z.looseObject({
  "@odata.etag": z.string(),
  id: z.string(),
  operationType: z.enum([...operationTypes, "unknownFutureValue"]),
  status: z.enum([...operationStatuses, "unknownFutureValue"]),
  data: z.string(),
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string()
});

const collection = (item: z.ZodType) =>
  z.looseObject({
    "@odata.context": z.string(),
    "@odata.count": z.number().optional(),
    "@odata.nextLink": z.string().optional(),
    value: z.array(item)
  });
export const graphAccessAssignmentCollection = collection(graphAccessAssignmentResource);
export const graphOperationCollection = collection(graphOperationResource);
