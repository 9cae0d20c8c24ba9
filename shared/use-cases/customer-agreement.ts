/**
 * The customer agreement from the customer's side: whether the tenant has accepted the current version, and
 * accepting it — on its own, or as part of accepting an invitation. Each acceptance records who, when, which
 * version and the SHA-256 of the exact text; accepting a version twice keeps the first record.
 */
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { currentAgreement } from "../domain/agreement";
import { mayAcceptAgreement } from "../domain/customer-permissions";
import { ConflictError } from "../errors";
import type { AgreementAcceptance, TenantStore } from "../tenants/tenant-records";
import { atLeastBillingAdmin, requirePermission } from "./customer-checks";

export interface AgreementPorts {
  readonly tenants: TenantStore;
  readonly clock: Clock;
}

/** Where the text of the current agreement is served. */
export const agreementHref = "/api/agreement";

export interface AgreementStatus {
  readonly tenantId: string;
  readonly agreement: {
    readonly version: string;
    readonly title: string;
    readonly sha256: string;
    readonly href: string;
  };
  /** Whether the tenant has accepted the current version (partners may transact for it only then). */
  readonly accepted: boolean;
  readonly acceptances: readonly { readonly version: string; readonly acceptedDateTime: string }[];
}

export interface AcceptedAgreement {
  readonly tenantId: string;
  readonly version: string;
  readonly acceptedDateTime: string;
}

export async function getAgreementStatus(ports: AgreementPorts, caller: Principal): Promise<AgreementStatus> {
  requirePermission(atLeastBillingAdmin(caller, "Seeing your organisation's customer agreement"));
  const record = await ports.tenants.getAgreement(caller.tenantId);
  const acceptances = record?.acceptances ?? [];
  return {
    tenantId: caller.tenantId,
    agreement: {
      version: currentAgreement.version,
      title: currentAgreement.title,
      sha256: currentAgreement.sha256,
      href: agreementHref
    },
    accepted: acceptances.some((acceptance) => acceptance.version === currentAgreement.version),
    acceptances: acceptances.map((acceptance) => ({
      version: acceptance.version,
      acceptedDateTime: acceptance.acceptedDateTime
    }))
  };
}

export async function acceptCustomerAgreement(
  ports: AgreementPorts,
  caller: Principal,
  agreementVersion: string
): Promise<AcceptedAgreement> {
  requirePermission(mayAcceptAgreement(caller.directoryRoles));
  requireCurrentAgreementVersion(agreementVersion);
  const acceptance = await recordAgreementAcceptance(ports, caller, ports.clock.now());
  return { tenantId: caller.tenantId, version: acceptance.version, acceptedDateTime: acceptance.acceptedDateTime };
}

/** The reader must have been shown the version in force; an older page open in a tab is a conflict, not consent. */
export function requireCurrentAgreementVersion(agreementVersion: string): void {
  if (agreementVersion === currentAgreement.version) return;
  throw new ConflictError(
    `The customer agreement has changed: read version ${currentAgreement.version} and accept that one.`,
    [{ field: "agreementVersion", message: `must be the current version, ${currentAgreement.version}` }]
  );
}

/** Records the current version for the caller's tenant; returns the acceptance that stands (the first one of this version). */
export async function recordAgreementAcceptance(
  ports: AgreementPorts,
  caller: Principal,
  at: Date,
  relationshipId?: string
): Promise<AgreementAcceptance> {
  const acceptance: AgreementAcceptance = {
    version: currentAgreement.version,
    sha256: currentAgreement.sha256,
    userId: caller.userId,
    acceptedDateTime: at.toISOString(),
    ...(relationshipId ? { relationshipId } : {})
  };
  const record = await ports.tenants.recordAgreementAcceptance(caller.tenantId, acceptance);
  return record.acceptances.find((candidate) => candidate.version === currentAgreement.version) ?? acceptance;
}
