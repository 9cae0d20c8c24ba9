/**
 * Puts a failure where partner and customer will see it — the relationship's `lastError` — when a queue message
 * has used up its deliveries, so a relationship never hangs silently in `activating`; the operation that failed, if
 * named, shows `failed` with the same words. Audited like any change.
 */
import { withWorkFinished } from "../assignments/relationship-work";
import type { Clock } from "../clock";
import type { OutboxPorts } from "../outbox/drain-outbox";
import { changeRelationship } from "./change-relationship";

export interface FailureToRecord {
  readonly partnerTenantId: string;
  readonly relationshipId: string;
  /** Stable, for people and code: `invitationEmailFailed`, `grantsNotApplied`, ... */
  readonly code: string;
  /** Plain words for the person reading it; no internals, no secrets. */
  readonly message: string;
  /** The relationship's operation that failed with it (shown `failed` in Graph's operations). */
  readonly operationId?: string;
}

export async function recordFailure(
  ports: OutboxPorts & { readonly clock: Clock },
  failure: FailureToRecord
): Promise<void> {
  await changeRelationship(
    ports,
    { partnerTenantId: failure.partnerTenantId, relationshipId: failure.relationshipId },
    (current, now) => ({
      document: withWorkFinished(
        {
          ...current,
          lastError: { code: failure.code, message: failure.message, occurredDateTime: now.toISOString() }
        },
        failure.operationId,
        now,
        {
          code: failure.code,
          message: failure.message
        }
      ),
      action: "failureRecorded",
      actor: { kind: "system" },
      bookkeeping: true
    })
  );
}
