/**
 * A customer admin opens an invitation link, reads what the partner asks for, and accepts or declines it. The
 * link token is the only key: it is looked up by its hash and checked against the relationship itself. Every way
 * a token can fail — malformed, unknown, used, declined, cancelled, expired, meant for another organisation — gets
 * the same 404, so probing links teaches nothing. The one exception is the organisation that answered: its retry
 * (after a crash or a lost response) gets its own answer again, idempotently, and a contrary answer a 409; that
 * tells it nothing it does not know. The token is never logged or stored.
 */
import { withWorkStarted } from "../assignments/relationship-work";
import type { Principal } from "../auth/principal";
import { currentAgreement } from "../domain/agreement";
import { mayAcceptInvitation } from "../domain/customer-permissions";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../errors";
import { hashLinkToken, looksLikeLinkToken, sameHash } from "../invitations/link-token";
import { changeRelationship, type RelationshipChange } from "../relationships/change-relationship";
import type { InvitationTokenIndex } from "../relationships/ports";
import {
  relationshipEtag,
  type StoredRelationship,
  type VersionedRelationship
} from "../relationships/relationship-document";
import { transitioned } from "../relationships/transition";
import type { TenantStore } from "../tenants/tenant-records";
import { atLeastBillingAdmin, customerActor, requirePermission, type CustomerPorts } from "./customer-checks";
import { recordAgreementAcceptance, requireCurrentAgreementVersion } from "./customer-agreement";

export type InvitationPorts = CustomerPorts & {
  readonly invitationTokens: InvitationTokenIndex;
  readonly tenants: TenantStore;
};

export interface InvitationAnswer {
  readonly token: string;
  readonly caller: Principal;
  /** Unquoted ETag the caller read with the invitation, when sent. */
  readonly ifMatch?: string;
}

const notAnOpenInvitation = () =>
  new NotFoundError(
    "This invitation link does not work. It may have been used, withdrawn or expired, or be meant for another organisation: ask the partner for a new one."
  );

export type InvitationAnswerKind = "accepted" | "declined";

/** The relationship a link opens for this caller's tenant: pending, or already answered by this tenant; changes nothing. */
export async function getInvitation(
  ports: InvitationPorts,
  caller: Principal,
  token: string
): Promise<VersionedRelationship> {
  return (await findInvitation(ports, token, caller.tenantId)).relationship;
}

/** How `tenantId` answered this invitation, if it did. */
export function answerOf(document: StoredRelationship, tenantId: string): InvitationAnswerKind | undefined {
  if (document.acceptance?.tenantId === tenantId) return "accepted";
  if (document.status === "declined" && document.customer.tenantId === tenantId) return "declined";
  return undefined;
}

/**
 * Accept & authorise: the agreement acceptance is recorded first (idempotent), so a crash between the two writes
 * can leave an agreement without an accepted relationship, never the reverse. Then the relationship moves to
 * `approved`, the accepting tenant becomes its customer, and the grants are queued (for a relationship without
 * roles too: the grants handler activates it with none, so every relationship takes the same path).
 */
export async function acceptInvitation(
  ports: InvitationPorts,
  answer: InvitationAnswer & { readonly agreementVersion: string }
): Promise<VersionedRelationship> {
  const { caller } = answer;
  const { relationship, tokenHash, answered } = await findInvitation(ports, answer.token, caller.tenantId);
  requirePermission(mayAcceptInvitation(caller.directoryRoles, relationship.document));
  if (answered) return sameAnswerAgain(relationship, answered, "accepted");
  refuseOwnInvitation(relationship.document, caller, "accept");
  requireCurrentAgreementVersion(answer.agreementVersion);
  requireFresh(relationship, answer.ifMatch);
  await recordAgreementAcceptance(ports, caller, ports.clock.now(), relationship.document.id);
  return answerInvitation(ports, relationship, tokenHash, answer, "accepted", (current, now) => {
    // The invitation's expiry no longer applies; activation sets the next due time.
    const { dueDateTime: _invitationExpiry, ...accepted } = transitioned(current, "accept");
    const activation = withWorkStarted(accepted, "activate", now);
    return {
      document: {
        ...activation.document,
        // Graph fills in the customer's name once it accepts; what we know of the tenant is its sign-in domain.
        customer: { ...current.customer, tenantId: caller.tenantId, ...customerNameFor(current, caller) },
        acceptance: {
          tenantId: caller.tenantId,
          userId: caller.userId,
          acceptedDateTime: now.toISOString(),
          agreementVersion: currentAgreement.version,
          agreementSha256: currentAgreement.sha256
        }
      },
      action: "invitationAccepted",
      actor: customerActor(caller),
      publish: [
        {
          kind: "applyGrants",
          partnerTenantId: current.partnerTenantId,
          relationshipId: current.id,
          operationId: activation.operationId
        }
      ],
      indexCustomer: caller.tenantId
    };
  });
}

