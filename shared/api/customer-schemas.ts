/**
 * The JSON shapes the customer endpoints accept, strict like the partner ones (an unknown field is a 400 naming it).
 */
import { z } from "zod";
import { relationshipStatuses } from "../domain/relationship";

/** The reader confirms, as the admin center's check box does, that they read this version of the agreement. */
export const agreementAcceptanceBody = z.strictObject({
  agreementVersion: z.string().min(1).max(64),
  acknowledged: z.literal(true, { error: "must be true: confirm that you have read the customer agreement" })
});

export const acceptInvitationBody = agreementAcceptanceBody;

export const customerRelationshipsQuery = z.strictObject({
  status: z.enum(relationshipStatuses).optional()
});
