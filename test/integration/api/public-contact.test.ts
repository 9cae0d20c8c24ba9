import { CosmosClient } from "@azure/cosmos";
import { randomUUID } from "node:crypto";
import { Agent } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, drainQueue } from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { containerIds, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { CosmosTenantStore } from "../../../shared/cosmos/cosmos-tenant-store";

type Problem = { status: number; errors?: { field: string; message: string }[] };
type Received = { id: string; status: string };

function contactBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    location: "United Kingdom",
    contact: { name: "Ada Customer", email: "ada@tailspin.example", phone: "+44 20 7946 0000" },
    organisationName: "Tailspin Toys",
    organisationSize: "50-249",
    industry: "Retail",
    businessNeeds: "We want help moving 120 mailboxes and setting up device management.",
    ...overrides
  };
}

describe("POST /api/partners/{id}/contact: Contact me", () => {
  let runtime: LocalRuntime;
  const partner = demoPartnerTenants[1];

  beforeAll(async () => {
    // These tests read what the API queues, so the functions that would consume it are switched off.
    runtime = await startLocalRuntime({ env: queueConsumersDisabled });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  function tenantStore(): CosmosTenantStore {
    const key = /AccountKey=([^;]+)/.exec(runtime.cosmos.connectionString)?.[1] ?? "";
    const client = new CosmosClient({
      endpoint: runtime.cosmos.endpoint,
      key,
      agent: new Agent({ rejectUnauthorized: false })
    });
    return new CosmosTenantStore(client.database(defaultDatabaseName).container(containerIds.tenants));
  }

  const contact = (body: unknown, id: string = partner) =>
    call<Received & Problem>(runtime, "POST", `/api/partners/${id}/contact`, { body });
  const fieldsOf = (response: { body: Problem }) => (response.body.errors ?? []).map((e) => e.field).sort();

  it("answers 202 without a token and queues a contactPartner message that carries ids only", async () => {
    const response = await contact(contactBody());
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: "received" });
    const messages = await drainQueue(runtime, "notifications");
    const mine = messages.filter(
      (m) => (m.body as { contactRequestId?: string }).contactRequestId === response.body.id
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]?.body).toEqual({
      kind: "contactPartner",
      partnerTenantId: partner,
      contactRequestId: response.body.id
    });
    expect(mine[0]?.messageId).toBe(response.body.id);
    const wire = JSON.stringify(mine[0]?.body);
    for (const personal of ["ada@tailspin.example", "Ada Customer", "Tailspin Toys", "mailboxes", "+44"])
      expect(wire).not.toContain(personal);
    // What the customer typed is in Cosmos DB, in the partner's partition, for the email sender to read.
    const stored = await tenantStore().getContactRequest(partner, response.body.id);
    expect(stored).toMatchObject({
      kind: "contactRequest",
      tenantId: partner,
      contact: {
        name: "Ada Customer",
        email: "ada@tailspin.example",
        phone: "+44 20 7946 0000",
        location: "United Kingdom",
        organisationName: "Tailspin Toys",
        organisationSize: "50-249",
        industry: "Retail",
        businessNeeds: expect.stringContaining("120 mailboxes")
      }
    });
    expect(stored?.emailSentDateTime).toBeUndefined();
  });

  it("accepts a request without a phone number, and a GUID in upper case", async () => {
    const body = contactBody({ contact: { name: "Bo", email: "bo@example.org" } });
    const response = await contact(body, partner.toUpperCase());
    expect(response.status).toBe(202);
    const messages = await drainQueue(runtime, "notifications");
    expect(
      messages.find((m) => (m.body as { contactRequestId?: string }).contactRequestId === response.body.id)?.body
    ).toMatchObject({ partnerTenantId: partner });
  });

  it("answers 400 naming every bad field", async () => {
    const response = await contact(
      contactBody({
        contact: { name: "", email: "not-an-email", fax: "1" },
        organisationSize: "12",
        businessNeeds: "x".repeat(2001),
        location: undefined
      })
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(fieldsOf(response)).toEqual([
      "businessNeeds",
      "contact.email",
      "contact.fax",
      "contact.name",
      "location",
      "organisationSize"
    ]);
  });

  it("answers 400 for an unknown field, a missing body and a body that is not JSON", async () => {
    expect(fieldsOf(await contact(contactBody({ budget: 100 })))).toEqual(["budget"]);
    expect((await call(runtime, "POST", `/api/partners/${partner}/contact`)).status).toBe(400);
    expect((await call(runtime, "POST", `/api/partners/${partner}/contact`, { rawBody: "{nope" })).status).toBe(400);
  });

  it("refuses a body over 64 KB", async () => {
    const response = await contact(contactBody({ businessNeeds: "x".repeat(70 * 1024) }));
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]).toMatchObject({ field: "body", message: expect.stringContaining("limit") });
  });

  it("answers 404 for a partner that is not in the directory and 400 for an id that is not a tenant id", async () => {
    expect((await contact(contactBody(), randomUUID())).status).toBe(404);
    const bad = await contact(contactBody(), "not-a-guid");
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(["id"]);
  });
});
