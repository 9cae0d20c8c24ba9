/**
 * Side effects a state change owes, written in the same document write as the change itself (so they cannot be
 * lost), then carried out and removed: a queue message to publish, an audit record to append, an index entry to
 * add, access to take out of the access documents. Each is idempotent (deterministic ids), so carrying one out twice after a crash does no harm.
 */
import type { QueueMessage } from "../messaging/messages";

export interface AuditRecord {
  readonly id: string;
  readonly relationshipId: string;
  readonly partnerTenantId: string;
  readonly customerTenantId?: string;
  readonly at: string;
  readonly actor: {
    readonly kind: "partner" | "customer" | "system";
    readonly tenantId?: string;
    readonly userId?: string;
    readonly displayName?: string;
  };
  readonly action: string;
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
}

/** Access to take away inside the request that ended it, so the access check says no before any queue work. */
export type AccessRemoval =
  /** Every grant of these roles this relationship holds, with the groups listed in them (remove roles, termination). */
  | {
      readonly kind: "revokeGrants";
      readonly roleDefinitionIds: readonly string[];
      readonly reason: "rolesRemoved" | "terminated";
    }
  /** One assignment's group, from these roles (an assignment deleted, or some of its roles taken back). */
  | {
      readonly kind: "removeGroup";
      readonly accessAssignmentId: string;
      readonly securityGroupId: string;
      readonly roleDefinitionIds: readonly string[];
    };

export type OutboxEntry =
  | { readonly id: string; readonly kind: "publish"; readonly message: QueueMessage }
  | { readonly id: string; readonly kind: "audit"; readonly record: AuditRecord }
  | { readonly id: string; readonly kind: "indexCustomer"; readonly customerTenantId: string }
  | { readonly id: string; readonly kind: "removeDocument" }
  | { readonly id: string; readonly kind: "removeAccess"; readonly removal: AccessRemoval; readonly at: string };
