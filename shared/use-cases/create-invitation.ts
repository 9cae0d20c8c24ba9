/**
 * A partner creates a relationship, two ways over the same steps (relationships/relationship-drafts.ts):
 *   createRelationship — Graph's POST: a draft in `created`, nothing sent; lockForApproval follows;
 *   createInvitation — the one-step API and the partner's page: created and locked for approval in one write, the
 *     invitation email owed in its outbox and the link handed back (as Partner Center does).
 * With an Idempotency-Key the relationship id is derived from the key, so a retried request finds the first result
 * instead of creating a second relationship. An invitation checks the partner's and the customer address's abuse
 * limits before anything is written; a request that then writes nothing gives its counted slots back.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import { ConflictError, ForbiddenError, ValidationError } from "../errors";
import { invitingRefusal } from "../domain/partner-standing";
import {
  validateInvitation,
  validateRelationship,
  type NormalizedRelationship,
  type Validation
} from "../domain/invitation-rules";
import type { InvitationRequest, RelationshipRequest } from "../domain/relationship";
import { deriveLinkToken, hashLinkToken, newInvitationNonce } from "../invitations/link-token";
import { drainAfterWrite, outboxEntriesFor, type RelationshipChange } from "../relationships/change-relationship";
import type { OutboxPorts } from "../outbox/drain-outbox";
import type { Limiter } from "../limits/limiter";
import type { InvitationTokenIndex } from "../relationships/ports";
import { draftDocument, lockedDocument, type DraftTemplate } from "../relationships/relationship-drafts";
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

export type CreateRelationshipPorts = OutboxPorts & { readonly clock: Clock };

export interface CreateInput<Request> {
  readonly partner: PartnerRecord;
  readonly actor: AuditRecord["actor"];
  readonly request: Request;
  readonly idempotencyKey?: string;
  /** The template the terms came from (relationship-templates.ts checked they are its own): named on the relationship, its group assignments owed. */
  readonly template?: DraftTemplate;
}
export type CreateInvitationInput = CreateInput<InvitationRequest>;

export interface CreatedRelationship {
  readonly relationship: VersionedRelationship;
  /** False when an Idempotency-Key found the relationship an earlier request created. */
  readonly created: boolean;
}

export interface CreatedInvitation extends CreatedRelationship {
  readonly invitationLink: string;
}

/** Graph's POST: a draft (`created`) any partner user with Partner.Admin may make; nothing is sent yet. */
export async function createRelationship(
  ports: CreateRelationshipPorts,
  input: CreateInput<RelationshipRequest>
): Promise<CreatedRelationship> {
  const terms = validated(validateRelationship(input.request));
  const plan = planCreate(input, terms);
  const earlier = await earlierResult(ports, input, plan);
  if (earlier) return earlier;
  return store(ports, input, plan, (now) => ({
    document: draftDocument(plan.id, input.partner, terms, now, plan.idempotency, input.template),
    action: "relationshipCreated",
    actor: input.actor
  }));
}

/** The one-step invitation: only an approved partner may send one, within its limits and the address's. */
export async function createInvitation(
  ports: CreateInvitationPorts,
  input: CreateInvitationInput
): Promise<CreatedInvitation> {
  const refusal = invitingRefusal(input.partner);
  if (refusal) throw new ForbiddenError(refusal);
  const terms = validated(validateInvitation(input.request));
  const plan = planCreate(input, terms);
  const earlier = await earlierResult(ports, input, plan);
  if (earlier) return withLink(ports, earlier);

  const admission = await ports.limiter.admitInvitation(
    input.partner.tenantId,
    terms.customer.adminEmail,
    ports.clock.now()
  );
  try {
    const nonce = newInvitationNonce();
    const tokenHash = hashLinkToken(deriveLinkToken(ports.linkTokenSecret, nonce));
    // The lookup goes first: if the relationship write then fails, an orphan lookup points at nothing (a 404).
    await ports.invitationTokens.put(tokenHash, { partnerTenantId: input.partner.tenantId, relationshipId: plan.id });
    const result = await store(ports, input, plan, (now) => {
      const locked = lockedDocument(
        draftDocument(plan.id, input.partner, terms, now, plan.idempotency, input.template),
        { nonce, tokenHash },
        now
      );
      return {
        document: locked.document,
        action: "invitationCreated",
        actor: input.actor,
        publish: locked.publish,
        indexCustomer: locked.indexCustomer
      };
    });
    if (!result.created) await admission.release();
    return withLink(ports, result);
  } catch (error) {
    await admission.release();
    throw error;
  }
}