/** Declining ends the invitation for good; the declining tenant is recorded as the customer, so it sees what it declined. */
export async function declineInvitation(
  ports: InvitationPorts,
  answer: InvitationAnswer
): Promise<VersionedRelationship> {
  const { caller } = answer;
  const { relationship, tokenHash, answered } = await findInvitation(ports, answer.token, caller.tenantId);
  requirePermission(atLeastBillingAdmin(caller, "Declining a partner invitation"));
  if (answered) return sameAnswerAgain(relationship, answered, "declined");
  refuseOwnInvitation(relationship.document, caller, "decline");
  requireFresh(relationship, answer.ifMatch);
  return answerInvitation(ports, relationship, tokenHash, answer, "declined", (current, now) => ({
    document: {
      ...transitioned(current, "decline", now),
      customer: { ...current.customer, tenantId: caller.tenantId }
    },
    action: "invitationDeclined",
    actor: customerActor(caller),
    indexCustomer: caller.tenantId
  }));
}

interface FoundInvitation {
  readonly relationship: VersionedRelationship;
  readonly tokenHash: string;
  /** Set when the caller's tenant has already answered: the link is used, but not dead to it. */
  readonly answered?: InvitationAnswerKind;
}

async function findInvitation(
  ports: InvitationPorts,
  token: string,
  customerTenantId: string
): Promise<FoundInvitation> {
  if (!looksLikeLinkToken(token)) throw notAnOpenInvitation();
  const tokenHash = hashLinkToken(token);
  const reference = await ports.invitationTokens.find(tokenHash);
  const relationship = reference && (await ports.store.get(reference.partnerTenantId, reference.relationshipId));
  const invitation = relationship?.document.invitation;
  if (!relationship || !invitation || !sameHash(invitation.tokenHash, tokenHash)) throw notAnOpenInvitation();
  if (isOpenInvitation(relationship.document, tokenHash, customerTenantId, ports.clock.now()))
    return { relationship, tokenHash };
  const answered = answerOf(relationship.document, customerTenantId);
  if (!answered) throw notAnOpenInvitation();
  return { relationship, tokenHash, answered };
}

/** A retry of the answer that won is answered with the relationship as it is now; the contrary answer is a 409. */
function sameAnswerAgain(
  relationship: VersionedRelationship,
  answered: InvitationAnswerKind,
  wanted: InvitationAnswerKind
): VersionedRelationship {
  if (answered === wanted) return relationship;
  throw new ConflictError(
    answered === "accepted"
      ? "Your organisation already accepted this invitation. To end the relationship, terminate it from your list of partners."
      : "Your organisation declined this invitation. Ask the partner for a new one."
  );
}

/** The index entry is only a pointer: the relationship itself must carry this token, still be pending and unexpired, and be meant for this tenant. */
function isOpenInvitation(
  document: StoredRelationship,
  tokenHash: string,
  customerTenantId: string,
  now: Date
): boolean {
  return (
    document.invitation !== undefined &&
    sameHash(document.invitation.tokenHash, tokenHash) &&
    document.status === "approvalPending" &&
    now < new Date(document.invitation.expiresDateTime) &&
    (document.customer.tenantId === undefined || document.customer.tenantId === customerTenantId)
  );
}

/**
 * The answer is written only while the invitation is still open. Losing a race (the partner cancelled, or another
 * admin answered, while this answer was being written) is a 409: the caller held a link that was open a moment
 * ago, so saying so reveals nothing a link that never worked would not.
 */
async function answerInvitation(
  ports: InvitationPorts,
  relationship: VersionedRelationship,
  tokenHash: string,
  answer: InvitationAnswer,
  kind: InvitationAnswerKind,
  change: (current: StoredRelationship, now: Date) => RelationshipChange
): Promise<VersionedRelationship> {
  const { partnerTenantId, id } = relationship.document;
  const request = {
    partnerTenantId,
    relationshipId: id,
    ifMatch: answer.ifMatch,
    // The version the link was just checked against: not read a second time for the write.
    held: relationship,
    visibleTo: (document: StoredRelationship) =>
      isOpenInvitation(document, tokenHash, answer.caller.tenantId, ports.clock.now())
  };
  try {
    return await changeRelationship(ports, request, change);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    // The same answer from the same organisation (a double submit) won meanwhile: that is this answer's success.
    const now = await ports.store.get(partnerTenantId, id);
    if (now && answerOf(now.document, answer.caller.tenantId) === kind) return now;
    throw new ConflictError(
      "This invitation was withdrawn, answered or expired while your answer was being saved. Open the link again to see where it stands."
    );
  }
}

function customerNameFor(current: StoredRelationship, caller: Principal): { displayName?: string } {
  const displayName = current.customer.displayName ?? caller.signInDomain;
  return displayName === undefined ? {} : { displayName };
}

function refuseOwnInvitation(document: StoredRelationship, caller: Principal, verb: "accept" | "decline"): void {
  if (document.partnerTenantId !== caller.tenantId) return;
  throw new ConflictError(
    `A partner cannot ${verb} its own invitation: sign in with an account of the customer's organisation.`
  );
}

/** Checked before anything is written (the agreement record included), not only at the relationship write. */
function requireFresh(relationship: VersionedRelationship, ifMatch: string | undefined): void {
  if (ifMatch !== undefined && ifMatch !== relationshipEtag(relationship.document)) {
    throw new PreconditionFailedError("The invitation changed since you read it; open it again and retry.");
  }
}
