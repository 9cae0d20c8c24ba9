/**
 * Sending email through Azure Communication Services with the real `EmailClient` — identity-based on Azure, the
 * local email server's connection string on one machine. Every send carries an operation id derived by the
 * caller from what is being sent, so a retried or redelivered send is recognised and never goes out twice.
 */
import { EmailClient, type EmailMessage } from "@azure/communication-email";
import type { TokenCredential } from "@azure/identity";
import type { ServiceConnection } from "../config";
import { PermanentMessageError, TransientError } from "../errors";

export interface OutgoingEmail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** A UUID, the same for every attempt at this one email. */
  readonly operationId: string;
}

export interface EmailSender {
  send(email: OutgoingEmail): Promise<void>;
}

const pollIntervalMs = 250;

export class CommunicationEmailSender implements EmailSender {
  constructor(
    private readonly client: EmailClient,
    private readonly senderAddress: string
  ) {}

  async send(email: OutgoingEmail): Promise<void> {
    const message: EmailMessage = {
      senderAddress: this.senderAddress,
      recipients: { to: email.to.map((address) => ({ address })) },
      content: { subject: email.subject, html: email.html, plainText: email.text }
    };
    try {
      const poller = await this.client.beginSend(message, {
        operationId: email.operationId,
        updateIntervalInMs: pollIntervalMs
      });
      const result = await poller.pollUntilDone();
      if (result.status !== "Succeeded") throw new TransientError(`The email service reported ${result.status}.`);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 400)
        throw new PermanentMessageError("InvalidEmail", "The email service refused the message as invalid.");
      if (status === 401 || status === 403) throw new TransientError("The email service refused our credentials.");
      if (error instanceof TransientError) throw error;
      throw new TransientError(failureText(error, status));
    }
  }
}

/**
 * Shown to the partner while the email is retried, so it names the kind of failure only: the service's own text
 * may quote the recipient, and neither it nor the message goes anywhere people read.
 */
function failureText(error: unknown, status: number | undefined): string {
  if (status !== undefined)
    return `The email service answered ${status}${status === 429 ? " (too many requests)" : status >= 500 ? " (a server error)" : ""}.`;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z_]{2,40}$/.test(code)
    ? `The email service could not be reached (${code}).`
    : "The email service could not be reached.";
}

export function createEmailClient(connection: ServiceConnection, credential: () => TokenCredential): EmailClient {
  if (connection.kind === "identity") return new EmailClient(connection.endpoint, credential());
  // The local email server speaks plain HTTP on loopback.
  return new EmailClient(connection.connectionString, { allowInsecureConnection: true });
}
