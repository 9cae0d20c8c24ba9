/**
 * "May partner P act with role R in customer C right now?" — the hot path of the product. One point read of the
 * (customer, partner, role) access document and a comparison with the clock: a grant whose end has passed counts
 * for nothing even if no timer has run yet, and a revoked grant is gone from the document.
 *
 * Who may ask is decided from the token alone (no read of the partner registration or of the relationship): a
 * tenant may ask about itself, as the partner or as the customer, and a consuming platform holding the
 * `Access.Check` app role may ask about anyone.
 */
import type { AccessDocument, AccessStore, RoleGrant } from "../access/access-grants";
import type { AccessCheckQuery, AccessCheckResponse } from "../api/access-schemas";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { normalizeGuid } from "../domain/guid";
import { ForbiddenError } from "../errors";

export const accessCheckAppRole = "Access.Check";

export interface AccessCheckPorts {
  readonly accessStore: Pick<AccessStore, "get">;
  readonly clock: Clock;
}

export async function checkAccess(ports: AccessCheckPorts, caller: Principal, query: AccessCheckQuery): Promise<AccessCheckResponse> {
  const asked = normalized(query);
  requireMayAsk(caller, asked);
  const document = await ports.accessStore.get(asked.customerTenantId, asked.partnerTenantId, asked.roleDefinitionId);
  return decideAccess(document, asked.roleDefinitionId, ports.clock.now());
}

/** A tenant asks about itself (as partner or customer); a platform with `Access.Check` asks about anyone. */
export function requireMayAsk(caller: Pick<Principal, "tenantId" | "appRoles">, query: Pick<AccessCheckQuery, "partnerTenantId" | "customerTenantId">): void {
  if (caller.appRoles.includes(accessCheckAppRole)) return;
  const tenant = normalizeGuid(caller.tenantId);
  if (tenant === normalizeGuid(query.partnerTenantId) || tenant === normalizeGuid(query.customerTenantId)) return;
  throw new ForbiddenError(
    `You may ask only about your own tenant, as the partner (partnerTenantId) or as the customer (customerTenantId); asking about others needs the ${accessCheckAppRole} app role.`,
    { id: accessCheckAppRole, displayName: accessCheckAppRole }
  );
}

/** The answer for one access document at `now`: the grant that lasts longest among those still running. */
export function decideAccess(document: AccessDocument | undefined, roleDefinitionId: string, now: Date): AccessCheckResponse {
  const grants = Object.values(document?.grants ?? {});
  if (grants.length === 0) return { allowed: false, reason: "notGranted" };
  const nowMs = now.getTime();
  let best: RoleGrant | undefined;
  let bestEnd = -Infinity;
  for (const grant of grants) {
    const end = Date.parse(grant.endDateTime);
    // An unreadable end date counts as ended: never allow on a date we cannot compare.
    if (!(end > nowMs) || end <= bestEnd) continue;
    best = grant;
    bestEnd = end;
  }
  if (!best) return { allowed: false, reason: "expired" };
  return { allowed: true, relationshipId: best.relationshipId, roleDefinitionId, expiresAt: new Date(bestEnd).toISOString() };
}

function normalized(query: AccessCheckQuery): AccessCheckQuery {
  return {
    partnerTenantId: normalizeGuid(query.partnerTenantId),
    customerTenantId: normalizeGuid(query.customerTenantId),
    roleDefinitionId: normalizeGuid(query.roleDefinitionId)
  };
}
