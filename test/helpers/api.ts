/**
 * Talking to a running local runtime as its users do: tokens from the development issuer (the same keys the
 * runtime verifies against), JSON requests with a bearer token, and a Service Bus client for the queues.
 */
import { randomUUID } from "node:crypto";
import { ServiceBusClient, type ServiceBusReceivedMessage } from "@azure/service-bus";
import type { LocalRuntime } from "./local-runtime";

export const roles = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  billingAdministrator: "b0f54661-2d74-4c50-afa3-1ec803f12efe",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  securityReader: "5d6b6bb7-de71-4623-b4af-96380a352509"
} as const;

/** The demo partner tenants the local runtime registers at start (local/demo-data.ts). */
export const demoPartnerTenants = [
  "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01",
  "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a02",
  "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a03"
] as const;

export interface TokenClaims {
  readonly tenantId: string;
  readonly userId?: string;
  readonly wids?: readonly string[];
  readonly roles?: readonly string[];
  /** Security group object ids (the `groups` claim). */
  readonly groups?: readonly string[];
  /** Entra's groups overage claim instead of `groups`. */
  readonly groupsOverage?: boolean;
  readonly name?: string;
  readonly preferredUsername?: string;
  readonly expiresInSeconds?: number;
}

export async function tokenFor(runtime: Pick<LocalRuntime, "url">, claims: TokenClaims): Promise<string> {
  const response = await fetch(`${runtime.url}/dev/issuer/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId: randomUUID(), ...claims })
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export const partnerAdmin = (tenantId: string): TokenClaims => ({
  tenantId,
  roles: ["Partner.Admin"],
  name: "Partner admin"
});
export const partnerReader = (tenantId: string): TokenClaims => ({ tenantId, name: "Partner reader" });
export const customerGlobalAdmin = (tenantId: string): TokenClaims => ({
  tenantId,
  wids: [roles.globalAdministrator],
  name: "Customer GA"
});
export const customerBillingAdmin = (tenantId: string): TokenClaims => ({
  tenantId,
  wids: [roles.billingAdministrator],
  name: "Customer BA"
});
export const customerUser = (tenantId: string): TokenClaims => ({ tenantId, wids: [], name: "Customer user" });

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export async function call<T = Record<string, unknown>>(
  runtime: Pick<LocalRuntime, "url">,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const response = await fetch(`${runtime.url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/**
 * An address of its own for each invitation: every address may receive only so many invitation emails a day
 * (LIMIT_INVITATION_EMAILS_PER_ADDRESS_PER_DAY), and tests must not spend one another's.
 */
export const newAdminEmail = () => `admin-${randomUUID().slice(0, 8)}@customer.example`;

/** A valid invitation body for a GDAP relationship; override what a test varies. */
export function gdapInvitation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    partnerType: "partnerWithGdap",
    displayName: `Managed services ${randomUUID().slice(0, 8)}`,
    customer: { adminEmail: newAdminEmail() },
    accessDetails: {
      unifiedRoles: [{ roleDefinitionId: roles.helpdeskAdministrator }, { roleDefinitionId: roles.userAdministrator }]
    },
    duration: "P365D",
    autoExtendDuration: "PT0S",
    ...overrides
  };
}

/** The token part of an invitation link (`…/invitations/<token>`). */
export function tokenOfLink(link: string): string {
  return link.slice(link.lastIndexOf("/") + 1);
}

/** Receives and completes what is on a queue now (up to `max`), for tests that check what was sent. */
export async function drainQueue(
  runtime: Pick<LocalRuntime, "serviceBus">,
  queue: string,
  max = 100,
  waitMs = 1_000
): Promise<ServiceBusReceivedMessage[]> {
  const client = new ServiceBusClient(runtime.serviceBus.connectionString, {
    retryOptions: { maxRetries: 1, timeoutInMs: 5_000 }
  });
  try {
    const receiver = client.createReceiver(queue, { receiveMode: "receiveAndDelete" });
    const messages = await receiver.receiveMessages(max, { maxWaitTimeInMs: waitMs });
    await receiver.close();
    return messages;
  } finally {
    await client.close();
  }
}
