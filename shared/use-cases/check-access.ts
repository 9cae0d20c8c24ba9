/**
 * "May partner P act with role R in customer C right now?" — the hot path of the product. One point read of the
 * (customer, partner, role) access document and a comparison with the clock: a grant whose end has passed counts
 * for nothing even if no timer has run yet, and a revoked grant is gone from the document.
 *
 * With security groups the question is about a person: may a member of one of these groups act? Yes only through a
 * grant that lists one of them (an applied access assignment). The groups are the ones a platform passes
 * (`securityGroupId`, for a caller with `Access.Check`), or the partner user's own token's `groups` claim when that
 * user asks about its own tenant. Without groups the answer is about the partner tenant, as before.
 *
 * Who may ask is decided from the token alone (no read of the partner registration or of the relationship): a
 * tenant may ask about itself, as the partner or as the customer, and a consuming platform holding the
 * `Access.Check` app role may ask about anyone.
 */
import type { RoleGrantsDocument, GrantStore, RoleGrant } from "../grants/role-grants";
import type { AccessCheckQuery, AccessCheckResponse } from "../api/access-schemas";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { normalizeGuid } from "../domain/guid";
import { ForbiddenError } from "../errors";

export const accessCheckAppRole = "Access.Check";
const accessCheckRole = { id: accessCheckAppRole, displayName: accessCheckAppRole };

export interface AccessCheckPorts {
  readonly grantStore: Pick<GrantStore, "get">;
  readonly clock: Clock;
}

export async function checkAccess(
  ports: AccessCheckPorts,
  caller: Principal,
  query: AccessCheckQuery
): Promise<AccessCheckResponse> {
  const asked = normalized(query);
  requireMayAsk(caller, asked);
  const groups = groupsToCheck(caller, asked);
  const document = await ports.grantStore.get(asked.customerTenantId, asked.partnerTenantId, asked.roleDefinitionId);
  return decideAccess(document, asked.roleDefinitionId, ports.clock.now(), groups);
}

/**
 * The groups the answer is about: those passed (only `Access.Check` may pass them), else the caller's own when a
 * partner user asks about its own tenant and its token lists them; undefined means the answer is about the tenant.
 */
export function groupsToCheck(
  caller: Pick<Principal, "tenantId" | "appRoles" | "groups" | "groupsOverage">,
  asked: Pick<AccessCheckQuery, "partnerTenantId" | "securityGroupId">
): readonly string[] | undefined {
  if (asked.securityGroupId !== undefined) {
    if (caller.appRoles.includes(accessCheckAppRole)) return asked.securityGroupId;
    throw new ForbiddenError(
      `Only a platform with the ${accessCheckAppRole} app role passes securityGroupId; a partner user is checked against the groups in its own token.`,
      accessCheckRole
    );
  }
  if (normalizeGuid(caller.tenantId) !== normalizeGuid(asked.partnerTenantId)) return undefined;
  if (caller.groupsOverage) {
    throw new ForbiddenError(
      `Your token does not list your security groups: you belong to more groups than Microsoft Entra ID puts in a token (its groups overage claim). Ask through a platform with the ${accessCheckAppRole} app role, which passes your groups as securityGroupId.`,
      accessCheckRole
    );
  }
  return caller.groups;
}

/** A tenant asks about itself (as partner or customer); a platform with `Access.Check` asks about anyone. */
export function requireMayAsk(
  caller: Pick<Principal, "tenantId" | "appRoles">,
  query: Pick<AccessCheckQuery, "partnerTenantId" | "customerTenantId">
): void {
  if (caller.appRoles.includes(accessCheckAppRole)) return;
  const tenant = normalizeGuid(caller.tenantId);
  if (tenant === normalizeGuid(query.partnerTenantId) || tenant === normalizeGuid(query.customerTenantId)) return;
  throw new ForbiddenError(
    `You may ask only about your own tenant, as the partner (partnerTenantId) or as the customer (customerTenantId); asking about others needs the ${accessCheckAppRole} app role.`,
    accessCheckRole
  );
}

/**
 * The answer for one access document at `now`: the grant that lasts longest among those still running — and with
 * `groups`, among those that list one of the groups (then naming the assignment and the group).
 */
export function decideAccess(
  document: RoleGrantsDocument | undefined,
  roleDefinitionId: string,
  now: Date,
  groups?: readonly string[]
): AccessCheckResponse {
  const grants = Object.values(document?.grants ?? {});
  if (grants.length === 0) return { allowed: false, reason: "notGranted" };
  const nowMs = now.getTime();
  const asked = groups === undefined ? undefined : new Set(groups);
  let running = false;
  let best: { grant: RoleGrant; end: number; group?: [string, string] } | undefined;
  for (const grant of grants) {
    const end = Date.parse(grant.endDateTime);
    // An unreadable end date counts as ended: never allow on a date we cannot compare.
    if (!(end > nowMs)) continue;
    running = true;
    if (best && end <= best.end) continue;
    if (!asked) {
      best = { grant, end };
      continue;
    }
    const group = Object.entries(grant.groups ?? {}).find(([securityGroupId]) => asked.has(securityGroupId));
    if (group) best = { grant, end, group };
  }
  if (!best) return { allowed: false, reason: running ? "notAssigned" : "expired" };
  const answer = {
    allowed: true as const,
    relationshipId: best.grant.relationshipId,
    roleDefinitionId,
    expiresAt: new Date(best.end).toISOString()
  };
  return best.group ? { ...answer, accessAssignmentId: best.group[1], securityGroupId: best.group[0] } : answer;
}

function normalized(query: AccessCheckQuery): AccessCheckQuery {
  return {
    partnerTenantId: normalizeGuid(query.partnerTenantId),
    customerTenantId: normalizeGuid(query.customerTenantId),
    roleDefinitionId: normalizeGuid(query.roleDefinitionId),
    ...(query.securityGroupId === undefined ? {} : { securityGroupId: query.securityGroupId.map(normalizeGuid) })
  };
}
