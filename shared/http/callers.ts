/**
 * Who may call what. Every non-public endpoint starts here: the token is verified, then the caller's tenant is
 * resolved as a registered partner or taken as a customer tenant, and the role the action needs is checked.
 */
import type { HttpRequest } from "@azure/functions";
import type { Principal } from "../auth/principal";
import type { TokenVerifier } from "../auth/token-verifier";
import { invitingRefusal } from "../domain/partner-standing";
import { globalAdministratorRoleId } from "../domain/roles";
import { ForbiddenError } from "../errors";
import type { OnboardingActor } from "../tenants/partner-onboarding";
import type { PartnerRecord, TenantStore } from "../tenants/tenant-records";

export const partnerAdminAppRole = "Partner.Admin";
/** Approves partners; counts only in the operator's own tenant (OPERATOR_TENANT_ID), see isOperator. */
export const operatorAppRole = "Operator";

export interface PartnerCaller {
  readonly principal: Principal;
  readonly partner: PartnerRecord;
}

/** The services deciding who calls need, handed in by the trigger (a narrow view of shared/services.ts). */
export interface CallerServices {
  readonly tokenVerifier: TokenVerifier;
  readonly tenants: Pick<TenantStore, "getPartner">;
  readonly config: { readonly operatorTenantId?: string | undefined };
}

export async function authenticate(
  services: Pick<CallerServices, "tokenVerifier">,
  request: HttpRequest
): Promise<Principal> {
  return services.tokenVerifier.verify(request.headers.get("authorization"));
}

/**
 * A user of a registered partner tenant. Writing also needs the `Partner.Admin` app role; inviting (creating or
 * resending an invitation) also needs a partner an operator approved and has not suspended.
 */
export async function partnerCaller(
  services: Pick<CallerServices, "tokenVerifier" | "tenants">,
  request: HttpRequest,
  access: "read" | "write" | "invite"
): Promise<PartnerCaller> {
  const principal = await authenticate(services, request);
  const partner = await services.tenants.getPartner(principal.tenantId);
  if (!partner)
    throw new ForbiddenError("Your tenant is not a registered partner tenant. Apply at /partner/apply to become one.");
  if (access !== "read" && !principal.appRoles.includes(partnerAdminAppRole)) {
    throw new ForbiddenError(`This needs the ${partnerAdminAppRole} app role.`, {
      id: partnerAdminAppRole,
      displayName: partnerAdminAppRole
    });
  }
  const refusal = access === "invite" ? invitingRefusal(partner) : undefined;
  if (refusal) throw new ForbiddenError(refusal);
  return { principal, partner };
}

/**
 * Who may apply for (or read) their tenant's partner application: a tenant admin, meaning a Global Administrator
 * of the tenant (`wids`) or a user holding the `Partner.Admin` app role — which only the tenant's own admins can
 * assign in its Enterprise applications, and which the partner needs anyway once approved.
 */
export function mayApply(principal: Principal): boolean {
  return (
    principal.directoryRoles.includes(globalAdministratorRoleId) || principal.appRoles.includes(partnerAdminAppRole)
  );
}

export async function applicantCaller(
  services: Pick<CallerServices, "tokenVerifier">,
  request: HttpRequest
): Promise<Principal> {
  const principal = await authenticate(services, request);
  if (!mayApply(principal)) {
    throw new ForbiddenError("Applying needs a Global Administrator of your tenant, or the Partner.Admin app role.", {
      id: globalAdministratorRoleId,
      displayName: "Global Administrator"
    });
  }
  return principal;
}

/**
 * An operator: the Operator app role in a token from the operator's own tenant. The tenant matters because this
 * is a multi-tenant app: every tenant's admins assign its app roles in their own tenant, so the role alone proves
 * nothing. With no OPERATOR_TENANT_ID set, nobody is an operator.
 */
export function isOperator(principal: Principal, operatorTenantId: string | undefined): boolean {
  return (
    operatorTenantId !== undefined &&
    principal.tenantId.toLowerCase() === operatorTenantId &&
    principal.appRoles.includes(operatorAppRole)
  );
}

export async function operatorCaller(
  services: Pick<CallerServices, "tokenVerifier" | "config">,
  request: HttpRequest
): Promise<OnboardingActor> {
  const principal = await authenticate(services, request);
  if (!isOperator(principal, services.config.operatorTenantId)) {
    throw new ForbiddenError("This needs the Operator app role, signed in to the operator's tenant.", {
      id: operatorAppRole,
      displayName: operatorAppRole
    });
  }
  return operatorActorOf(principal);
}

export function operatorActorOf(principal: Principal): OnboardingActor {
  return {
    kind: "operator",
    tenantId: principal.tenantId.toLowerCase(),
    userId: principal.userId,
    ...(principal.displayName ? { displayName: principal.displayName } : {})
  };
}

/** The audit actor for a caller. */
export function actorOf(principal: Principal, kind: "partner" | "customer") {
  return { kind, tenantId: principal.tenantId, userId: principal.userId, displayName: principal.displayName };
}
