/**
 * The access check's query and answer: "may partner P act with role R in customer C right now?" — and, with
 * security groups, "may a member of one of these groups?". The query is strict (an unknown parameter is a 400
 * naming it) and every id is a GUID; the OpenAPI document is generated from these schemas.
 */
import { z } from "zod";

const guid = (what: string) => z.guid(`must be ${what} (GUID)`);

/** As many groups as Entra puts in a token before it sends the groups overage claim instead. */
export const maxSecurityGroupsPerCheck = 200;

export const accessCheckQuery = z.strictObject({
  partnerTenantId: guid("a tenant id"),
  customerTenantId: guid("a tenant id"),
  roleDefinitionId: guid("a role template id"),
  securityGroupId: z
    .array(guid("a security group id"))
    .min(1)
    .max(maxSecurityGroupsPerCheck, `must name at most ${maxSecurityGroupsPerCheck} security groups`)
    .optional()
    .meta({
      description:
        "Repeatable: the partner user's security groups (object ids). Only a caller with the Access.Check app role passes them."
    })
});

/** Query parameters that may be given more than once (read as a list). */
export const accessCheckListParameters = ["securityGroupId"] as const;

export type AccessCheckQuery = z.infer<typeof accessCheckQuery>;

/**
 * Why the answer is no: no grant of the role exists, every grant of it has reached its end, or the relationship
 * gives the role but none of the groups asked about holds it through an access assignment.
 */
export const accessDeniedReasons = ["notGranted", "expired", "notAssigned"] as const;

export const accessCheckResponse = z.discriminatedUnion("allowed", [
  z.strictObject({
    allowed: z.literal(true),
    /** The relationship whose grant allows it (the one that lasts longest, when several do). */
    relationshipId: z.string(),
    roleDefinitionId: z.string(),
    /** The grant's end: after it the answer is no, whether or not a timer has run. */
    expiresAt: z.iso.datetime(),
    /** With groups: the access assignment that gives the role, and the group it gives it to. */
    accessAssignmentId: z.string().optional(),
    securityGroupId: z.string().optional()
  }),
  z.strictObject({
    allowed: z.literal(false),
    reason: z.enum(accessDeniedReasons)
  })
]);

export type AccessCheckResponse = z.infer<typeof accessCheckResponse>;
