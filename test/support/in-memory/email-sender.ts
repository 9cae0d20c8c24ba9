/**
 * EmailSender in memory, with the one rule of Azure Communication Services the use cases lean on: a send that
 * repeats an operation id is the same operation, so it delivers nothing new. `attempts` keeps every call,
 * `delivered` what reached a mailbox. Failures on cue (a TransientError is what the real sender throws for an outage).
 */
import type { EmailSender, OutgoingEmail } from "../../../shared/email/email-sender";
import { Faults } from "./faults";

export class RecordingEmailSender implements EmailSender {
  readonly attempts: OutgoingEmail[] = [];
  readonly delivered: OutgoingEmail[] = [];
  readonly faults = new Faults<"send">();
  /** Runs once an email is delivered: lets a test change the relationship while the email goes out. */
  afterDelivery: (email: OutgoingEmail) => void = () => undefined;

  async send(email: OutgoingEmail): Promise<void> {
    this.attempts.push(structuredClone(email));
    this.faults.enter("send");
    if (this.delivered.some((earlier) => earlier.operationId === email.operationId)) return;
    this.delivered.push(structuredClone(email));
    this.afterDelivery(email);
  }

  to(address: string): OutgoingEmail[] {
    return this.delivered.filter((email) => email.to.includes(address));
  }
}
