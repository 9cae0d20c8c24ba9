/**
 * Set-up shared by the customer API tests: the runtime with its queue consumers off, a partner that invites, customer
 * users with the directory roles a test needs, and the queue messages one relationship caused.
 */
import { randomUUID } from "node:crypto";
import type { ServiceBusReceivedMessage } from "@azure/service-bus";
import { currentAgreement } from "../../../shared/domain/agreement";
import { call, drainQueue, gdapInvitation, partnerAdmin, tokenFor, tokenOfLink } from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

/** These tests read what the API queues, so the functions that would consume it are switched off. */
export function startApiRuntime(): Promise<LocalRuntime> {
  return startLocalRuntime({ env: queueConsumersDisabled });
}

export const acceptBody = { agreementVersion: currentAgreement.version, acknowledged: true } as const;

export type Resource = Record<string, unknown> & {
  id: string;
  status: string;
  accessDetails: { unifiedRoles: { roleDefinitionId: string; displayName?: string }[] };
  customer: { tenantId?: string };
};

export type Problem = {
  status: number;
  title: string;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
  requiredRole?: { id: string; displayName: string };
};

export interface SentInvitation {
  readonly id: string;
  readonly token: string;
}

/** A partner admin of `partnerTenantId` invites; `overrides` change the GDAP invitation body. */
export async function invite(
  runtime: LocalRuntime,
  partnerToken: string,
  overrides: Record<string, unknown> = {}
): Promise<SentInvitation> {
  const response = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
    token: partnerToken,
    body: gdapInvitation(overrides)
  });
  if (response.status !== 201) throw new Error(`invitation failed: ${response.status} ${response.text}`);
  return { id: response.body.id, token: tokenOfLink(response.body.invitationLink) };
}

export const resellerInvitation = { partnerType: "reseller", accessDetails: undefined, duration: "P730D" };

export function partnerToken(runtime: LocalRuntime, partnerTenantId: string): Promise<string> {
  return tokenFor(runtime, partnerAdmin(partnerTenantId));
}

/** A user of `tenantId` holding exactly `wids`. */
export function customerToken(
  runtime: LocalRuntime,
  tenantId: string,
  wids: readonly string[],
  userId: string = randomUUID()
): Promise<string> {
  return tokenFor(runtime, { tenantId, userId, wids, name: `Customer user ${userId.slice(0, 4)}` });
}

/** What is on `queue` for one relationship, received until `count` are in or a few tries pass. */
export async function messagesFor(
  runtime: LocalRuntime,
  queue: string,
  relationshipId: string,
  count = 1
): Promise<unknown[]> {
  const mine: ServiceBusReceivedMessage[] = [];
  for (let attempt = 0; attempt < 5 && mine.length < count; attempt += 1) {
    const received = await drainQueue(runtime, queue, 100, 500);
    mine.push(
      ...received.filter((message) => (message.body as { relationshipId?: string }).relationshipId === relationshipId)
    );
  }
  return mine.map((message) => message.body as unknown);
}
