/**
 * Graph's requests on a relationship (`POST …/{id}/requests`), each one ETag-guarded write that both acts and
 * records the request (relationships/relationship-requests.ts):
 *   lockForApproval — created → approvalPending: only an approved, unsuspended partner, within the same abuse
 *     limits as an invitation; the link token's index entry is made, and the email is owed if there is an address;
 *   terminate — an accepted relationship starts ending (the request is `pending` until it is `terminated`); a
 *     pending invitation is withdrawn at once (`cancelled`, shown as terminated); a draft is deleted, not ended.
 * `approve` and `reject` are for indirect resellers, which this product does not have: refused, naming the action.
 */
import { randomUUID } from "node:crypto";
import { ForbiddenError, ValidationError } from "../errors";
import { invitingRefusal } from "../domain/partner-standing";
import { deriveLinkToken, hashLinkToken, newInvitationNonce } from "../invitations/link-token";
import type { Admission } from "../limits/limiter";
import type { AuditRecord } from "../outbox/outbox-entry";
import { changeRelationship, type RelationshipChange } from "../relationships/change-relationship";
import { lockedDocument } from "../relationships/relationship-drafts";
import type { StoredRelationship, VersionedRelationship } from "../relationships/relationship-document";
import {
  requestActions,
  requestStatusOf,
  withRequest,
  type RelationshipRequestRecord,
  type RequestAction
} from "../relationships/relationship-requests";
import type { PartnerRecord } from "../tenants/tenant-records";
import { invitationLinkFor, type CreateInvitationPorts } from "./create-invitation";
import { cancellation, terminationChange } from "./partner-relationships";

export interface RequestInput {
  readonly partner: PartnerRecord;
  readonly actor: AuditRecord["actor"];
  readonly relationshipId: string;
  /** As sent; checked here so `approve` gets its own answer. */
  readonly action: string;
  readonly ifMatch?: string;
}

export interface MadeRequest {
  readonly relationship: VersionedRelationship;
  readonly request: RelationshipRequestRecord;
  /** After a lockForApproval: the bearer link the partner shares when there is no address (or as well). */
  readonly invitationLink?: string;
}

export async function makeRelationshipRequest(ports: CreateInvitationPorts, input: RequestInput): Promise<MadeRequest> {
  const action = requestActionOf(input.action);
  const target = {
    partnerTenantId: input.partner.tenantId,
    relationshipId: input.relationshipId,
    ifMatch: input.ifMatch
  };
  if (action === "terminate") {
    const written = await changeRelationship(ports, target, (current, now) =>
      recorded(endingChange(current, now, input.actor), action, now)
    );
    return { relationship: written, request: latestRequest(written.document) };
  }
  return lockForApproval(ports, input, target);
}

async function lockForApproval(
  ports: CreateInvitationPorts,
  input: RequestInput,
  target: { partnerTenantId: string; relationshipId: string; ifMatch?: string }
): Promise<MadeRequest> {
  const refusal = invitingRefusal(input.partner);
  if (refusal) throw new ForbiddenError(refusal);
  const nonce = newInvitationNonce();
  const tokenHash = hashLinkToken(deriveLinkToken(ports.linkTokenSecret, nonce));
  let admission: Admission | undefined;
  let indexed = false;
  try {
    const written = await changeRelationship(
      ports,
      target,
      (current, now) => {
        const locked = lockedDocument(current, { nonce, tokenHash }, now);
        const change = {
          document: locked.document,
          action: "lockedForApproval",
          actor: input.actor,
          publish: locked.publish,
          indexCustomer: locked.indexCustomer
        };
        return recorded(change, "lockForApproval", now);
      },
      // Once the change is known to be allowed: the limits, then the lookup (an orphan lookup points at nothing).
      async (next, now) => {
        admission ??= await ports.limiter.admitInvitation(next.partnerTenantId, next.customer.adminEmail, now);
        if (!indexed)
          await ports.invitationTokens.put(tokenHash, {
            partnerTenantId: next.partnerTenantId,
            relationshipId: next.id
          });
        indexed = true;
      }
    );
    return {
      relationship: written,
      request: latestRequest(written.document),
      invitationLink: invitationLinkFor(ports, nonce)
    };
  } catch (error) {
    await admission?.release();
    throw error;
  }
}

function requestActionOf(action: string): RequestAction {
  if ((requestActions as readonly string[]).includes(action)) return action as RequestAction;
  const reason =
    action === "approve" || action === "reject"
      ? `${action} is for an indirect reseller answering its provider's relationship; partners here use lockForApproval or terminate.`
      : "must be lockForApproval or terminate.";
  throw new ValidationError([{ field: "action", message: reason }]);
}

/** What ending means in each status: a pending invitation is withdrawn at once; anything accepted starts terminating. */
function endingChange(
  current: StoredRelationship,
  now: Date,
  actor: AuditRecord["actor"]
): RelationshipChange & { readonly immediate: boolean } {
  if (current.status === "approvalPending") return { ...cancellation(current, now, { actor }), immediate: true };
  return { ...terminationChange(current, now, "partner", actor), immediate: false };
}

function recorded(
  change: RelationshipChange & { readonly immediate?: boolean },
  action: RequestAction,
  now: Date
): RelationshipChange {
  const at = now.toISOString();
  const status = action === "terminate" && !change.immediate ? "pending" : "succeeded";
  const record: RelationshipRequestRecord = {
    id: randomUUID(),
    action,
    status,
    createdDateTime: at,
    lastModifiedDateTime: at
  };
  const { immediate: _immediate, ...rest } = change;
  return { ...rest, document: { ...change.document, requests: withRequest(change.document, record) } };
}

function latestRequest(document: StoredRelationship): RelationshipRequestRecord {
  const record = document.requests?.[document.requests.length - 1];
  if (!record) throw new Error("The request was written but is not on the relationship.");
  return requestStatusOf(record, document);
}
