/**
 * The JSON shapes of the MPSA purchase endpoints: strict, bounded requests (the values' rules, with field names, are
 * in shared/domain/mpsa-purchases.ts) and the responses the OpenAPI document describes.
 */
import { z } from "zod";
import {
  agreementNumberMaxLength,
  agreementNumberMinLength,
  productMaxLength,
  quantityMax
} from "../domain/mpsa-purchases";

export const recordPurchaseBody = z.strictObject({
  product: z
    .string()
    .max(1_000)
    .meta({ description: `What was bought, 1 to ${productMaxLength} characters.` }),
  quantity: z.number().meta({ description: `A whole number from 1 to ${quantityMax}.` }),
  agreementNumber: z
    .string()
    .max(100)
    .meta({
      description: `The MPSA agreement number: ${agreementNumberMinLength} to ${agreementNumberMaxLength} letters and digits with at least one digit; spaces and hyphens are ignored, letters kept in upper case.`
    }),
  purchaseDate: z.string().max(40).meta({
    description: "YYYY-MM-DD, from 2000-01-01 to today (in the time zone furthest ahead, UTC+14).",
    format: "date"
  })
});

const pageQuery = {
  $top: z.coerce.number().int().min(1).max(500).default(100),
  $skiptoken: z.string().max(4096).optional().meta({ description: "Opaque and signed: copy it from @odata.nextLink." })
};

export const partnerPurchasesQuery = z.strictObject({
  ...pageQuery,
  $skiptoken: pageQuery.$skiptoken.meta({
    description:
      "Opaque and signed: copy it from @odata.nextLink. It is bound to the view it was made for: when the customer switches sharing meanwhile it is a 400; start again."
  })
});

export const customerPurchasesQuery = z.strictObject(pageQuery);

export const purchaseSharingBody = z.strictObject({
  enabled: z.boolean().meta({
    description:
      "true: each of your MPSA partners also sees the purchases your other MPSA partners recorded; false: each sees only its own."
  })
});

const timestamp = z.string().meta({ format: "date-time" });
const purchasePartner = z.object({ tenantId: z.string(), displayName: z.string(), legalName: z.string().optional() });
const purchaseValues = {
  id: z.string(),
  product: z.string(),
  quantity: z.number().int(),
  agreementNumber: z.string(),
  purchaseDate: z.string().meta({ format: "date" }),
  recordedDateTime: timestamp
};

export const partnerPurchaseResource = z.object({
  ...purchaseValues,
  customerTenantId: z.string(),
  partner: purchasePartner.meta({ description: "The partner that recorded the purchase." }),
  isOwn: z.boolean().meta({ description: "Whether your organisation recorded it." }),
  recordedBy: z
    .object({ userId: z.string(), displayName: z.string().optional() })
    .optional()
    .meta({ description: "Only on your own records." })
});

export const partnerPurchasePage = z.object({
  value: z.array(partnerPurchaseResource),
  sharing: z.object({ enabled: z.boolean() }).meta({
    description:
      "Whether the customer lets its MPSA partners see each other's purchases now: false means value holds only yours."
  }),
  customer: z.object({ tenantId: z.string(), displayName: z.string().optional() }),
  "@odata.nextLink": z.string().optional()
});

export const customerPurchasePage = z.object({
  value: z
    .array(
      z.object({
        partner: purchasePartner,
        purchases: z.array(
          z.object({ ...purchaseValues, recordedBy: z.object({ displayName: z.string().optional() }) })
        )
      })
    )
    .meta({
      description:
        "Purchases grouped by partner. A page ends after $top purchases, so a partner's group may go on in the next page."
    }),
  "@odata.nextLink": z.string().optional()
});

export const purchaseSharingResource = z.object({
  tenantId: z.string(),
  enabled: z.boolean(),
  description: z.string(),
  changes: z
    .array(
      z.object({
        enabled: z.boolean(),
        changedDateTime: timestamp,
        changedBy: z.object({ userId: z.string(), displayName: z.string().optional() })
      })
    )
    .meta({ description: "The most recent 20 changes, newest first; each is also in the audit trail." })
});
