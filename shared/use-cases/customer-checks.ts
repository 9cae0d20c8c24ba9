/**
 * What the customer use cases share: the domain's permission decisions turned into 403s naming the role that is
 * needed (so the UI can say "a Global Administrator is needed"), and finding one of the caller's relationships
 * through the customer index. The index only says where to look: a relationship counts as the caller's only when
 * the relationship itself names the caller's tenant as its customer.
 */
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { hasAtLeastBillingAdmin, type PermissionDecision } from "../domain/customer-permissions";
import { billingAdministrator, roleReference } from "../domain/roles";
import { ForbiddenError, NotFoundError } from "../errors";
import type { OutboxPorts } from "../outbox/drain-outbox";
import type { AuditRecord } from "../outbox/outbox-entry";
import type { ChangeRequest } from "../relationships/change-relationship";
import type { StoredRelationship, VersionedRelationship } from "../relationships/relationship-document";

export type CustomerPorts = OutboxPorts & { readonly clock: Clock };

export function requirePermission(decision: PermissionDecision): void {
  if (!decision.allowed) throw new ForbiddenError(decision.reason, decision.requiredRole);
}

/** The audit actor for a customer user (its own tenant's ids stay in the audit log, never in another tenant's view). */
export function customerActor(caller: Principal): AuditRecord["actor"] {
  return { kind: "customer", tenantId: caller.tenantId, userId: caller.userId, displayName: caller.displayName };
}

export function isCustomerOf(customerTenantId: string): (document: StoredRelationship) => boolean {
  return (document) => document.customer.tenantId === customerTenantId;
}

const noSuchRelationship = () => new NotFoundError("No such relationship.");

/** Where one of the customer's relationships lives (its partner's partition), or a 404. */
export async function changeRequestFor(
  ports: CustomerPorts,
  caller: Principal,
  relationshipId: string,
  ifMatch?: string
): Promise<ChangeRequest> {
  const entries = await ports.customerIndex.list(caller.tenantId);
  const entry = entries.find((candidate) => candidate.relationshipId === relationshipId);
  if (!entry) throw noSuchRelationship();
  return { partnerTenantId: entry.partnerTenantId, relationshipId, ifMatch, visibleTo: isCustomerOf(caller.tenantId) };
}

export async function readCustomerRelationship(
  ports: CustomerPorts,
  caller: Principal,
  relationshipId: string
): Promise<VersionedRelationship> {
  const request = await changeRequestFor(ports, caller, relationshipId);
  const found = await ports.store.get(request.partnerTenantId, relationshipId);
  if (!found || !isCustomerOf(caller.tenantId)(found.document)) throw noSuchRelationship();
  return found;
}

/** At least Billing Administrator, for customer actions the domain has no named decision for (declining, reading). */
export function atLeastBillingAdmin(caller: Principal, what: string): PermissionDecision {
  return hasAtLeastBillingAdmin(caller.directoryRoles)
    ? { allowed: true }
    : {
        allowed: false,
        requiredRole: roleReference(billingAdministrator),
        reason: `${what} needs at least a Billing Administrator (or a Global Administrator).`
      };
}
