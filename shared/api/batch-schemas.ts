/**
 * Bulk invitation batches at the edge. The body must be a batch (a template id and 1 to 1,000 customers), or it is
 * a 400; each customer row is then judged on its own by the rules (shared/domain/invitation-batches.ts), so one bad
 * row is reported in the batch rather than refusing the others. The OpenAPI document is generated from these.
 */
import { z } from "zod";
import { batchStatuses, maxBatchRows, rowOutcomes } from "../domain/invitation-batches";
import type { PagingScope } from "../http/paging";
import { templateId } from "./template-schemas";

export const batchId = z.guid("must be an invitation batch id (GUID)");

/** Any value: a row that is not what the rules want is reported as a bad row, not a 400. */
const customerRow = z.unknown().meta({
  description:
    "A customer: {tenantId, adminEmail, displayName?}. A row the rules refuse is reported in the batch (outcome failed) and does not stop the others.",
  type: "object",
  properties: {
    tenantId: {
      type: "string",
      description: "The customer's tenant id (GUID): only an admin of that tenant can accept."
    },
    adminEmail: { type: "string", description: "Where the invitation is emailed." },
    displayName: {
      type: "string",
      description:
        "The relationship's name (at most 50 characters, unique among yours); default: the template's name and the first 8 characters of the tenant id."
    }
  }
});

export const batchBody = z.strictObject({
  templateId,
  customers: z
    .array(customerRow)
    .min(1, "must list at least one customer")
    .max(maxBatchRows, `must list at most ${maxBatchRows} customers; split a longer list into several batches`)
});

/** A batch body is larger than the API's usual 64 KB: 1,000 rows with long addresses. */
export const maxBatchBodyBytes = 1024 * 1024;

export const listBatchesQuery = z.strictObject({
  $top: z.coerce.number().int().min(1).max(100).default(25),
  $skiptoken: z.string().max(4096).optional().meta({ description: "Opaque and signed: copy it from @odata.nextLink." })
});

export function batchesScope(partnerTenantId: string): PagingScope {
  return { list: "invitationBatches", partition: partnerTenantId };
}

const timestamp = z.string().meta({ format: "date-time" });

const counts = z.object({
  total: z.number().int(),
  invited: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int()
});

export const batchSummaryResource = z.object({
  id: z.string(),
  status: z.enum(batchStatuses),
  template: z.object({ id: z.string(), displayName: z.string() }),
  counts,
  createdDateTime: timestamp,
  lastModifiedDateTime: timestamp,
  startedDateTime: timestamp.optional(),
  completedDateTime: timestamp.optional(),
  estimatedCompletionDateTime: timestamp.optional().meta({
    description: "When the last row should be invited, from the rows left and the partner's invitation limits in force."
  }),
  waiting: z
    .object({ limit: z.string(), untilDateTime: timestamp })
    .optional()
    .meta({ description: "While a limit holds the batch back: which limit, and when the batch goes on." }),
  lastError: z.object({ code: z.string(), message: z.string(), occurredDateTime: timestamp }).optional()
});

export const batchResource = batchSummaryResource.extend({
  results: z.array(
    z.object({
      row: z
        .number()
        .int()
        .meta({ description: "1-based position in customers (the CSV's data rows, after its header)." }),
      tenantId: z.string(),
      adminEmail: z.string(),
      displayName: z.string(),
      outcome: z.enum(rowOutcomes),
      relationshipId: z.string().optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional()
    })
  )
});

export const batchPage = z.object({ value: z.array(batchSummaryResource), "@odata.nextLink": z.string().optional() });
