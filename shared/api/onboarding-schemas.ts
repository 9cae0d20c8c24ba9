/**
 * The JSON shapes of partner onboarding: a tenant's application (written by its admin), the operator's review
 * (list, approve, reject) and partner standing (suspend, reinstate). Inputs are strict and bounded; the domain
 * rules (domain/partner-application-rules.ts, domain/partner-names.ts) then check meaning. The OpenAPI document is
 * generated from these.
 */
import { z } from "zod";
import { partnerNameMaxLength } from "../domain/partner-names";
import { tenantGuid } from "./id-schemas";
import { boundedText } from "./public-schemas";

// ---- inputs -------------------------------------------------------------------------------------------------

export const applicationBody = z.strictObject({
  legalName: boundedText(200),
  partnerId: boundedText(16),
  verifiedDomain: boundedText(253),
  contact: z.strictObject({
    name: boundedText(100),
    email: z.email().max(254),
    phone: z.string().trim().max(32).optional()
  }),
  displayName: boundedText(partnerNameMaxLength)
});

export const applicationStatusQuery = z.strictObject({
  status: z.enum(["inReview", "approved", "rejected"]).default("inReview"),
  $top: z.coerce.number().int().min(1).max(100).default(25),
  $skiptoken: z.string().max(4096).optional()
});

export const partnerStatusQuery = z.strictObject({
  status: z.enum(["approved", "suspended"]).default("approved"),
  $top: z.coerce.number().int().min(1).max(100).default(25),
  $skiptoken: z.string().max(4096).optional()
});

/** A rejection's or suspension's reason: the applicant or partner reads it, so it says what to fix. */
export const reasonBody = z.strictObject({ reason: boundedText(1000) });

export const optionalReasonBody = z.strictObject({ reason: boundedText(1000).optional() });

export const applicantTenantId = tenantGuid;

// ---- outputs ------------------------------------------------------------------------------------------------

const contact = z.object({ name: z.string(), email: z.string(), phone: z.string().optional() });
const actor = z.object({
  kind: z.enum(["applicant", "operator", "system"]),
  tenantId: z.string().optional(),
  userId: z.string().optional(),
  displayName: z.string().optional()
});

const applicationFields = {
  tenantId: z.string(),
  status: z.enum(["inReview", "approved", "rejected"]),
  legalName: z.string(),
  partnerId: z.string(),
  verifiedDomain: z.string(),
  displayName: z.string(),
  contact,
  submittedDateTime: z.string(),
  updatedDateTime: z.string()
};

/** What the applicant sees: its application and the decision, without the operator's identity. */
export const applicationResource = z.object({
  ...applicationFields,
  decision: z
    .object({ status: z.enum(["approved", "rejected"]), reason: z.string().optional(), decidedDateTime: z.string() })
    .optional(),
  partner: z.object({ status: z.enum(["approved", "suspended"]), reason: z.string().optional() }).optional()
});

/** What an operator sees: also who decided and the whole history. */
export const operatorApplicationResource = z.object({
  ...applicationFields,
  decision: z
    .object({
      status: z.enum(["approved", "rejected"]),
      reason: z.string().optional(),
      decidedDateTime: z.string(),
      operator: actor
    })
    .optional(),
  history: z.array(z.object({ action: z.string(), at: z.string(), actor, reason: z.string().optional() }))
});

export const operatorApplicationPage = z.object({
  value: z.array(operatorApplicationResource),
  "@odata.nextLink": z.string().optional()
});

export const operatorPartnerResource = z.object({
  tenantId: z.string(),
  displayName: z.string(),
  status: z.enum(["approved", "suspended"]),
  legalName: z.string().optional(),
  partnerId: z.string().optional(),
  verifiedDomain: z.string().optional(),
  registeredDateTime: z.string(),
  standing: z.array(z.object({ action: z.string(), at: z.string(), actor, reason: z.string().optional() }))
});

export const operatorPartnerPage = z.object({
  value: z.array(operatorPartnerResource),
  "@odata.nextLink": z.string().optional()
});

export type ApplicationBody = z.infer<typeof applicationBody>;
export type ApplicationResource = z.infer<typeof applicationResource>;
export type OperatorApplicationResource = z.infer<typeof operatorApplicationResource>;
export type OperatorPartnerResource = z.infer<typeof operatorPartnerResource>;
