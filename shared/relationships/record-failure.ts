/**
 * Puts a failure where partner and customer will see it — the relationship's `lastError` — when a queue message
 * has used up its deliveries, so a relationship never hangs silently in `activating`. Audited like any change.
 */
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
}

export async function recordFailure(ports: OutboxPorts & { readonly clock: Clock }, failure: FailureToRecord): Promise<void> {
  await changeRelationship(ports, { partnerTenantId: failure.partnerTenantId, relationshipId: failure.relationshipId }, (current, now) => ({
    document: { ...current, lastError: { code: failure.code, message: failure.message, occurredDateTime: now.toISOString() } },
    action: "failureRecorded",
    actor: { kind: "system" },
    bookkeeping: true
  }));
}
