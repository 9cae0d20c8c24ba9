/**
 * A page's id from its route, checked with the API's own id schema (shared/api/id-schemas.ts). A page answers an
 * id that cannot be one with its plain "not found" page, as it answers an id that names nothing: a person who
 * mistyped a link needs no more than that, and the id never reaches a store.
 */
import type { HttpRequest } from "@azure/functions";
import type { z } from "zod";
import { relationshipId } from "../api/id-schemas";
import { NotFoundError } from "../errors";

export function routeId(request: HttpRequest, name = "id", schema: z.ZodType<string> = relationshipId): string {
  const value = request.params[name];
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new NotFoundError("There is no such page.");
  return parsed.data;
}
