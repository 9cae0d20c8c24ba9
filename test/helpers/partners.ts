/** A partner registration as an operator's approval leaves it, for tests that set a partner up through the store. */
import type { PartnerRegistration } from "../../shared/tenants/tenant-records";

export function approvedPartner(tenantId: string, displayName: string, now = new Date()): PartnerRegistration {
  return {
    tenantId,
    displayName,
    identity: {
      legalName: `${displayName} Ltd`,
      partnerId: "1234567",
      verifiedDomain: `${tenantId.slice(0, 8)}.partner.example`
    },
    approval: { action: "approved", at: now.toISOString(), actor: { kind: "system", displayName: "test setup" } }
  };
}
