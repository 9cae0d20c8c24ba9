/**
 * The one declaration of the Service Bus queues the product uses. The local Service Bus emulator creates
 * exactly these, and infra/ mirrors them; a drift test keeps the three in step.
 */
export interface QueueDeclaration {
  /** Queue name; the dead-letter sub-queue is `<name>/$DeadLetterQueue`. */
  readonly name: string;
  /** How long a peek-lock receiver holds a message before it is offered again. */
  readonly lockDurationSeconds: number;
  /** Deliveries before the broker dead-letters with reason `MaxDeliveryCountExceeded`. */
  readonly maxDeliveryCount: number;
  /** Whether an expired message goes to the dead-letter queue instead of vanishing. */
  readonly deadLetteringOnMessageExpiration: boolean;
}

export const queueNames = {
  invitationEmails: "invitation-emails",
  roleGrants: "role-grants",
  notifications: "notifications",
  invitationBatches: "invitation-batches"
} as const;

export type QueueName = (typeof queueNames)[keyof typeof queueNames];

const standard = { lockDurationSeconds: 60, maxDeliveryCount: 10, deadLetteringOnMessageExpiration: true };

export const queues: readonly QueueDeclaration[] = [
  { name: queueNames.invitationEmails, ...standard },
  { name: queueNames.roleGrants, ...standard },
  { name: queueNames.notifications, ...standard },
  { name: queueNames.invitationBatches, ...standard }
];

/** The declaration of one of the product's queues; a name without one is a programming error, found at load. */
export function queueDeclaration(name: QueueName): QueueDeclaration {
  const declared = queues.find((queue) => queue.name === name);
  if (!declared) throw new Error(`The queue ${name} is not declared in shared/messaging/queues.ts.`);
  return declared;
}
