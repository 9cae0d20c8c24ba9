/**
 * The MPSA purchase endpoints' edges through the real local runtime: bad input is a 400 naming each field and writes
 * nothing, a retried record with its Idempotency-Key makes one record, lists page with signed tokens bound to the
 * view, the daily limit refuses with 429, and an audit record a crash left owed is written by the outbox timer.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, partnerAdmin, roles, tokenFor } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { customerToken } from "./customer-api";
import {
  listAs,
  purchaseBody,
  purchasesPath,
  recordAs,
  relationshipWith,
  setSharing,
  sharingAuditOf,
  tenantsContainer,
  type Sharing
} from "./mpsa-kit";

describe("MPSA purchases: input, retries, paging, limits and the audit outbox", () => {
  let runtime: LocalRuntime;
  let tokenA: string;
  let tokenB: string;
  const [partnerA, partnerB] = demoPartnerTenants;

  beforeAll(async () => {
    // A low daily limit, so the limit can be reached; every other test here records fewer.
    runtime = await startLocalRuntime({
      env: { LIMIT_PURCHASES_PER_PARTNER_PER_DAY: "12" },
      args: ["--timers", "manual"]
    });
    tokenA = await tokenFor(runtime, partnerAdmin(partnerA));
    tokenB = await tokenFor(runtime, partnerAdmin(partnerB));
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("answers bad input with a 400 naming each field, and writes nothing", async () => {
    const customer = randomUUID();
    await relationshipWith(runtime, partnerA, customer);
    const cases: [unknown, string[]][] = [
      [
        { product: "", quantity: 0, agreementNumber: "12", purchaseDate: "2099-01-01" },
        ["product", "quantity", "agreementNumber", "purchaseDate"]
      ],
      [purchaseBody({ quantity: "250" }), ["quantity"]],
      [purchaseBody({ quantity: 2.5 }), ["quantity"]],
      [purchaseBody({ purchaseDate: "15/06/2026" }), ["purchaseDate"]],
      [purchaseBody({ agreementNumber: "<script>1</script>" }), ["agreementNumber"]],
      [purchaseBody({ product: "x".repeat(1_001) }), ["product"]],
      [{ ...purchaseBody(), price: 10 }, ["price"]],
      [{ product: "Visio" }, ["quantity", "agreementNumber", "purchaseDate"]]
    ];
    for (const [body, fields] of cases) {
      const response = await recordAs(runtime, tokenA, customer, body);
      expect(response.status, response.text).toBe(400);
      expect((response.body.errors ?? []).map((error) => error.field).sort()).toEqual([...fields].sort());
    }
    const notJson = await call<{ errors: { field: string }[] }>(runtime, "POST", purchasesPath(customer), {
      token: tokenA,
      rawBody: "{",
      headers: { "content-type": "application/json" }
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.errors.map((error) => error.field)).toEqual(["body"]);
    const badTenant = await call<{ errors: { field: string }[] }>(
      runtime,
      "POST",
      "/api/partner/customers/not-a-tenant/purchases",
      { token: tokenA, body: purchaseBody() }
    );
    expect(badTenant.status).toBe(400);
    expect(badTenant.body.errors.map((error) => error.field)).toEqual(["customerTenantId"]);
    expect((await listAs(runtime, tokenA, customer)).body.value).toEqual([]);

    const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);
    for (const body of [{ enabled: "yes" }, {}, { enabled: true, who: "me" }]) {
      const response = await call<{ errors: { field: string }[] }>(
        runtime,
        "PUT",
        "/api/customer/mpsa-purchase-sharing",
        { token: billing, body }
      );
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error) => error.field)).toEqual([
        Object.keys(body).includes("who") ? "who" : "enabled"
      ]);
    }
    expect(
      (await call<Sharing>(runtime, "GET", "/api/customer/mpsa-purchase-sharing", { token: billing })).body.changes
    ).toEqual([]);
    expect((await listAs(runtime, tokenA, customer, "?$top=0")).status).toBe(400);
    expect((await listAs(runtime, tokenA, customer, "?colour=blue")).status).toBe(400);
  });

  it("makes one record of a purchase retried with its Idempotency-Key, and refuses the key with another body (409)", async () => {
    const customer = randomUUID();
    await relationshipWith(runtime, partnerA, customer);
    const key = { "idempotency-key": `order-${randomUUID()}` };

    const first = await recordAs(runtime, tokenA, customer, purchaseBody(), key);
    const retry = await recordAs(runtime, tokenA, customer, purchaseBody(), key);
    const other = await recordAs(runtime, tokenA, customer, purchaseBody({ quantity: 9 }), key);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(other.status).toBe(409);
    expect((other.body.errors ?? []).map((error) => error.field)).toEqual(["Idempotency-Key"]);
    expect((await listAs(runtime, tokenA, customer)).body.value.map((purchase) => purchase.id)).toEqual([
      first.body.id
    ]);
  });

  it("pages with signed tokens bound to the partner, the customer and the view: a token from before sharing changed is a 400", async () => {
    const customer = randomUUID();
    await relationshipWith(runtime, partnerA, customer);
    await relationshipWith(runtime, partnerB, customer);
    for (const day of ["01", "02", "03"])
      await recordAs(
        runtime,
        tokenA,
        customer,
        purchaseBody({ product: `Order ${day}`, purchaseDate: `2026-06-${day}` })
      );

    const firstPage = await listAs(runtime, tokenA, customer, "?$top=2");
    const nextLink = firstPage.body["@odata.nextLink"] as string;
    expect(firstPage.body.value.map((purchase) => purchase.product)).toEqual(["Order 03", "Order 02"]);
    expect(nextLink).toMatch(new RegExp(`^/api/partner/customers/${customer}/purchases\\?`));
    const secondPage = await call<{ value: { product: string }[]; "@odata.nextLink"?: string }>(
      runtime,
      "GET",
      nextLink,
      { token: tokenA }
    );
    expect(secondPage.body.value.map((purchase) => purchase.product)).toEqual(["Order 01"]);
    expect(secondPage.body["@odata.nextLink"]).toBeUndefined();

    // Borrowed by another partner, or kept across a change of the customer's setting: refused, naming the token.
    expect((await call(runtime, "GET", nextLink, { token: tokenB })).status).toBe(400);
    await setSharing(runtime, await customerToken(runtime, customer, [roles.globalAdministrator]), true);
    const afterChange = await call<{ errors: { field: string }[] }>(runtime, "GET", nextLink, { token: tokenA });
    expect(afterChange.status).toBe(400);
    expect(afterChange.body.errors.map((error) => error.field)).toEqual(["$skiptoken"]);

    const customerPage = await call<{ value: unknown[]; "@odata.nextLink"?: string }>(
      runtime,
      "GET",
      "/api/customer/purchases?$top=2",
      { token: await customerToken(runtime, customer, [roles.billingAdministrator]) }
    );
    expect(customerPage.body["@odata.nextLink"]).toMatch(/^\/api\/customer\/purchases\?/);
    const otherCustomer = await customerToken(runtime, randomUUID(), [roles.billingAdministrator]);
    expect(
      (await call(runtime, "GET", customerPage.body["@odata.nextLink"] as string, { token: otherCustomer })).status
    ).toBe(400);
  });

  it("refuses records past the partner's daily limit with 429 naming the limit, and writes none of them", async () => {
    const customer = randomUUID();
    await relationshipWith(runtime, partnerB, customer);
    const statuses: number[] = [];
    let refusal: { status: number; body: { limit?: string }; headers: Headers } | undefined;
    const refused = (response: { status: number; body: unknown; headers: Headers }) => ({
      ...response,
      body: response.body as { limit?: string }
    });
    for (let n = 0; n < 14 && !refusal; n += 1) {
      const response = await recordAs(runtime, tokenB, customer, purchaseBody({ product: `Order ${n}` }));
      statuses.push(response.status);
      if (response.status === 429) refusal = refused(response);
    }
    expect(refusal?.body.limit).toBe("purchasesPerPartnerPerDay");
    expect(Number(refusal?.headers.get("retry-after"))).toBeGreaterThan(0);
    const recorded = statuses.filter((status) => status === 201).length;
    expect((await listAs(runtime, tokenB, customer)).body.value).toHaveLength(recorded);
  });

  it("writes the audit record a crash left owed when the outbox timer runs, once", async () => {
    const customer = randomUUID();
    const owedSince = new Date(Date.now() - 10 * 60_000).toISOString();
    const change = {
      sequence: 1,
      enabled: true,
      changedDateTime: owedSince,
      changedBy: { tenantId: customer, userId: "crashed-user", displayName: "Casey Crash" }
    };
    // What a crash between the setting's write and its audit record leaves behind.
    const { client, container } = tenantsContainer(runtime);
    try {
      await container.items.create({
        id: "mpsa-purchase-sharing",
        kind: "mpsaPurchaseSharing",
        tenantId: customer,
        enabled: true,
        version: 1,
        changes: [change],
        pendingAudit: [change],
        pendingAuditSince: owedSince
      });
    } finally {
      client.dispose();
    }
    expect(await sharingAuditOf(runtime, customer)).toEqual([]);

    for (let run = 0; run < 2; run += 1)
      expect((await call(runtime, "POST", "/admin/functions/timerOutbox", { body: { input: null } })).status).toBe(202);

    await expect
      .poll(
        async () =>
          (await sharingAuditOf(runtime, customer)).map((record) => [
            record.sequence,
            record.action,
            record.actor.displayName
          ]),
        { timeout: 10_000 }
      )
      .toEqual([[1, "purchaseSharingEnabled", "Casey Crash"]]);
    const billing = await customerToken(runtime, customer, [roles.billingAdministrator]);
    const setting = await call<Sharing>(runtime, "GET", "/api/customer/mpsa-purchase-sharing", { token: billing });
    expect(setting.body).toMatchObject({
      enabled: true,
      changes: [{ enabled: true, changedBy: { displayName: "Casey Crash" } }]
    });
    expect(setting.text).not.toContain("pendingAudit");
  });
});
