/**
 * A partner's own directory profile: written by its admins, read by its users, shown (in part) in the directory.
 * Its name is the partner's display name, so a new name must pass the same rules as at application
 * (domain/partner-names.ts) and is claimed across partners before it is saved; the old name is released after.
 */
import type { PartnerProfileBody, PartnerProfileResource } from "../api/partner-profile-schemas";
import type { Clock } from "../clock";
import { partnerNameProblem } from "../domain/partner-names";
import { NotFoundError, ValidationError } from "../errors";
import type { OnboardingStore } from "../tenants/partner-onboarding";
import type { PartnerProfile, PartnerRecord, TenantStore } from "../tenants/tenant-records";
import { claimPartnerName, releasePartnerName, sameName } from "./partner-name-claims";

export interface ProfilePorts {
  readonly tenants: TenantStore;
  readonly onboarding: OnboardingStore;
  readonly clock: Clock;
}

export async function savePartnerProfile(
  ports: ProfilePorts,
  partner: PartnerRecord,
  body: PartnerProfileBody
): Promise<PartnerProfileResource> {
  const renamed = !sameName(body.name, partner.displayName);
  if (renamed) {
    const problem = partnerNameProblem(body.name);
    if (problem) throw new ValidationError([{ field: "name", message: problem }]);
    await claimPartnerName(ports, partner.tenantId, body.name, "name");
  }
  const profile: PartnerProfile = {
    name: body.name,
    ...(body.website ? { website: body.website } : {}),
    ...(body.description ? { description: body.description } : {}),
    industries: unique(body.industries),
    locations: unique(body.locations),
    partnerTypes: unique(body.partnerTypes),
    contactEmail: body.contactEmail,
    updatedDateTime: ports.clock.now().toISOString()
  };
  const record = await ports.tenants.savePartnerProfile(partner.tenantId, profile);
  if (renamed) await releasePartnerName(ports, partner.tenantId, partner.displayName);
  return toProfileResource(record.tenantId, profile);
}

export function partnerProfileOf(partner: PartnerRecord): PartnerProfileResource {
  if (!partner.profile)
    throw new NotFoundError("Your partner tenant has no directory profile yet; PUT /api/partner-profile creates it.");
  return toProfileResource(partner.tenantId, partner.profile);
}

function toProfileResource(tenantId: string, profile: PartnerProfile): PartnerProfileResource {
  return {
    tenantId,
    name: profile.name,
    ...(profile.website ? { website: profile.website } : {}),
    ...(profile.description ? { description: profile.description } : {}),
    industries: [...profile.industries],
    locations: [...profile.locations],
    partnerTypes: [...profile.partnerTypes],
    contactEmail: profile.contactEmail,
    updatedDateTime: profile.updatedDateTime
  };
}

/** Case-insensitive de-duplication that keeps the first spelling and the order given. */
function unique<T extends string>(values: readonly T[]): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
