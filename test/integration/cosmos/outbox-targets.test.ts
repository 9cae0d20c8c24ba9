/**
 * What an outbox entry reaches, held to one set of cases on both sides: the Cosmos DB audit log and indexes against
 * the embedded Cosmos DB (through the real SDK), and their in-memory versions the unit tests use. Carrying an entry
 * out twice (a drain after a crash) must change nothing on either.
 */
import type { CosmosClient } from "@azure/cosmos";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../../local/cosmos/cosmos-server";
import { ensureCosmosResources } from "../../../local/cosmos/ensure-resources";
import { containerIds, containers, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { CosmosAuditLog } from "../../../shared/cosmos/cosmos-audit-log";
import { createCosmosClient } from "../../../shared/cosmos/cosmos-client";
import { CosmosCustomerRelationshipIndex, CosmosInvitationTokenIndex } from "../../../shared/cosmos/cosmos-indexes";
import type { AuditRecord } from "../../../shared/outbox/outbox-entry";
import type { AuditLog, CustomerRelationshipIndex, InvitationTokenIndex } from "../../../shared/relationships/ports";
import { newDataDir } from "../../helpers/local-runtime";
import {
  InMemoryAuditLog,
  InMemoryCustomerIndex,
  InMemoryInvitationTokens
} from "../../support/in-memory/outbox-targets";

interface Targets {
  readonly auditLog: AuditLog;
  readonly customerIndex: CustomerRelationshipIndex;
  readonly invitationTokens: InvitationTokenIndex;
}

let cosmos: EmbeddedCosmos;
let client: CosmosClient;
beforeAll(async () => {
  cosmos = await startEmbeddedCosmos({ port: 0, dataDir: newDataDir() });
  client = createCosmosClient(
    { kind: "emulator", connectionString: cosmos.connectionString, endpoint: cosmos.endpoint },
    () => {
      throw new Error("emulator only");
    }
  );
  await ensureCosmosResources(client, defaultDatabaseName, containers);
});
afterAll(async () => {
  client?.dispose();
  await cosmos?.stop();
});

const cosmosTargets = (): Targets => {
  const container = (id: string) => client.database(defaultDatabaseName).container(id);
  return {
    auditLog: new CosmosAuditLog(container(containerIds.audit)),
    customerIndex: new CosmosCustomerRelationshipIndex(container(containerIds.customerRelationships)),
    invitationTokens: new CosmosInvitationTokenIndex(container(containerIds.invitationTokens))
  };
};
const inMemoryTargets = (): Targets => ({
  auditLog: new InMemoryAuditLog(),
  customerIndex: new InMemoryCustomerIndex(),
  invitationTokens: new InMemoryInvitationTokens()
});

const record = (relationshipId: string, version: number, action: string): AuditRecord => ({
  id: `${relationshipId}:${version}`,
  relationshipId,
  partnerTenantId: randomUUID(),
  at: `2027-03-01T09:0${version}:00.000Z`,
  actor: { kind: "system" },
  action
});

describe.each([
  ["the Cosmos DB audit log and indexes on the embedded Cosmos DB", cosmosTargets],
  ["their in-memory versions", inMemoryTargets]
] as const)("%s", (_name, makeTargets) => {
  it("keeps an audit record once, however often it is appended, and lists a relationship's records oldest first", async () => {
    const { auditLog } = makeTargets();
    const relationshipId = randomUUID();
    await auditLog.append(record(relationshipId, 2, "second"));
    await auditLog.append(record(relationshipId, 1, "first"));
    await auditLog.append({ ...record(relationshipId, 1, "first"), action: "replayed with other content" });

    expect((await auditLog.listForRelationship(relationshipId)).map((entry) => entry.action)).toEqual([
      "first",
      "second"
    ]);
  });

  it("indexes a relationship under its customer once, however often it is added", async () => {
    const { customerIndex } = makeTargets();
    const customer = randomUUID();
    const reference = { partnerTenantId: randomUUID(), relationshipId: randomUUID() };
    await customerIndex.add(customer, reference);
    await customerIndex.add(customer, reference);

    expect(await customerIndex.list(customer)).toEqual([reference]);
    expect(await customerIndex.list(randomUUID())).toEqual([]);
  });

  it("finds a relationship by its link token's hash, and nothing by another hash", async () => {
    const { invitationTokens } = makeTargets();
    const hash = randomUUID();
    const reference = { partnerTenantId: randomUUID(), relationshipId: randomUUID() };
    await invitationTokens.put(hash, reference);
    await invitationTokens.put(hash, reference);

    expect(await invitationTokens.find(hash)).toEqual(reference);
    expect(await invitationTokens.find(randomUUID())).toBeUndefined();
  });
});