export function invitationLinkFor(
  ports: Pick<CreateInvitationPorts, "linkTokenSecret" | "publicBaseUrl">,
  nonce: string
): string {
  return `${ports.publicBaseUrl}/invitations/${deriveLinkToken(ports.linkTokenSecret, nonce)}`;
}

interface CreatePlan {
  readonly id: string;
  readonly requestHash: string;
  /** Set with an Idempotency-Key: stored on the relationship, so a retry can tell the same request from another. */
  readonly idempotency?: StoredRelationship["idempotency"];
}

function planCreate(input: CreateInput<unknown>, terms: NormalizedRelationship): CreatePlan {
  // The template is part of the request: the same key with another template (or none) is another request.
  const requestHash = sha256(JSON.stringify(input.template ? { ...terms, templateId: input.template.id } : terms));
  const key = input.idempotencyKey;
  if (!key) return { id: randomUUID(), requestHash };
  return { id: idFromKey(input.partner.tenantId, key), requestHash, idempotency: { key, requestHash } };
}

/** What an earlier request with the same Idempotency-Key created, if any; a 409 if it had another body. */
async function earlierResult(
  ports: CreateRelationshipPorts,
  input: CreateInput<unknown>,
  plan: CreatePlan
): Promise<CreatedRelationship | undefined> {
  return plan.idempotency
    ? replay(await ports.store.get(input.partner.tenantId, plan.id), plan.requestHash)
    : undefined;
}

async function store(
  ports: CreateRelationshipPorts,
  input: CreateInput<unknown>,
  plan: CreatePlan,
  build: (now: Date) => RelationshipChange
): Promise<CreatedRelationship> {
  const now = ports.clock.now();
  const change = build(now);
  const at = now.toISOString();
  const outbox = outboxEntriesFor(change.document, 1, at, change);
  let written: VersionedRelationship;
  try {
    written = await ports.store.create({ ...change.document, outbox, outboxSince: at });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const raced = input.idempotencyKey
      ? replay(await ports.store.get(input.partner.tenantId, plan.id), plan.requestHash)
      : undefined;
    if (raced) return raced;
    throw new ConflictError("Another live relationship of yours already has this display name.", [
      { field: "displayName", message: "is already used by another of your relationships that has not ended." }
    ]);
  }
  return { relationship: await drainAfterWrite(ports, written), created: true };
}

function replay(earlier: VersionedRelationship | undefined, requestHash: string): CreatedRelationship | undefined {
  if (!earlier) return undefined;
  if (earlier.document.idempotency?.requestHash !== requestHash) {
    throw new ConflictError("This Idempotency-Key was already used for a different request.", [
      {
        field: "Idempotency-Key",
        message: "was used before with a different body; use a new key for a new relationship."
      }
    ]);
  }
  return { relationship: earlier, created: false };
}

function withLink(ports: CreateInvitationPorts, result: CreatedRelationship): CreatedInvitation {
  const nonce = result.relationship.document.invitation?.nonce;
  // An Idempotency-Key reused across the two surfaces can find a draft: it has no link to hand out yet.
  if (nonce === undefined)
    throw new ConflictError("This Idempotency-Key names a relationship that has not been locked for approval.");
  return { ...result, invitationLink: invitationLinkFor(ports, nonce) };
}

function validated<T>(validation: Validation<T>): T {
  if (!validation.ok) throw new ValidationError(validation.errors);
  return validation.value;
}

/** A GUID-shaped id derived from the partner and its key, so the same key always names the same relationship. */
export function idFromKey(partnerTenantId: string, key: string): string {
  const hex = sha256(`${partnerTenantId}\u0000${key}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
