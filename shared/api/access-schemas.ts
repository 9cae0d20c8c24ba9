/**
 * The access check's query and answer: "may partner P act with role R in customer C right now?". The query is
 * strict (an unknown parameter is a 400 naming it) and every id is a GUID; the OpenAPI document is generated
 * from these schemas.
 */
import { z } from "zod";

const guid = (what: string) => z.guid(`must be ${what} (GUID)`);

export const accessCheckQuery = z.strictObject({
  partnerTenantId: guid("a tenant id"),
  customerTenantId: guid("a tenant id"),
  roleDefinitionId: guid("a role template id")
});

export type AccessCheckQuery = z.infer<typeof accessCheckQuery>;

/** Why the answer is no: no grant of the role exists, or every grant of it has reached its end. */
export const accessDeniedReasons = ["notGranted", "expired"] as const;

export const accessCheckResponse = z.discriminatedUnion("allowed", [
  z.strictObject({
    allowed: z.literal(true),
    /** The relationship whose grant allows it (the one that lasts longest, when several do). */
    relationshipId: z.string(),
    roleDefinitionId: z.string(),
    /** The grant's end: after it the answer is no, whether or not a timer has run. */
    expiresAt: z.iso.datetime()
  }),
  z.strictObject({
    allowed: z.literal(false),
    reason: z.enum(accessDeniedReasons)
  })
]);

export type AccessCheckResponse = z.infer<typeof accessCheckResponse>;
