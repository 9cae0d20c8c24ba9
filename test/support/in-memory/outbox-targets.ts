/**
 * What a relationship's outbox entries reach, in memory: the audit log (a record is created once; a replay of its
 * deterministic id is ignored, as the Cosmos DB log ignores the 409), the two lookup indexes (an entry written
 * twice is the same entry) and the queue publisher (every publish is kept, duplicates included: a drain that runs
 * twice publishes twice, under the same message id). Each can fail on cue through its `faults`.
 */
import type { QueueMessage } from "../../../shared/messaging/messages";
import type { AuditRecord } from "../../../shared/outbox/outbox-entry";
import type {
  AuditLog,
  CustomerRelationshipIndex,
  InvitationReference,
  InvitationTokenIndex,
  MessagePublisher
} from "../../../shared/relationships/ports";
import { Faults } from "./faults";

export class InMemoryAuditLog implements AuditLog {
  readonly records = new Map<string, AuditRecord>();
  readonly faults = new Faults<"append" | "list">();

  async append(record: AuditRecord): Promise<void> {
    this.faults.enter("append");
    if (!this.records.has(record.id)) this.records.set(record.id, structuredClone(record));
  }

  async listForRelationship(relationshipId: string): Promise<readonly AuditRecord[]> {
    this.faults.enter("list");
    return [...this.records.values()]
      .filter((record) => record.relationshipId === relationshipId)
      .sort((a, b) => a.at.localeCompare(b.at));
  }

  actions(relationshipId: string): string[] {
    return [...this.records.values()]
      .filter((record) => record.relationshipId === relationshipId)
      .map((record) => record.action);
  }
}

export class InMemoryCustomerIndex implements CustomerRelationshipIndex {
  readonly entries = new Map<string, InvitationReference & { readonly customerTenantId: string }>();
  readonly faults = new Faults<"add" | "list">();

  async add(customerTenantId: string, reference: InvitationReference): Promise<void> {
    this.faults.enter("add");
    this.entries.set(`${customerTenantId}/${reference.relationshipId}`, { customerTenantId, ...reference });
  }

  async list(customerTenantId: string): Promise<readonly InvitationReference[]> {
    this.faults.enter("list");
    return [...this.entries.values()]
      .filter((entry) => entry.customerTenantId === customerTenantId)
      .map(({ partnerTenantId, relationshipId }) => ({ partnerTenantId, relationshipId }));
  }
}

export class InMemoryInvitationTokens implements InvitationTokenIndex {
  readonly entries = new Map<string, InvitationReference>();
  readonly faults = new Faults<"put" | "find">();

  async put(tokenHash: string, reference: InvitationReference): Promise<void> {
    this.faults.enter("put");
    this.entries.set(tokenHash, { ...reference });
  }

  async find(tokenHash: string): Promise<InvitationReference | undefined> {
    this.faults.enter("find");
    const found = this.entries.get(tokenHash);
    return found && { ...found };
  }
}

export interface PublishedMessage {
  readonly message: QueueMessage;
  readonly messageId: string;
  /** Set on a scheduled message: when it appears on its queue, and which attempt it is. */
  readonly enqueueAt?: Date;
  readonly attempt?: number;
}

export class RecordingPublisher implements MessagePublisher {
  readonly published: PublishedMessage[] = [];
  readonly faults = new Faults<"publish" | "schedule">();

  async publish(message: QueueMessage, messageId: string): Promise<void> {
    this.faults.enter("publish");
    this.published.push({ message: structuredClone(message), messageId });
  }

  async schedule(message: QueueMessage, messageId: string, enqueueAt: Date, attempt: number): Promise<void> {
    this.faults.enter("schedule");
    this.published.push({ message: structuredClone(message), messageId, enqueueAt, attempt });
  }

  messages(): QueueMessage[] {
    return this.published.map((item) => item.message);
  }
}
