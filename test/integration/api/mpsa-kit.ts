/**
 * Set-up shared by the MPSA purchase tests: MPSA relationships a customer accepted (through the API, as a Billing
 * Administrator may for a relationship without roles), purchases recorded through the API, and the audit records of
 * the sharing setting read straight from Cosmos DB (no API serves the whole trail).
 */
import { randomUUID } from "node:crypto";
import { Agent } from "node:https";
import { CosmosClient } from "@azure/cosmos";
import { containerIds, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { call, newAdminEmail, partnerAdmin, roles, tokenFor, tokenOfLink, type ApiResponse } from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";
import { acceptBody, customerToken, type Problem } from "./customer-api";

export type Purchase = {
  id: string;
  product: string;
  quantity: number;
  agreementNumber: string;
  purchaseDate: string;
  isOwn: boolean;
  partner: { tenantId: string; displayName: string; legalName?: string };
  recordedBy?: { userId: string; displayName?: string };
};
export type PartnerPage = {
  value: Purchase[];
  sharing: { enabled: boolean };
  customer: { tenantId: string; displayName?: string };
  "@odata.nextLink"?: string;
} & Problem;
export type CustomerPage = {
  value: {
    partner: { tenantId: string; displayName: string; legalName?: string };
    purchases: { product: string; recordedBy: { displayName?: string } }[];
  }[];
  "@odata.nextLink"?: string;
} & Problem;
export type Sharing = {
  tenantId: string;
  enabled: boolean;
  description: string;
  changes: { enabled: boolean; changedDateTime: string; changedBy: { userId: string; displayName?: string } }[];
} & Problem;

export const purchaseBody = (overrides: Record<string, unknown> = {}) => ({
  product: "Microsoft 365 E3",
  quantity: 250,
  agreementNumber: "01S12345",
  purchaseDate: "2026-06-15",
  ...overrides
});

/** An invitation of `partnerType` from the partner to the customer; accepted by the customer's Billing Administrator unless `accept` is false. */
export async function relationshipWith(
  runtime: LocalRuntime,
  partnerTenantId: string,
  customerTenantId: string,
  options: { partnerType?: string; accept?: boolean } = {}
): Promise<string> {
  const token = await tokenFor(runtime, partnerAdmin(partnerTenantId));
  const body = {
    partnerType: options.partnerType ?? "mpsaPartner",
    displayName: `MPSA ${randomUUID().slice(0, 8)}`,
    customer: { adminEmail: newAdminEmail(), tenantId: customerTenantId },
    duration: "P730D"
  };
  const created = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
    token,
    body
  });
  if (created.status !== 201) throw new Error(`invitation failed: ${created.status} ${created.text}`);
  if (options.accept === false) return created.body.id;
  const billing = await customerToken(runtime, customerTenantId, [roles.billingAdministrator]);
  const accepted = await call(runtime, "POST", `/api/invitations/${tokenOfLink(created.body.invitationLink)}/accept`, {
    token: billing,
    body: acceptBody
  });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
  return created.body.id;
}

export const purchasesPath = (customerTenantId: string) => `/api/partner/customers/${customerTenantId}/purchases`;

export function recordAs(
  runtime: LocalRuntime,
  token: string,
  customerTenantId: string,
  body: unknown,
  headers: Record<string, string> = {}
): Promise<ApiResponse<Purchase & Problem>> {
  return call<Purchase & Problem>(runtime, "POST", purchasesPath(customerTenantId), { token, body, headers });
}

export function listAs(
  runtime: LocalRuntime,
  token: string,
  customerTenantId: string,
  query = ""
): Promise<ApiResponse<PartnerPage>> {
  return call<PartnerPage>(runtime, "GET", `${purchasesPath(customerTenantId)}${query}`, { token });
}

export function setSharing(
  runtime: LocalRuntime,
  token: string,
  enabled: unknown,
  headers: Record<string, string> = {}
): Promise<ApiResponse<Sharing>> {
  return call<Sharing>(runtime, "PUT", "/api/customer/mpsa-purchase-sharing", { token, body: { enabled }, headers });
}

export interface SharingAudit {
  readonly id: string;
  readonly action: string;
  readonly sequence: number;
  readonly at: string;
  readonly actor: { kind: string; tenantId: string; userId: string; displayName?: string };
}

/** The tenants container of the runtime's Cosmos DB, for what no API shows (the audit trail) or a crash leaves. */
export function tenantsContainer(runtime: LocalRuntime) {
  const key = /AccountKey=([^;]+)/.exec(runtime.cosmos.connectionString)?.[1] ?? "";
  const client = new CosmosClient({
    endpoint: runtime.cosmos.endpoint,
    key,
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true })
  });
  return { client, container: client.database(defaultDatabaseName).container(containerIds.tenants) };
}

export async function sharingAuditOf(runtime: LocalRuntime, customerTenantId: string): Promise<SharingAudit[]> {
  const { client, container } = tenantsContainer(runtime);
  try {
    const query = {
      query:
        "SELECT c.id, c.action, c.sequence, c.at, c.actor FROM c WHERE c.tenantId = @tenant AND c.kind = 'mpsaPurchaseSharingChange' ORDER BY c.sequence",
      parameters: [{ name: "@tenant", value: customerTenantId }]
    };
    return (await container.items.query<SharingAudit>(query).fetchAll()).resources;
  } finally {
    client.dispose();
  }
}
