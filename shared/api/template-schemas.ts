/**
 * Relationship templates at the edge: the body a partner sends (strict and bounded, in the field names of a
 * relationship and an access assignment), the route id, and the resource the API answers with. The rules on
 * meaning live in shared/domain/relationship-templates.ts; the OpenAPI document is generated from these schemas.
 */
import { z } from "zod";

export const templateId = z.guid("must be a relationship template id (GUID)");

const unifiedRoles = z.array(z.strictObject({ roleDefinitionId: z.string().max(64) })).max(100);

export const templateBody = z.strictObject({
  displayName: z
    .string()
    .max(400)
    .meta({ description: "Unique among the partner's templates, at most 100 characters." }),
  partnerType: z.string().max(64).optional().meta({ description: "Default partnerWithGdap." }),
  accessDetails: z.strictObject({ unifiedRoles }).optional(),
  duration: z.string().max(32).optional(),
  autoExtendDuration: z.string().max(16).optional(),
  accessAssignments: z
    .array(
      z.strictObject({
        accessContainer: z.strictObject({
          accessContainerId: z.string().max(64),
          accessContainerType: z.string().max(32).optional()
        }),
        accessDetails: z.strictObject({ unifiedRoles }),
        label: z.string().max(400).optional()
      })
    )
    .max(100)
    .optional()
    .meta({
      description:
        "Security groups and the roles (some of the template's) each is given once a relationship made from the template is active."
    })
});

const roles = z.array(z.object({ roleDefinitionId: z.string(), displayName: z.string().optional() }));

export const templateResource = z.object({
  id: z.string(),
  displayName: z.string(),
  partnerType: z.string(),
  accessDetails: z.object({ unifiedRoles: roles }),
  duration: z.string(),
  autoExtendDuration: z.string(),
  accessAssignments: z.array(
    z.object({
      accessContainer: z.object({ accessContainerId: z.string(), accessContainerType: z.literal("securityGroup") }),
      accessDetails: z.object({ unifiedRoles: roles }),
      label: z.string().optional()
    })
  ),
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string()
});

export const templateList = z.object({ value: z.array(templateResource) });
