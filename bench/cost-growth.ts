/**
 * bench:cost's growth run: stores copies of what the first pass left in the containers that grow with use
 * (relationships, their indexes, grants, audit records), each copy under partners and customers of its own, so the
 * measured pass meets several times the data without any of it being its own. Copies are never due (their due date
 * is moved far out) and carry no outbox, so no timer or drain picks them up.
 */
import { randomUUID } from "node:crypto";
import type { Container } from "@azure/cosmos";
import { containerIds, defaultDatabaseName } from "../shared/cosmos/containers";
import { createCosmosClient } from "../shared/cosmos/cosmos-client";
import type { Ready } from "./pipeline";

const grown = [
  containerIds.relationships,
  containerIds.customerRelationships,
  containerIds.access,
  containerIds.audit,
  containerIds.invitationTokens
];
/** Fields that name another tenant or document: each copy gets fresh values, consistently within the copy. */
const renamed = ["partnerTenantId", "customerTenantId", "relationshipId", "tenantId"];

export async function storeCopies(ready: Ready, copies: number): Promise<number> {
  const client = createCosmosClient(
    { kind: "emulator", connectionString: ready.cosmos.connectionString, endpoint: ready.cosmos.endpoint },
    () => {
      throw new Error("emulator only");
    }
  );
  const database = client.database(defaultDatabaseName);
  let stored = 0;
  for (const id of grown) {
    const container = database.container(id);
    const { resources } = await container.items.query<Record<string, unknown>>("SELECT * FROM c").fetchAll();
    for (let copy = 0; copy < copies; copy += 1) stored += await storeCopy(container, resources);
  }
  client.dispose();
  return stored;
}

async function storeCopy(container: Container, documents: readonly Record<string, unknown>[]): Promise<number> {
  const fresh = new Map<string, string>();
  const renamedValue = (value: unknown) => {
    const text = String(value);
    if (!fresh.has(text)) fresh.set(text, randomUUID());
    return fresh.get(text);
  };
  const copies = documents.map((document) => {
    const { _rid, _self, _etag, _attachments, _ts, outbox: _outbox, outboxSince: _since, ...rest } = document;
    const copy: Record<string, unknown> = { ...rest, id: randomUUID() };
    for (const field of renamed) if (typeof copy[field] === "string") copy[field] = renamedValue(copy[field]);
    if (typeof copy.customer === "object" && copy.customer !== null)
      copy.customer = { ...copy.customer, tenantId: randomUUID() };
    if (typeof copy.uniqueName === "string") copy.uniqueName = randomUUID();
    if (copy.dueDateTime !== undefined) copy.dueDateTime = "2999-01-01T00:00:00.000Z";
    if (copy.outbox !== undefined || document.outbox !== undefined) copy.outbox = [];
    return copy;
  });
  const chunk = 50;
  for (let start = 0; start < copies.length; start += chunk) {
    await Promise.all(copies.slice(start, start + chunk).map((copy) => container.items.create(copy)));
  }
  return copies.length;
}
