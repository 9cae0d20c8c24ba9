/**
 * What travels on each queue. Messages carry ids only — never link tokens, email addresses or free text — so
 * nothing sensitive sits in a queue or a dead-letter queue that operators read. Handlers load the rest from
 * Cosmos DB and validate every message with these schemas.
 */
import { z } from "zod";
import { contactRequestId, relationshipId, tenantGuid } from "../api/id-schemas";
import { queueNames, type QueueName } from "./queues";

export const sendInvitationEmailMessage = z.strictObject({
  kind: z.literal("sendInvitationEmail"),
  partnerTenantId: tenantGuid,
  relationshipId,
  /** 1 for the first email, +1 per resend: each send gets its own email operation id. */
  sendNumber: z.number().int().min(1)
});

/** The relationship's operation this work finishes (shown in Graph's operations); absent on an auto-extension. */
const operationId = z.guid("must be an operation id (GUID)");

export const applyGrantsMessage = z.strictObject({
  kind: z.literal("applyGrants"),
  partnerTenantId: tenantGuid,
  relationshipId,
  operationId: operationId.optional()
});

export const revokeGrantsMessage = z.strictObject({
  kind: z.literal("revokeGrants"),
  partnerTenantId: tenantGuid,
  relationshipId,
  reason: z.enum(["rolesRemoved", "terminated", "expired"]),
  operationId: operationId.optional()
});

/** An access assignment was created, changed or deleted: bring the access documents in line with it. */
export const applyAccessAssignmentMessage = z.strictObject({
  kind: z.literal("applyAccessAssignment"),
  partnerTenantId: tenantGuid,
  relationshipId,
  accessAssignmentId: z.guid("must be an access assignment id (GUID)"),
  operationId
});

export const contactPartnerMessage = z.strictObject({
  kind: z.literal("contactPartner"),
  partnerTenantId: tenantGuid,
  contactRequestId
});

export const relationshipNoticeMessage = z.strictObject({
  kind: z.literal("relationshipNotice"),
  partnerTenantId: tenantGuid,
  relationshipId,
  notice: z.enum(["expiry30", "expiry7", "expiry1", "expiry0", "terminated", "expired", "extended"])
});

/** Invite the next rows of a bulk batch; `step` is the batch's processing step the message was sent for. */
export const invitationBatchMessage = z.strictObject({
  kind: z.literal("processInvitationBatch"),
  partnerTenantId: tenantGuid,
  batchId: z.guid("must be a batch id (GUID)"),
  step: z.number().int().min(1)
});

export const roleGrantsQueueMessage = z.discriminatedUnion("kind", [
  applyGrantsMessage,
  revokeGrantsMessage,
  applyAccessAssignmentMessage
]);
export const notificationsQueueMessage = z.discriminatedUnion("kind", [
  contactPartnerMessage,
  relationshipNoticeMessage
]);

export type SendInvitationEmailMessage = z.infer<typeof sendInvitationEmailMessage>;
export type ApplyGrantsMessage = z.infer<typeof applyGrantsMessage>;
export type RevokeGrantsMessage = z.infer<typeof revokeGrantsMessage>;
export type ApplyAccessAssignmentMessage = z.infer<typeof applyAccessAssignmentMessage>;
export type RoleGrantsQueueMessage = z.infer<typeof roleGrantsQueueMessage>;
export type ContactPartnerMessage = z.infer<typeof contactPartnerMessage>;
export type RelationshipNoticeMessage = z.infer<typeof relationshipNoticeMessage>;
export type InvitationBatchMessage = z.infer<typeof invitationBatchMessage>;
export type QueueMessage =
  | SendInvitationEmailMessage
  | ApplyGrantsMessage
  | RevokeGrantsMessage
  | ApplyAccessAssignmentMessage
  | ContactPartnerMessage
  | RelationshipNoticeMessage
  | InvitationBatchMessage;

export function queueOf(message: QueueMessage): QueueName {
  switch (message.kind) {
    case "sendInvitationEmail":
      return queueNames.invitationEmails;
    case "applyGrants":
    case "revokeGrants":
    case "applyAccessAssignment":
      return queueNames.roleGrants;
    case "contactPartner":
    case "relationshipNotice":
      return queueNames.notifications;
    case "processInvitationBatch":
      return queueNames.invitationBatches;
  }
}
