/**
 * Side effects a state change owes, written in the same document write as the change itself (so they cannot be
 * lost), then carried out and removed: a queue message to publish, an audit record to append, an index entry to
 * add. Each is idempotent (deterministic ids), so carrying one out twice after a crash does no harm.
 */
import type { QueueMessage } from "../messaging/messages";

export interface AuditRecord {
  readonly id: string;
  readonly relationshipId: string;
  readonly partnerTenantId: string;
  readonly customerTenantId?: string;
  readonly at: string;
  readonly actor: { readonly kind: "partner" | "customer" | "system"; readonly tenantId?: string; readonly userId?: string; readonly displayName?: string };
  readonly action: string;
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
}

export type OutboxEntry =
  | { readonly id: string; readonly kind: "publish"; readonly message: QueueMessage }
  | { readonly id: string; readonly kind: "audit"; readonly record: AuditRecord }
  | { readonly id: string; readonly kind: "indexCustomer"; readonly customerTenantId: string }
  | { readonly id: string; readonly kind: "removeDocument" };
