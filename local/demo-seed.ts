/**
 * Registers the demo partners at start, as an operator's approval would: each display name claimed (so look-alikes
 * of it are refused, as on Azure), the partner approved with its legal name, Partner ID and domain, and a
 * directory profile. A partner already approved keeps its state (a local suspension or rename survives a restart).
 */
import type { CosmosClient } from "@azure/cosmos";
import { systemClock } from "../shared/clock";
import { containerIds } from "../shared/cosmos/containers";
import { CosmosOnboardingStore } from "../shared/cosmos/cosmos-onboarding-store";
import { CosmosTenantStore } from "../shared/cosmos/cosmos-tenant-store";
import { claimPartnerName } from "../shared/use-cases/partner-name-claims";
import { demoPartners } from "./demo-data";

export async function seedDemoPartners(client: CosmosClient, databaseName: string): Promise<void> {
  const container = client.database(databaseName).container(containerIds.tenants);
  const tenants = new CosmosTenantStore(container);
  const ports = { tenants, onboarding: new CosmosOnboardingStore(container), clock: systemClock };
  for (const partner of demoPartners) {
    const existing = await tenants.getPartner(partner.tenantId);
    const now = systemClock.now().toISOString();
    if (!existing?.status || !existing.identity) {
      const displayName = existing?.status ? existing.displayName : partner.displayName;
      await claimPartnerName(ports, partner.tenantId, displayName, "displayName");
      await tenants.registerPartner({
        tenantId: partner.tenantId,
        displayName,
        identity: partner.identity,
        approval: { action: "approved", at: now, actor: { kind: "system", displayName: "Local demo data" } }
      });
    }
    if (!existing?.profile)
      await tenants.savePartnerProfile(partner.tenantId, { ...partner.profile, updatedDateTime: now });
  }
}
