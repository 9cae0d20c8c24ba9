/**
 * MPSA purchases, partner side and customer side. A partner records and reads purchases only for a customer it has
 * an accepted, live MPSA relationship with (one single-partition query of its own relationships, each time, so a
 * relationship that ends takes its sight away at once; what it recorded stays for the customer). It sees its own
 * records, and every MPSA partner's while the customer shares them, decided on each read. The customer (Billing
 * Administrator or above) sees every purchase, grouped by partner.
 *
 * Cost: recording is the relationship query, the limit's patch and one create (plus a point read with an
 * Idempotency-Key); a partner's page is the relationship query, a point read of the setting and one query.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { mayListPurchases } from "../domain/customer-permissions";
import {
  givesSightOfPurchases,
  mpsaPartnerType,
  purchaseViewFor,
  validatePurchase,
  type PurchaseRequest,
  type PurchaseView
} from "../domain/mpsa-purchases";
import { ConflictError, ForbiddenError, ValidationError } from "../errors";
import type { Limiter } from "../limits/limiter";
import { partnerSortKey, type PurchaseRecord, type PurchaseStore } from "../purchases/purchase-records";
import { acceptedLiveOfType, type RelationshipFacts } from "../domain/accepted-relationships";
import type { PartnerRelationshipFacts } from "../relationships/ports";
import type { PurchaseSharingStore } from "../purchases/purchase-sharing";
import type { Page } from "../relationships/ports";
import type { PartnerRecord } from "../tenants/tenant-records";
import { requirePermission } from "./customer-checks";
import { isPurchaseSharingEnabled } from "./purchase-sharing";

export interface PurchasePorts {
  readonly clock: Clock;
  readonly purchases: PurchaseStore;
  readonly purchaseSharing: PurchaseSharingStore;
  readonly relationshipFacts: PartnerRelationshipFacts;
  readonly limiter: Limiter;
}

export interface RecordPurchaseInput {
  readonly partner: PartnerRecord;
  readonly principal: Principal;
  /** Lower case. */
  readonly customerTenantId: string;
  readonly request: PurchaseRequest;
  readonly idempotencyKey?: string;
}

export interface RecordedPurchase {
  readonly purchase: PurchaseRecord;
  /** False when an Idempotency-Key found the record an earlier request made. */
  readonly created: boolean;
}

export const noMpsaRelationship =
  "A customer's MPSA purchases are open only to an MPSA partner whose MPSA relationship with that customer was accepted and has not ended.";

export async function recordPurchase(ports: PurchasePorts, input: RecordPurchaseInput): Promise<RecordedPurchase> {
  const now = ports.clock.now();
  const validation = validatePurchase(input.request, now);
  if (!validation.ok) throw new ValidationError(validation.errors);
  const partnerTenantId = input.partner.tenantId;
  await requireMpsaRelationship(ports, partnerTenantId, input.customerTenantId);
  const requestHash = sha256(JSON.stringify([input.customerTenantId, validation.value]));
  const key = input.idempotencyKey;
  const id = key ? idFromKey(partnerTenantId, input.customerTenantId, key) : randomUUID();
  if (key) {
    const earlier = replay(await ports.purchases.get(input.customerTenantId, id), requestHash);
    if (earlier) return earlier;
  }
  const admission = await ports.limiter.admitPurchase(partnerTenantId, now);
  const at = now.toISOString();
  const record: PurchaseRecord = {
    id,
    kind: "mpsaPurchase",
    customerTenantId: input.customerTenantId,
    partnerTenantId,
    partner: {
      tenantId: partnerTenantId,
      displayName: input.partner.displayName,
      ...(input.partner.identity ? { legalName: input.partner.identity.legalName } : {})
    },
    ...validation.value,
    recordedBy: {
      userId: input.principal.userId,
      ...(input.principal.displayName ? { displayName: input.principal.displayName } : {})
    },
    recordedDateTime: at,
    partnerSortKey: partnerSortKey(partnerTenantId, validation.value.purchaseDate, at),
    ...(key ? { idempotency: { key, requestHash } } : {})
  };
  try {
    return { purchase: await ports.purchases.create(record), created: true };
  } catch (error) {
    await admission.release();
    const raced =
      error instanceof ConflictError && key
        ? replay(await ports.purchases.get(input.customerTenantId, id), requestHash)
        : undefined;
    if (raced) return raced;
    throw error;
  }
}

export interface PartnerPurchasePage extends Page<PurchaseRecord> {
  readonly view: PurchaseView;
  readonly relationship: RelationshipFacts;
}

export interface PartnerPurchaseQuery {
  readonly partnerTenantId: string;
  readonly customerTenantId: string;
  readonly top: number;
  /** The continuation for this view, or undefined for the first page; throws for a token of another view. */
  readonly continuationFor: (view: PurchaseView) => string | undefined;
}

export async function listPartnerPurchases(
  ports: PurchasePorts,
  query: PartnerPurchaseQuery
): Promise<PartnerPurchasePage> {
  const [relationship, sharing] = await Promise.all([
    requireMpsaRelationship(ports, query.partnerTenantId, query.customerTenantId),
    isPurchaseSharingEnabled(ports, query.customerTenantId)
  ]);
  const view = purchaseViewFor(sharing);
  const continuation = query.continuationFor(view);
  const page = await ports.purchases.listForPartner(
    query.customerTenantId,
    view === "own" ? query.partnerTenantId : undefined,
    query.top,
    continuation
  );
  return { ...page, view, relationship };
}

/** `continuation` reads the paging token only once the caller may see the list at all. */
export async function listCustomerPurchases(
  ports: Pick<PurchasePorts, "purchases">,
  caller: Principal,
  top: number,
  continuation: () => string | undefined
): Promise<Page<PurchaseRecord>> {
  requirePermission(mayListPurchases(caller.directoryRoles));
  return ports.purchases.listForCustomer(caller.tenantId, top, continuation());
}

/** The partner's accepted, live MPSA relationship with the customer, or a 403 that says what is needed. */
async function requireMpsaRelationship(
  ports: Pick<PurchasePorts, "relationshipFacts">,
  partnerTenantId: string,
  customerTenantId: string
): Promise<RelationshipFacts> {
  const found = acceptedLiveOfType(
    await ports.relationshipFacts.relationshipsWith(partnerTenantId, customerTenantId),
    mpsaPartnerType
  );
  if (!found || !givesSightOfPurchases(found)) throw new ForbiddenError(noMpsaRelationship);
  return found;
}

function replay(earlier: PurchaseRecord | undefined, requestHash: string): RecordedPurchase | undefined {
  if (!earlier) return undefined;
  if (earlier.idempotency?.requestHash !== requestHash) {
    throw new ConflictError("This Idempotency-Key was already used for a different purchase.", [
      { field: "Idempotency-Key", message: "was used before with a different body; use a new key for a new purchase." }
    ]);
  }
  return { purchase: earlier, created: false };
}

/** A GUID-shaped id from the partner, the customer and the key: the same key always names the same record. */
function idFromKey(partnerTenantId: string, customerTenantId: string, key: string): string {
  const hex = sha256(`${partnerTenantId}\u0000${customerTenantId}\u0000${key}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
