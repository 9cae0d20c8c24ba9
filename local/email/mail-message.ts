/** The shape of one accepted email, as the mailbox keeps it in memory, on disk and in `/dev/mailbox.json`. */
import { z } from "zod";

export const mailAttachmentSchema = z.object({
  name: z.string(),
  contentType: z.string(),
  contentInBase64: z.string(),
  /** Set for an inline attachment the HTML body refers to as `cid:<contentId>`. */
  contentId: z.string().optional()
});

export type MailAttachment = z.infer<typeof mailAttachmentSchema>;

// Parsing restored lines with the same schema keeps a hand-edited or half-written mailbox file from
// leaking malformed records into the pages.
export const mailMessageSchema = z.object({
  id: z.string().min(1),
  from: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()).optional(),
  bcc: z.array(z.string()).optional(),
  subject: z.string(),
  /** The HTML body, or "" when the sender gave only plain text. */
  html: z.string(),
  /** The plain-text body, or "" when the sender gave only HTML. */
  text: z.string(),
  /** ISO 8601 time the local server accepted the send. */
  receivedAt: z.string(),
  /** The `Operation-Id` the caller passed, when it passed one. */
  operationId: z.string().optional(),
  /** Custom headers from the `headers` field of the send request. */
  headers: z.record(z.string(), z.string()).optional(),
  /** The reply-to addresses, when the sender gave any. */
  replyTo: z.array(z.string()).optional(),
  /** Attachments as sent, content and all, so the mailbox can offer each for download after a restart too. */
  attachments: z.array(mailAttachmentSchema).optional()
});

export type MailMessage = z.infer<typeof mailMessageSchema>;
