/**
 * Shapes the OpenAPI document describes but no endpoint parses: the problem+json error body and the responses built
 * by hand (toRelationshipResource, the customer views). Plain (non-strict) objects: a client should tolerate fields
 * added later.
 */
import { z } from "zod";
import { relationshipStatuses } from "../domain/relationship";

/** Who the partner is: its display name, and the legal name and verified domain an operator checked (absent on
 * relationships created before onboarding existed). */
const partnerReference = z.object({
  tenantId: z.string(),
  displayName: z.string(),
  legalName: z.string().optional(),
  verifiedDomain: z.string().optional()
});

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z
      .string()
      .optional()
      .meta({ description: "Stable error code, e.g. validation_failed, forbidden, precondition_failed." }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "One entry per offending field." }),
    requiredRole: z.object({ id: z.string(), displayName: z.string() }).optional(),
    limit: z
      .string()
      .optional()
      .meta({ description: "With 429: the limit reached, e.g. invitationsPerPartnerPerHour." }),
    retryAfterSeconds: z
      .number()
      .int()
      .optional()
      .meta({ description: "With 429: seconds until the limit's window ends (as Retry-After)." }),
    retryAfterDateTime: z
      .string()
      .meta({ format: "date-time" })
      .optional()
      .meta({ description: "With 429: when the caller can try again." })
  })
  .meta({ description: "RFC 9457 problem details." });

const timestamp = z.string().meta({ format: "date-time" });

const relationshipShared = {
  id: z.string(),
  displayName: z.string(),
  partnerType: z.string(),
  status: z.enum(relationshipStatuses),
  duration: z.string().meta({ description: "ISO-8601 duration, P1D to P2Y, as the partner wrote it (P2Y, P730D)." }),
  autoExtendDuration: z.string().meta({ description: "PT0S (off) or P180D." }),
  partner: partnerReference,
  accessDetails: z.object({
    unifiedRoles: z.array(z.object({ roleDefinitionId: z.string(), displayName: z.string().optional() }))
  }),
  createdDateTime: timestamp,
  lastModifiedDateTime: timestamp,
  activatedDateTime: timestamp.optional(),
  endDateTime: timestamp
    .optional()
    .meta({ description: "The planned end: activation + duration, moved by each extension." }),
  endedDateTime: timestamp
    .optional()
    .meta({ description: "When the relationship actually ended (terminated, expired, declined, cancelled)." }),
  rolesRemovedDateTime: timestamp.optional(),
  termination: z.object({ requestedBy: z.enum(["partner", "customer"]), requestedDateTime: timestamp }).optional(),
  lastError: z.object({ code: z.string(), message: z.string(), occurredDateTime: timestamp }).optional()
};

/** The partner's view: its own bookkeeping included. */
/** The relationship template it was made from, if any (its terms were copied then). */
const templateReference = z
  .object({ id: z.string(), displayName: z.string() })
  .optional()
  .meta({ description: "The relationship template it was made from; its terms were copied then." });

export const partnerRelationshipResource = z.object({
  ...relationshipShared,
  customer: z.object({
    tenantId: z.string().optional(),
    adminEmail: z.string().optional(),
    displayName: z.string().optional()
  }),
  invitation: z
    .object({
      createdDateTime: timestamp,
      expiresDateTime: timestamp,
      sendCount: z.number().int(),
      lastSentDateTime: timestamp.optional()
    })
    .optional()
    .meta({
      description: "Absent while the relationship is created (a draft made through /v1.0, not yet locked for approval)."
    }),
  invitationEmail: z
    .object({
      state: z.enum(["sending", "retrying", "sent", "failed"]),
      attempts: z
        .number()
        .int()
        .optional()
        .meta({ description: "Attempts made at the latest send (retrying, failed)." }),
      lastError: z.string().optional().meta({ description: "Why the last attempt failed, in a few safe words." }),
      lastAttemptDateTime: timestamp.optional(),
      nextAttemptDateTime: timestamp.optional().meta({ description: "When the next attempt is due (retrying)." }),
      sentDateTime: timestamp.optional()
    })
    .optional()
    .meta({
      description:
        "Where the latest invitation email stands; absent once an invitation that never had an email out is no longer pending."
    }),
  acceptance: z
    .object({
      tenantId: z.string(),
      userId: z.string(),
      acceptedDateTime: timestamp,
      agreementVersion: z.string(),
      agreementSha256: z.string()
    })
    .optional(),
  template: templateReference
});

export const createdRelationshipResource = partnerRelationshipResource.extend({
  invitationLink: z.string().meta({ description: "The link the customer admin opens; shown once, never stored." })
});

export const partnerRelationshipPage = z.object({
  value: z.array(partnerRelationshipResource),
  "@odata.nextLink": z.string().optional()
});

const roleReference = z.object({ roleDefinitionId: z.string(), displayName: z.string().optional() });

/** The customer's view: what it agreed to, not the partner's bookkeeping. */
export const customerRelationshipResource = z.object({
  ...relationshipShared,
  customer: z.object({ tenantId: z.string().optional() }),
  acceptance: z.object({ acceptedDateTime: timestamp, agreementVersion: z.string() }).optional(),
  removedRoles: z.array(roleReference).optional()
});

export const customerRelationshipDetail = customerRelationshipResource.extend({
  history: z.array(
    z.object({
      at: timestamp,
      action: z.string(),
      actor: z.object({ kind: z.enum(["partner", "customer", "system"]), displayName: z.string().optional() }),
      removedRoles: z.array(roleReference).optional()
    })
  )
});

export const customerRelationshipList = z.object({ value: z.array(customerRelationshipResource) });

/** What the "Accept agreement & authorise partner" page shows for an invitation link. */
export const invitationView = z.object({
  id: z.string(),
  displayName: z.string(),
  status: z.enum(relationshipStatuses),
  partner: partnerReference,
  partnerType: z.object({ id: z.string(), displayName: z.string(), description: z.string().optional() }),
  roles: z.array(roleReference.extend({ description: z.string().optional(), privileged: z.boolean().optional() })),
  duration: z.string(),
  autoExtendDuration: z.string(),
  invitation: z.object({ createdDateTime: timestamp, expiresDateTime: timestamp }),
  agreement: z.object({ version: z.string(), title: z.string(), href: z.string() }),
  requiredRole: z.object({ id: z.string(), displayName: z.string() }),
  callerMayAccept: z.boolean()
});

export const agreementStatus = z.object({
  tenantId: z.string(),
  agreement: z.object({ version: z.string(), title: z.string(), sha256: z.string(), href: z.string() }),
  accepted: z.boolean(),
  acceptances: z.array(z.object({ version: z.string(), acceptedDateTime: timestamp }))
});

export const acceptedAgreement = z.object({ tenantId: z.string(), version: z.string(), acceptedDateTime: timestamp });

export const healthResource = z.object({ status: z.literal("ok"), cosmos: z.string() });
