import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, partnerReader, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { batchesPath, customers, isFinished, newTemplate, waitForBatch, type Batch } from "../async/bulk-kit";
import { partnerToken } from "../async/grants-kit";

describe("invitation batches through the API", () => {
  let runtime: LocalRuntime;
  let admin: string;
  let template: { id: string; displayName: string };
  const partnerTenantId = demoPartnerTenants[0];

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    admin = await partnerToken(runtime, partnerTenantId);
    template = await newTemplate(runtime, admin);
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const submit = (body: unknown, token = admin, headers: Record<string, string> = {}) =>
    call<Batch>(runtime, "POST", batchesPath, { token, body, headers });

  it("answers 202 with the batch (each row's result, counts, estimate) and a Location to follow it, reports a bad row and invites the others", async () => {
    const rows: unknown[] = customers(3);
    rows.splice(1, 0, { tenantId: randomUUID(), adminEmail: "not an address" });
    const submitted = await submit({ templateId: template.id, customers: rows });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get("location")).toBe(`${batchesPath}/${submitted.body.id}`);
    expect(submitted.body).toMatchObject({
      status: "queued",
      template,
      counts: { total: 4, invited: 0, failed: 1, pending: 3 }
    });
    expect(Date.parse(submitted.body.estimatedCompletionDateTime ?? "")).toBeGreaterThan(Date.now() - 60_000);
    expect(submitted.body.results[1]).toMatchObject({ row: 2, outcome: "failed", error: { code: "invalidRow" } });

    const done = await waitForBatch(runtime, admin, submitted.body.id, isFinished);
    expect(done.status).toBe("completedWithErrors");
    expect(done.results.map((row) => row.outcome)).toEqual(["invited", "failed", "invited", "invited"]);
    const relationship = await call<{
      displayName: string;
      customer: { tenantId: string };
      accessDetails: { unifiedRoles: unknown[] };
    }>(runtime, "GET", `/api/relationships/${done.results[0]?.relationshipId}`, { token: admin });
    expect(relationship.body).toMatchObject({
      displayName: done.results[0]?.displayName,
      customer: { tenantId: done.results[0]?.tenantId }
    });
    expect(relationship.body.accessDetails.unifiedRoles).toHaveLength(2);

    const listed = await call<{ value: (Batch & { results?: unknown })[] }>(runtime, "GET", batchesPath, {
      token: admin
    });
    const summary = listed.body.value.find((batch) => batch.id === submitted.body.id);
    expect(summary).toMatchObject({
      status: "completedWithErrors",
      counts: { total: 4, invited: 3, failed: 1, pending: 0 },
      template
    });
    expect(summary?.results).toBeUndefined();
  });

  it("refuses a body that is not a batch with a 400 naming the field, and more than 1,000 customers", async () => {
    const fields = async (body: unknown) => (await submit(body)).body.errors?.map((error) => error.field);
    expect(await fields({ customers: customers(1) })).toEqual(["templateId"]);
    expect(await fields({ templateId: template.id, customers: "a,b,c" })).toEqual(["customers"]);
    expect(await fields({ templateId: template.id, customers: [] })).toEqual(["customers"]);
    expect(await fields({ templateId: template.id, customers: customers(1001) })).toEqual(["customers"]);
    expect(await fields({ templateId: template.id, customers: customers(1), extra: true })).toEqual(["extra"]);
    expect(await fields({ templateId: "not-a-guid", customers: customers(1) })).toEqual(["templateId"]);
    expect(await fields({ templateId: randomUUID(), customers: customers(1) })).toEqual(["templateId"]);
    expect(
      (
        await call(runtime, "POST", batchesPath, {
          token: admin,
          rawBody: "[",
          headers: { "content-type": "application/json" }
        })
      ).status
    ).toBe(400);
  });

  it("repeats a submission with the same Idempotency-Key as the first batch (200), and refuses the key with another body (409)", async () => {
    const key = `batch-${randomUUID()}`;
    const body = { templateId: template.id, customers: customers(2) };
    const first = await submit(body, admin, { "idempotency-key": key });
    const again = await submit(body, admin, { "idempotency-key": key });
    expect([first.status, again.status]).toEqual([202, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect((await submit({ ...body, customers: customers(2) }, admin, { "idempotency-key": key })).status).toBe(409);
  });

  it("needs Partner.Admin to submit, lets readers follow, and keeps each partner's batches its own", async () => {
    const submitted = await submit({ templateId: template.id, customers: customers(1) });
    const reader = await tokenFor(runtime, partnerReader(partnerTenantId));
    expect((await submit({ templateId: template.id, customers: customers(1) }, reader)).status).toBe(403);
    expect((await call(runtime, "GET", `${batchesPath}/${submitted.body.id}`, { token: reader })).status).toBe(200);
    expect((await call(runtime, "GET", `${batchesPath}/${submitted.body.id}`)).status).toBe(401);
    const other = await partnerToken(runtime, demoPartnerTenants[1]);
    expect((await call(runtime, "GET", `${batchesPath}/${submitted.body.id}`, { token: other })).status).toBe(404);
    expect(
      (await call<{ value: Batch[] }>(runtime, "GET", batchesPath, { token: other })).body.value.map(
        (batch) => batch.id
      )
    ).not.toContain(submitted.body.id);
    // Nor may it invite with this partner's template.
    expect(
      (await submit({ templateId: template.id, customers: customers(1) }, other)).body.errors?.map(
        (error) => error.field
      )
    ).toEqual(["templateId"]);
    expect((await call(runtime, "GET", `${batchesPath}/not-a-guid`, { token: admin })).status).toBe(400);
    expect((await call(runtime, "GET", `${batchesPath}?$skiptoken=forged`, { token: admin })).status).toBe(400);
  });

  it("fails a row whose name another live relationship of the partner has, and still invites the rest", async () => {
    const [taken, free] = customers(2);
    const name = `Taken ${randomUUID().slice(0, 8)}`;
    expect(
      (
        await call(runtime, "POST", "/api/relationships", {
          token: admin,
          body: {
            templateId: template.id,
            displayName: name,
            customer: { adminEmail: `x-${randomUUID().slice(0, 6)}@customer.example` }
          }
        })
      ).status
    ).toBe(201);
    const submitted = await submit({ templateId: template.id, customers: [{ ...taken, displayName: name }, free] });
    const done = await waitForBatch(runtime, admin, submitted.body.id, isFinished);
    expect(done.results.map((row) => [row.outcome, row.error?.code])).toEqual([
      ["failed", "conflict"],
      ["invited", undefined]
    ]);
    expect(done.results[0]?.error?.message).toContain("displayName");
  });
});
