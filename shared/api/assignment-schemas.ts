/**
 * Access assignments and operations at the edge: the bodies a partner sends (strict, bounded, Graph's
 * delegatedAdminAccessAssignment field names plus an optional `label`), the route ids, and the resources the API
 * answers with. The rules on meaning (roles the relationship holds, one assignment per group) live in
 * shared/domain/access-assignments.ts; the OpenAPI document is generated from these schemas.
 */
import { z } from "zod";
import { accessAssignmentStatuses, maxAssignmentLabelLength } from "../domain/access-assignments";
import { operationStatuses, operationTypes } from "../assignments/assignment-records";

export const accessAssignmentId = z.guid("must be an access assignment id (GUID)");
export const operationId = z.guid("must be an operation id (GUID)");

const unifiedRoles = z
  .array(z.strictObject({ roleDefinitionId: z.guid("must be a role template id (GUID)") }))
  .max(100);
const label = z.string().max(maxAssignmentLabelLength * 4);

export const createAccessAssignmentBody = z.strictObject({
  accessContainer: z.strictObject({
    accessContainerId: z.guid("must be a security group id (GUID)"),
    accessContainerType: z.literal("securityGroup", "must be securityGroup: access is assigned to security groups")
  }),
  accessDetails: z.strictObject({ unifiedRoles }),
  label: label.optional().meta({ description: "A name for people (not in Graph)." })
});

export const updateAccessAssignmentBody = z
  .strictObject({
    accessDetails: z.strictObject({ unifiedRoles }).optional(),
    label: label.nullable().optional().meta({ description: "A new name for people; null removes it." })
  })
  .refine((body) => body.accessDetails !== undefined || body.label !== undefined, {
    message: "send accessDetails (the new roles), label, or both"
  });

export const accessAssignmentResource = z.object({
  id: z.string(),
  status: z.enum(accessAssignmentStatuses),
  accessContainer: z.object({ accessContainerId: z.string(), accessContainerType: z.literal("securityGroup") }),
  accessDetails: z.object({ unifiedRoles: z.array(z.object({ roleDefinitionId: z.string() })) }),
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
  label: z.string().optional(),
  error: z
    .object({ code: z.string(), message: z.string() })
    .optional()
    .meta({ description: "Why applying the last change failed (status error)." })
});

export const accessAssignmentList = z.object({ value: z.array(accessAssignmentResource) });

export const operationResource = z.object({
  id: z.string(),
  operationType: z.enum(operationTypes),
  status: z.enum(operationStatuses),
  data: z.string().meta({
    description: "JSON: what the operation does (the assignment, or the relationship's action), and why it failed."
  }),
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string()
});

export const operationList = z.object({ value: z.array(operationResource) });
