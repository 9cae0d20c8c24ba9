/**
 * The data the fuzz test makes before it starts, and the snapshot it compares afterwards: one partner (a demo
 * partner) with a pending invitation, an active relationship with its grants and a declined one, all with one
 * customer, who has accepted the customer agreement. The snapshot is read through the API with tokens the fuzz
 * never gets; the fuzz gets other tenants' tokens and this partner's and customer's least-privileged users only,
 * so any change to the snapshot is a request that changed what it must not.
 */
import { randomUUID } from "node:crypto";
import { currentAgreement } from "../../shared/domain/agreement";
import {
  call,
  customerBillingAdmin,
  customerGlobalAdmin,
  demoPartnerTenants,
  gdapInvitation,
  partnerAdmin,
  roles,
  tokenFor,
  tokenOfLink
} from "../helpers/api";
import type { LocalRuntime } from "../helpers/local-runtime";

export interface FuzzFixtures {
  readonly partnerTenantId: string;
  readonly customerTenantId: string;
  readonly relationshipIds: readonly string[];
  /** A draft made through /v1.0 (status created): what PATCH and DELETE there could change. */
  readonly draftId: string;
  readonly pendingLinkToken: string;
  /** Purchases the partner recorded for the customer through its accepted MPSA relationship (sharing on). */
  readonly purchaseIds: readonly string[];
  /** Everything the fixtures consist of, as the API shows it (with ETags): equal before and after means unchanged. */
  snapshot(): Promise<string>;
}

export async function createFixtures(runtime: LocalRuntime): Promise<FuzzFixtures> {
  const partnerTenantId = demoPartnerTenants[0];
  const customerTenantId = randomUUID();
  const partner = await tokenFor(runtime, partnerAdmin(partnerTenantId));
  const globalAdmin = await tokenFor(runtime, customerGlobalAdmin(customerTenantId));
  const billingAdmin = await tokenFor(runtime, customerBillingAdmin(customerTenantId));
  const invite = async () => {
    const body = gdapInvitation({
      customer: { adminEmail: "admin@fuzz-customer.example", tenantId: customerTenantId }
    });
    const created = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
      token: partner,
      body
    });
    if (created.status !== 201) throw new Error(`fixture invitation: ${created.status} ${created.text}`);
    return { id: created.body.id, linkToken: tokenOfLink(created.body.invitationLink) };
  };
  const answer = async (linkToken: string, action: "accept" | "decline") => {
    const body = action === "accept" ? { agreementVersion: currentAgreement.version, acknowledged: true } : undefined;
    const response = await call(runtime, "POST", `/api/invitations/${linkToken}/${action}`, {
      token: globalAdmin,
      ...(body ? { body } : {})
    });
    if (response.status !== 200) throw new Error(`fixture ${action}: ${response.status} ${response.text}`);
  };

  const pending = await invite();
  const active = await invite();
  await answer(active.linkToken, "accept");
  const declined = await invite();
  await answer(declined.linkToken, "decline");
  // An MPSA relationship the customer accepted, one purchase recorded through it, and sharing switched on.
  const mpsa = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
    token: partner,
    body: {
      partnerType: "mpsaPartner",
      displayName: `Fuzz MPSA ${randomUUID().slice(0, 8)}`,
      customer: { adminEmail: "mpsa@fuzz-customer.example", tenantId: customerTenantId },
      duration: "P730D"
    }
  });
  if (mpsa.status !== 201) throw new Error(`fixture MPSA invitation: ${mpsa.status} ${mpsa.text}`);
  await answer(tokenOfLink(mpsa.body.invitationLink), "accept");
  const purchase = await call<{ id: string }>(runtime, "POST", `/api/partner/customers/${customerTenantId}/purchases`, {
    token: partner,
    body: { product: "Fuzz fixture licences", quantity: 25, agreementNumber: "01S12345", purchaseDate: "2026-06-15" }
  });
  if (purchase.status !== 201) throw new Error(`fixture purchase: ${purchase.status} ${purchase.text}`);
  const sharing = await call(runtime, "PUT", "/api/customer/mpsa-purchase-sharing", {
    token: billingAdmin,
    body: { enabled: true }
  });
  if (sharing.status !== 200) throw new Error(`fixture sharing: ${sharing.status} ${sharing.text}`);
  const relationshipIds = [pending.id, active.id, declined.id, mpsa.body.id];
  const draft = await call<{ id: string }>(runtime, "POST", "/v1.0/tenantRelationships/delegatedAdminRelationships", {
    token: partner,
    body: {
      displayName: `Fuzz draft ${randomUUID().slice(0, 8)}`,
      duration: "P90D",
      accessDetails: { unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }] }
    }
  });
  if (draft.status !== 201) throw new Error(`fixture draft: ${draft.status} ${draft.text}`);
  const draftId = draft.body.id;

  const read = async (token: string, path: string) => {
    const response = await call<Record<string, unknown>>(runtime, "GET", path, { token });
    return { path, status: response.status, etag: response.headers.get("etag"), body: response.body };
  };
  // Other partners may invite this customer while the fuzz runs (new data): the customer's list counts only ours.
  const ours = (listed: { body: Record<string, unknown> }) => ({
    ...listed,
    body: (listed.body.value as { id: string }[]).filter((item) => relationshipIds.includes(item.id))
  });
  const snapshot = async () =>
    JSON.stringify(
      [
        ...(await Promise.all(relationshipIds.map((id) => read(partner, `/api/relationships/${id}`)))),
        ...(await Promise.all(relationshipIds.map((id) => read(billingAdmin, `/api/customer/relationships/${id}`)))),
        await read(partner, "/api/relationships?$top=300"),
        await read(partner, `/v1.0/tenantRelationships/delegatedAdminRelationships/${draftId}`),
        await read(partner, `/v1.0/tenantRelationships/delegatedAdminRelationships/${pending.id}/requests`),
        await read(partner, "/v1.0/tenantRelationships/delegatedAdminRelationships?$top=300"),
        await read(partner, "/v1.0/tenantRelationships/delegatedAdminCustomers"),
        ours(await read(billingAdmin, "/api/customer/relationships")),
        await read(billingAdmin, "/api/customer/agreement"),
        await read(partner, "/api/partner-profile"),
        await read(
          partner,
          `/api/access?partnerTenantId=${partnerTenantId}&customerTenantId=${customerTenantId}&roleDefinitionId=${roles.helpdeskAdministrator}`
        ),
        await read(partner, `/api/partner/customers/${customerTenantId}/purchases?$top=500`),
        await read(billingAdmin, "/api/customer/purchases?$top=500"),
        await read(billingAdmin, "/api/customer/mpsa-purchase-sharing")
      ],
      null,
      1
    );

  await settle(snapshot, (text) => text.includes('"status": "active"'));
  return {
    partnerTenantId,
    customerTenantId,
    relationshipIds,
    draftId,
    pendingLinkToken: pending.linkToken,
    purchaseIds: [purchase.body.id],
    snapshot
  };
}

/**
 * Waits until the asynchronous work the fixtures started (invitation emails recorded, grants applied) is done:
 * `ready` holds and two snapshots a second apart are equal.
 */
async function settle(snapshot: () => Promise<string>, ready: (text: string) => boolean): Promise<void> {
  let previous = "";
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const current = await snapshot();
    if (current === previous && ready(current)) return;
    previous = current;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`the fixtures did not settle in 60 s: ${previous.slice(0, 2_000)}`);
}
