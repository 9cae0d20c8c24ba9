/** Small builders the OpenAPI route tables share (openapi.ts, graph-operations.ts). */
import type { z } from "zod";
import * as ids from "./id-schemas";
import type { HeaderParameter, NamedSchema } from "./openapi";

export const named = (name: string, schema: z.ZodType): NamedSchema => ({ name, schema });
export const ifMatch = (required: boolean): HeaderParameter => ({
  name: "If-Match",
  required,
  description: "The ETag you read; a stale one is a 412."
});
export const relationshipIdParam = { id: ids.relationshipId };
