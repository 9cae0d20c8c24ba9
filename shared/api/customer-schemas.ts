/**
 * The JSON shapes the customer endpoints accept, strict like the partner ones (an unknown field is a 400 naming it).
 */
import { z } from "zod";
import { relationshipStatuses } from "../domain/relationship";

/**
 * An invitation link token as it arrives in the route. Any string passes here on purpose: a malformed token must
 * get the same 404 as an unknown one (the use case checks the shape), not a 400 that tells them apart.
 */
export const invitationToken = z.string();

/** The reader confirms, as the admin center's check box does, that they read this version of the agreement. */
export const agreementAcceptanceBody = z.strictObject({
  agreementVersion: z.string().min(1).max(64),
  acknowledged: z.literal(true, { error: "must be true: confirm that you have read the customer agreement" })
});

export const acceptInvitationBody = agreementAcceptanceBody;

export const customerRelationshipsQuery = z.strictObject({
  status: z.enum(relationshipStatuses).optional()
});

export const customerRelationshipId = z.string().min(1).max(128);
