/**
 * Display names unique across partners: each name's skeleton (domain/name-skeleton.ts) is claimed by one tenant
 * with a point create that conflicts when another tenant holds it. Claims are taken when an operator approves a
 * partner and when a partner renames itself in its profile; applying only checks (a point read), so an applicant
 * cannot squat a name it was never approved for.
 *
 * A rename claims the new name, saves it, then releases the old one. A crash between those steps leaves a claim
 * its owner no longer uses; such a claim is taken over by the next tenant that wants the name, once it is older
 * than `staleClaimMinutes` (younger ones may belong to an approval or rename still under way).
 */
import type { Clock } from "../clock";
import { nameSkeleton } from "../domain/name-skeleton";
import { ConflictError, PreconditionFailedError } from "../errors";
import { claimPartitionFor, type NameClaim, type OnboardingStore } from "../tenants/partner-onboarding";
import type { TenantStore } from "../tenants/tenant-records";

export const staleClaimMinutes = 10;

export interface NameClaimPorts {
  readonly onboarding: OnboardingStore;
  readonly tenants: Pick<TenantStore, "getPartner">;
  readonly clock: Clock;
}

/** Makes `displayName` this tenant's, or throws a 409 naming `field` when it looks like another partner's name. */
export async function claimPartnerName(
  ports: NameClaimPorts,
  tenantId: string,
  displayName: string,
  field: string
): Promise<void> {
  const skeleton = nameSkeleton(displayName);
  const claim: NameClaim = {
    id: "name-claim",
    kind: "nameClaim",
    tenantId: claimPartitionFor(skeleton),
    skeleton,
    ownerTenantId: tenantId,
    displayName,
    claimedDateTime: ports.clock.now().toISOString()
  };
  const result = await ports.onboarding.createClaim(claim);
  if (result.created || result.existing.document.ownerTenantId === tenantId) return;
  if (!(await isStale(ports, result.existing.document))) throw nameTaken(field);
  try {
    await ports.onboarding.replaceClaim(claim, result.existing.etag);
  } catch (error) {
    // Someone else took the stale claim first.
    if (error instanceof PreconditionFailedError) throw nameTaken(field);
    throw error;
  }
}

/** Throws the same 409 as claimPartnerName when the name is taken, without claiming it (one point read). */
export async function checkPartnerNameFree(
  ports: NameClaimPorts,
  tenantId: string,
  displayName: string,
  field: string
): Promise<void> {
  const found = await ports.onboarding.getClaim(nameSkeleton(displayName));
  if (found && found.document.ownerTenantId !== tenantId && !(await isStale(ports, found.document)))
    throw nameTaken(field);
}

/** Gives up a name this tenant no longer uses (after a rename). */
export function releasePartnerName(ports: NameClaimPorts, tenantId: string, displayName: string): Promise<void> {
  return ports.onboarding.releaseClaim(nameSkeleton(displayName), tenantId);
}

/** Two names are the same name when their skeletons are equal. */
export function sameName(left: string, right: string): boolean {
  return nameSkeleton(left) === nameSkeleton(right);
}

async function isStale(ports: NameClaimPorts, claim: NameClaim): Promise<boolean> {
  const ageMs = ports.clock.now().getTime() - Date.parse(claim.claimedDateTime);
  if (!(ageMs > staleClaimMinutes * 60_000)) return false;
  const owner = await ports.tenants.getPartner(claim.ownerTenantId);
  return !owner?.status || nameSkeleton(owner.displayName) !== claim.skeleton;
}

function nameTaken(field: string): ConflictError {
  return new ConflictError("Another partner already uses this display name, or one that looks the same.", [
    {
      field,
      message:
        "looks the same as another partner's name once case, accents and look-alike letters are folded; choose a name that is clearly your own."
    }
  ]);
}
