/** The body of `POST /emails:send`, validated the way the service does before it queues anything. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { MailMessage } from "./mail-message";

const emailAddress = z.object({ address: z.email(), displayName: z.string().optional() });

const recipients = z
  .object({
    to: z.array(emailAddress).optional(),
    cc: z.array(emailAddress).optional(),
    bcc: z.array(emailAddress).optional()
  })
  // The 2025-09-01 API allows cc- or bcc-only sends, so "at least one" counts all three lists.
  .refine((r) => (r.to?.length ?? 0) + (r.cc?.length ?? 0) + (r.bcc?.length ?? 0) > 0, {
    message: "at least one recipient in to, cc or bcc is required"
  });

const content = z
  .object({
    subject: z.string().trim().min(1, "subject is required"),
    html: z.string().optional(),
    plainText: z.string().optional()
  })
  .refine((c) => Boolean(c.html) || Boolean(c.plainText), { message: "html or plainText is required" });

export const sendEmailRequestSchema = z.object({
  senderAddress: z.email(),
  recipients,
  content,
  headers: z.record(z.string(), z.string()).optional(),
  // Kept whole in the mailbox (the 10 MB body cap bounds them), so a developer can download what was sent.
  attachments: z
    .array(
      z.object({
        name: z.string().min(1),
        contentType: z.string().min(1),
        contentInBase64: z.base64("must be base64"),
        contentId: z.string().min(1).optional()
      })
    )
    .optional(),
  replyTo: z.array(emailAddress).optional(),
  userEngagementTrackingDisabled: z.boolean().optional()
});

export type SendEmailRequest = z.infer<typeof sendEmailRequestSchema>;

/** One line per problem, `path: message`, for the error the SDK surfaces as `RestError.message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
}

export function toMailMessage(request: SendEmailRequest, operationId: string | undefined, now: Date): MailMessage {
  const addresses = (list: readonly { address: string }[] | undefined): string[] | undefined =>
    list && list.length > 0 ? list.map((entry) => entry.address) : undefined;
  return {
    id: randomUUID(),
    from: request.senderAddress,
    to: addresses(request.recipients.to) ?? [],
    ...optional("cc", addresses(request.recipients.cc)),
    ...optional("bcc", addresses(request.recipients.bcc)),
    subject: request.content.subject,
    html: request.content.html ?? "",
    text: request.content.plainText ?? "",
    receivedAt: now.toISOString(),
    ...optional("operationId", operationId),
    ...optional("headers", request.headers),
    ...optional("replyTo", addresses(request.replyTo)),
    ...optional("attachments", request.attachments && request.attachments.length > 0 ? request.attachments : undefined)
  };
}

// Leaves absent fields out entirely rather than writing `"cc": undefined` shapes into the file.
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
