/**
 * The one home of the ids that arrive in routes and query strings, for the API and the pages alike. Checking them
 * here, at the edge, is what keeps a hostile id (`a/b`, a space, `\`, `#`) from reaching the Cosmos DB SDK, which
 * refuses such ids on the client side with an error that would otherwise surface as a 500.
 */
import { z } from "zod";

/** Tenant ids as Entra ID writes them (8-4-4-4-12 hex). */
export const tenantGuid = z.guid("must be a tenant id (GUID)");

/** Relationship ids are GUIDs (random, or derived from an Idempotency-Key in the same layout). */
export const relationshipId = z.guid("must be a relationship id (GUID)");

/** A Graph delegatedAdminRelationshipRequest's id (random). */
export const requestId = z.guid("must be a request id (GUID)");

/** A "Contact me" request's id (random). */
export const contactRequestId = z.guid("must be a contact request id (GUID)");

/** The customer sees the same relationship under the same id. */
export const customerRelationshipId = relationshipId;

/**
 * An invitation link token as it arrives in the route. Any string passes here on purpose: a malformed token must
 * get the same 404 as an unknown one (the use case checks the shape and never uses the token as an id), not a 400
 * that tells them apart.
 */
export const invitationToken = z.string();

/** True when `value` is an id of this kind: for pages, which answer "not found" rather than a 400. */
export function isIdOf(schema: z.ZodType, value: string | undefined): value is string {
  return value !== undefined && schema.safeParse(value).success;
}
