/**
 * What the access assignment tests share: the partner API for assignments and operations, tokens for partner users
 * in security groups, and — for runtimes whose queue consumers are switched off — a consumer of the role-grants
 * queue run by the test itself: the product's own queue work (handleRoleGrantsMessage) against the runtime's Cosmos
 * DB and Service Bus through the real SDKs, run only when the test says so. That is how a test shows the access
 * check saying no before any queue message is handled, yet still takes relationships and assignments to `active`.
 */
import { ServiceBusClient } from "@azure/service-bus";
import { containerIds, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { CosmosGrantStore } from "../../../shared/cosmos/cosmos-grant-store";
import { CosmosAuditLog } from "../../../shared/cosmos/cosmos-audit-log";
import { createCosmosClient } from "../../../shared/cosmos/cosmos-client";
import { CosmosCustomerRelationshipIndex } from "../../../shared/cosmos/cosmos-indexes";
import { CosmosPartnerCustomerIndex } from "../../../shared/cosmos/cosmos-partner-customers";
import { CosmosRelationshipStore } from "../../../shared/cosmos/cosmos-relationship-store";
import { systemClock } from "../../../shared/clock";
import { roleGrantsQueueMessage } from "../../../shared/messaging/messages";
import { queueNames } from "../../../shared/messaging/queues";
import { ServiceBusPublisher } from "../../../shared/messaging/service-bus-publisher";
import { handleRoleGrantsMessage } from "../../../shared/use-cases/role-grants-work";
import { call, tokenFor, type ApiResponse } from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";

export interface Assignment {
  id: string;
  status: string;
  label?: string;
  accessContainer: { accessContainerId: string; accessContainerType: string };
  accessDetails: { unifiedRoles: { roleDefinitionId: string }[] };
  error?: { code: string; message: string };
  errors?: { field: string; message: string }[];
  detail?: string;
}

export interface Operation {
  id: string;
  operationType: string;
  status: string;
  data: string;
}

export const assignmentsPath = (relationshipId: string) => `/api/relationships/${relationshipId}/accessAssignments`;

export function createAssignment(
  runtime: LocalRuntime,
  token: string,
  relationshipId: string,
  securityGroupId: string,
  roles: readonly string[],
  extra: Record<string, unknown> = {}
): Promise<ApiResponse<Assignment>> {
  return call<Assignment>(runtime, "POST", assignmentsPath(relationshipId), {
    token,
    body: {
      accessContainer: { accessContainerId: securityGroupId, accessContainerType: "securityGroup" },
      accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
      ...extra
    }
  });
}

export function readAssignment(
  runtime: LocalRuntime,
  token: string,
  relationshipId: string,
  assignmentId: string
): Promise<ApiResponse<Assignment>> {
  return call<Assignment>(runtime, "GET", `${assignmentsPath(relationshipId)}/${assignmentId}`, { token });
}

export function updateAssignment(
  runtime: LocalRuntime,
  token: string,
  relationshipId: string,
  assignmentId: string,
  body: unknown,
  ifMatch?: string
): Promise<ApiResponse<Assignment>> {
  return call<Assignment>(runtime, "PATCH", `${assignmentsPath(relationshipId)}/${assignmentId}`, {
    token,
    body,
    headers: ifMatch ? { "if-match": ifMatch } : {}
  });
}

export function deleteAssignment(
  runtime: LocalRuntime,
  token: string,
  relationshipId: string,
  assignmentId: string,
  ifMatch?: string
): Promise<ApiResponse<Assignment>> {
  return call<Assignment>(runtime, "DELETE", `${assignmentsPath(relationshipId)}/${assignmentId}`, {
    token,
    headers: ifMatch ? { "if-match": ifMatch } : {}
  });
}

export async function operationsOf(runtime: LocalRuntime, token: string, relationshipId: string): Promise<Operation[]> {
  const response = await call<{ value: Operation[] }>(
    runtime,
    "GET",
    `/api/relationships/${relationshipId}/operations`,
    { token }
  );
  if (response.status !== 200) throw new Error(`operations: ${response.status} ${response.text}`);
  return response.body.value;
}

/** Polls the assignment until it has `status` (usable in hooks, unlike expect.poll). */
export async function waitForAssignment(
  runtime: LocalRuntime,
  token: string,
  relationshipId: string,
  assignmentId: string,
  status: string,
  timeoutMs = 20_000
): Promise<Assignment> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await readAssignment(runtime, token, relationshipId, assignmentId);
    if (current.body.status === status) return current.body;
    if (Date.now() > deadline)
      throw new Error(
        `assignment ${assignmentId} is ${current.body.status}, not ${status}, after ${timeoutMs} ms: ${current.text}`
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A partner user (no app role) whose token lists these security groups. */
export function groupMember(
  runtime: LocalRuntime,
  partnerTenantId: string,
  groups: readonly string[]
): Promise<string> {
  return tokenFor(runtime, { tenantId: partnerTenantId, name: "Partner technician", groups });
}

export interface RoleGrantsConsumer {
  /** Handles what is on the role-grants queue now, and what that work queues in turn; resolves with how many. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

/** The product's role-grants work, run by the test against the runtime's own Cosmos DB and Service Bus. */
export function roleGrantsConsumer(runtime: LocalRuntime): RoleGrantsConsumer {
  const cosmos = createCosmosClient(
    { kind: "emulator", connectionString: runtime.cosmos.connectionString, endpoint: runtime.cosmos.endpoint },
    () => {
      throw new Error("emulator only");
    }
  );
  const database = cosmos.database(defaultDatabaseName);
  const bus = new ServiceBusClient(runtime.serviceBus.connectionString, {
    retryOptions: { maxRetries: 1, timeoutInMs: 5_000 }
  });
  const ports = {
    clock: systemClock,
    store: new CosmosRelationshipStore(database.container(containerIds.relationships)),
    auditLog: new CosmosAuditLog(database.container(containerIds.audit)),
    customerIndex: new CosmosCustomerRelationshipIndex(database.container(containerIds.customerRelationships)),
    grantStore: new CosmosGrantStore(database.container(containerIds.access)),
    partnerCustomers: new CosmosPartnerCustomerIndex(database.container(containerIds.tenants)),
    publisher: new ServiceBusPublisher(bus)
  };
  const receiver = bus.createReceiver(queueNames.roleGrants);
  return {
    async drain() {
      let handled = 0;
      for (;;) {
        const batch = await receiver.receiveMessages(20, { maxWaitTimeInMs: 500 });
        if (batch.length === 0) return handled;
        for (const received of batch) {
          await handleRoleGrantsMessage(ports, roleGrantsQueueMessage.parse(received.body));
          await receiver.completeMessage(received);
          handled += 1;
        }
      }
    },
    async close() {
      await receiver.close();
      await bus.close();
      cosmos.dispose();
    }
  };
}
