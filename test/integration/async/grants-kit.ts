/**
 * What the grants and access-check tests share: a relationship taken to `active` the way users do it (the partner
 * invites, a customer Global Administrator accepts, the grants handler runs), the access check, raw messages on
 * the role-grants queue through the Service Bus SDK, and the stored audit records and access documents read
 * through the Cosmos SDK.
 */
import { randomUUID } from "node:crypto";
import { Agent } from "node:https";
import { CosmosClient, type Container } from "@azure/cosmos";
import { ServiceBusClient } from "@azure/service-bus";
import { expect } from "vitest";
import type { RoleGrantsDocument } from "../../../shared/grants/role-grants";
import { roleGrantsDocumentId } from "../../../shared/grants/role-grants";
import { containerIds, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { currentAgreement } from "../../../shared/domain/agreement";
import type { QueueMessage } from "../../../shared/messaging/messages";
import { queueNames } from "../../../shared/messaging/queues";
import type { AuditRecord } from "../../../shared/outbox/outbox-entry";
import {
  call,
  customerGlobalAdmin,
  gdapInvitation,
  newAdminEmail,
  partnerAdmin,
  tokenFor,
  tokenOfLink,
  type ApiResponse
} from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";

export type Relationship = {
  id: string;
  status: string;
  activatedDateTime?: string;
  endDateTime?: string;
  accessDetails: { unifiedRoles: { roleDefinitionId: string }[] };
  removedRoles?: { roleDefinitionId: string }[];
  lastError?: { code: string; message: string };
};

export type AccessAnswer = {
  allowed: boolean;
  reason?: string;
  relationshipId?: string;
  roleDefinitionId?: string;
  expiresAt?: string;
};

export interface Accepted {
  readonly id: string;
  readonly customerTenantId: string;
  /** A Global Administrator of the customer tenant. */
  readonly customerToken: string;
}

export const partnerToken = (runtime: LocalRuntime, partnerTenantId: string) =>
  tokenFor(runtime, partnerAdmin(partnerTenantId));

/** The partner invites `customerTenantId` (a new tenant unless given), and that tenant's Global Administrator accepts. */
export async function acceptedRelationship(
  runtime: LocalRuntime,
  partner: string,
  overrides: Record<string, unknown> = {},
  customerTenantId: string = randomUUID()
): Promise<Accepted> {
  const created = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
    token: partner,
    body: gdapInvitation({ customer: { adminEmail: newAdminEmail(), tenantId: customerTenantId }, ...overrides })
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const customerToken = await tokenFor(runtime, customerGlobalAdmin(customerTenantId));
  const accepted = await call(runtime, "POST", `/api/invitations/${tokenOfLink(created.body.invitationLink)}/accept`, {
    token: customerToken,
    body: { agreementVersion: currentAgreement.version, acknowledged: true }
  });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${accepted.text}`);
  return { id: created.body.id, customerTenantId, customerToken };
}

export async function readAsPartner(runtime: LocalRuntime, partner: string, id: string): Promise<Relationship> {
  const response = await call<Relationship>(runtime, "GET", `/api/relationships/${id}`, { token: partner });
  if (response.status !== 200) throw new Error(`read: ${response.status} ${response.text}`);
  return response.body;
}

/** Polls the partner's view until the relationship has `status`, and returns it (usable in hooks, unlike expect.poll). */
export async function waitForStatus(
  runtime: LocalRuntime,
  partner: string,
  id: string,
  status: string,
  timeoutMs = 20_000
): Promise<Relationship> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await readAsPartner(runtime, partner, id);
    if (current.status === status) return current;
    if (Date.now() > deadline)
      throw new Error(
        `relationship ${id} is ${current.status}, not ${status}, after ${timeoutMs} ms: ${JSON.stringify(current.lastError ?? {})}`
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface AccessQuery {
  readonly partnerTenantId: string;
  readonly customerTenantId: string;
  readonly roleDefinitionId: string;
}

export function checkAccess(
  runtime: LocalRuntime,
  token: string | undefined,
  query: Record<string, string> | AccessQuery
): Promise<
  ApiResponse<AccessAnswer & { errors?: { field: string; message: string }[]; requiredRole?: { id: string } }>
> {
  return call(
    runtime,
    "GET",
    `/api/access?${new URLSearchParams({ ...query }).toString()}`,
    token === undefined ? {} : { token }
  );
}

/** Sends a message to the role-grants queue as an outbox drain would (a duplicate, for the redelivery tests). */
export async function sendRoleGrantsMessage(
  runtime: LocalRuntime,
  body: QueueMessage | Record<string, unknown>,
  messageId: string
): Promise<void> {
  const client = new ServiceBusClient(runtime.serviceBus.connectionString, {
    retryOptions: { maxRetries: 1, timeoutInMs: 5_000 }
  });
  try {
    const sender = client.createSender(queueNames.roleGrants);
    await sender.sendMessages({ body, messageId, contentType: "application/json" });
    await sender.close();
  } finally {
    await client.close();
  }
}

interface InvocationLine {
  readonly event?: string;
  readonly function?: string;
  readonly messageId?: string;
  readonly outcome?: string;
  readonly settlement?: string;
}

/** Waits until the grants handler has run for the message `messageId`, and returns its invocation log lines. */
export async function waitForInvocation(runtime: LocalRuntime, messageId: string): Promise<InvocationLine[]> {
  const lines = () =>
    runtime
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as InvocationLine)
      .filter(
        (line) => line.event === "invocation" && line.function === "processRoleGrants" && line.messageId === messageId
      );
  await expect.poll(() => lines().length, { timeout: 20_000, interval: 100 }).toBeGreaterThan(0);
  return lines();
}

export function cosmosContainer(runtime: LocalRuntime, id: string): Container {
  const key = /AccountKey=([^;]+)/.exec(runtime.cosmos.connectionString)?.[1] ?? "";
  const client = new CosmosClient({
    endpoint: runtime.cosmos.endpoint,
    key,
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true })
  });
  return client.database(defaultDatabaseName).container(id);
}

export async function auditRecords(runtime: LocalRuntime, relationshipId: string): Promise<AuditRecord[]> {
  const { resources } = await cosmosContainer(runtime, containerIds.audit)
    .items.query<AuditRecord>(
      {
        query: "SELECT * FROM c WHERE c.relationshipId = @id ORDER BY c.at ASC",
        parameters: [{ name: "@id", value: relationshipId }]
      },
      { partitionKey: relationshipId }
    )
    .fetchAll();
  return resources;
}

export async function accessDocument(
  runtime: LocalRuntime,
  query: AccessQuery
): Promise<RoleGrantsDocument | undefined> {
  const { resource } = await cosmosContainer(runtime, containerIds.access)
    .item(roleGrantsDocumentId(query.partnerTenantId, query.roleDefinitionId), query.customerTenantId)
    .read<RoleGrantsDocument>();
  return resource;
}
