/**
 * A partner invites a customer: every rule checked, the relationship stored in `approvalPending` with the
 * invitation email owed in its outbox, and the link handed back (as Graph and Partner Center do). With an
 * Idempotency-Key the relationship id is derived from the key, so a retried request finds the first result
 * instead of creating a second relationship. The partner's and the customer address's abuse limits are checked
 * before anything is written; a request that then writes nothing gives its counted slots back.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import { ConflictError, ForbiddenError, ValidationError } from "../errors";
import { invitingRefusal } from "../domain/partner-standing";
import { invitationExpiresAt } from "../domain/lifecycle";
import { validateInvitation, type NormalizedInvitation } from "../domain/invitation-rules";
import type { InvitationRequest } from "../domain/relationship";
import { deriveLinkToken, hashLinkToken, newInvitationNonce } from "../invitations/link-token";
import { drainAfterWrite, outboxEntriesFor } from "../relationships/change-relationship";
import type { OutboxPorts } from "../outbox/drain-outbox";
import type { Limiter } from "../limits/limiter";
import type { InvitationTokenIndex } from "../relationships/ports";
import type { StoredRelationship, VersionedRelationship } from "../relationships/relationship-document";
import type { AuditRecord } from "../outbox/outbox-entry";
import type { PartnerRecord } from "../tenants/tenant-records";

export interface CreateInvitationPorts extends OutboxPorts {
  readonly clock: Clock;
  readonly invitationTokens: InvitationTokenIndex;
  readonly linkTokenSecret: Buffer;
  readonly publicBaseUrl: string;
  readonly limiter: Limiter;
}

export interface CreateInvitationInput {
  readonly partner: PartnerRecord;
  readonly actor: AuditRecord["actor"];
  readonly request: InvitationRequest;
  readonly idempotencyKey?: string;
}

export interface CreatedInvitation {
  readonly relationship: VersionedRelationship;
  readonly invitationLink: string;
  /** False when an Idempotency-Key found the relationship an earlier request created. */
  readonly created: boolean;
}

export async function createInvitation(ports: CreateInvitationPorts, input: CreateInvitationInput): Promise<CreatedInvitation> {
  const refusal = invitingRefusal(input.partner);
  if (refusal) throw new ForbiddenError(refusal);
  const validation = validateInvitation(input.request);
  if (!validation.ok) throw new ValidationError(validation.errors);
  const invitation = validation.value;
  const partnerTenantId = input.partner.tenantId;
  const requestHash = sha256(JSON.stringify(invitation));
  const id = input.idempotencyKey ? idFromKey(partnerTenantId, input.idempotencyKey) : randomUUID();

  if (input.idempotencyKey) {
    const earlier = await ports.store.get(partnerTenantId, id);
    if (earlier) return replay(ports, earlier, requestHash);
  }

  const admission = await ports.limiter.admitInvitation(partnerTenantId, invitation.customer.adminEmail, ports.clock.now());
  const result = await storeInvitation(ports, input, invitation, id, requestHash).catch(async (error: unknown) => {
    await admission.release();
    throw error;
  });
  if (!result.created) await admission.release();
  return result;
}

async function storeInvitation(
  ports: CreateInvitationPorts,
  input: CreateInvitationInput,
  invitation: NormalizedInvitation,
  id: string,
  requestHash: string
): Promise<CreatedInvitation> {
  const partnerTenantId = input.partner.tenantId;
  const nonce = newInvitationNonce();
  const token = deriveLinkToken(ports.linkTokenSecret, nonce);
  const tokenHash = hashLinkToken(token);
  // The lookup goes first: if the relationship write then fails, an orphan lookup points at nothing (a 404).
  await ports.invitationTokens.put(tokenHash, { partnerTenantId, relationshipId: id });

  const document = newRelationship(id, input, invitation, { nonce, tokenHash }, ports.clock.now(), input.idempotencyKey && { key: input.idempotencyKey, requestHash });
  let written: VersionedRelationship;
  try {
    written = await ports.store.create(document);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const raced = input.idempotencyKey ? await ports.store.get(partnerTenantId, id) : undefined;
    if (raced) return replay(ports, raced, requestHash);
    throw new ConflictError("Another live relationship of yours already has this display name.", [
      { field: "displayName", message: "is already used by another of your relationships that has not ended." }
    ]);
  }
  const relationship = await drainAfterWrite(ports, written);
  return { relationship, invitationLink: invitationLinkFor(ports, nonce), created: true };
}

export function invitationLinkFor(ports: Pick<CreateInvitationPorts, "linkTokenSecret" | "publicBaseUrl">, nonce: string): string {
  return `${ports.publicBaseUrl}/invitations/${deriveLinkToken(ports.linkTokenSecret, nonce)}`;
}

function replay(ports: CreateInvitationPorts, earlier: VersionedRelationship, requestHash: string): CreatedInvitation {
  if (earlier.document.idempotency?.requestHash !== requestHash) {
    throw new ConflictError("This Idempotency-Key was already used for a different request.", [
      { field: "Idempotency-Key", message: "was used before with a different body; use a new key for a new invitation." }
    ]);
  }
  return { relationship: earlier, invitationLink: invitationLinkFor(ports, earlier.document.invitation.nonce), created: false };
}

function newRelationship(
  id: string,
  input: CreateInvitationInput,
  invitation: NormalizedInvitation,
  secret: { nonce: string; tokenHash: string },
  now: Date,
  idempotency: StoredRelationship["idempotency"] | "" | undefined
): StoredRelationship {
  const at = now.toISOString();
  const expires = invitationExpiresAt(now).toISOString();
  const base: StoredRelationship = {
    id,
    partnerTenantId: input.partner.tenantId,
    displayName: invitation.displayName,
    uniqueName: invitation.displayName.toLowerCase(),
    partnerType: invitation.partnerType,
    partner: partnerSnapshot(input.partner),
    customer: invitation.customer,
    accessDetails: invitation.accessDetails,
    duration: invitation.duration,
    autoExtendDuration: invitation.autoExtendDuration,
    status: "approvalPending",
    createdDateTime: at,
    lastModifiedDateTime: at,
    invitation: { ...secret, expiresDateTime: expires, sendCount: 1 },
    ...(idempotency ? { idempotency } : {}),
    dueDateTime: expires,
    version: 1,
    outbox: []
  };
  const outbox = outboxEntriesFor(base, 1, at, {
    action: "invitationCreated",
    actor: input.actor,
    publish: [{ kind: "sendInvitationEmail", partnerTenantId: base.partnerTenantId, relationshipId: id, sendNumber: 1 }],
    indexCustomer: invitation.customer.tenantId
  });
  return { ...base, outbox, outboxSince: at };
}

/**
 * Who the partner is, copied onto the relationship when it is created, so the accept page, the customer's pages
 * and every email can show the legal name, tenant id and verified domain beside the display name with no read.
 */
function partnerSnapshot(partner: PartnerRecord): StoredRelationship["partner"] {
  const identity = partner.identity;
  return {
    tenantId: partner.tenantId,
    displayName: partner.displayName,
    ...(identity ? { legalName: identity.legalName, verifiedDomain: identity.verifiedDomain } : {})
  };
}

/** A GUID-shaped id derived from the partner and its key, so the same key always names the same relationship. */
function idFromKey(partnerTenantId: string, key: string): string {
  const hex = sha256(`${partnerTenantId}\u0000${key}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
