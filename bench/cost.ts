/**
 * `node dist/bench/cost.js`: the Cosmos DB requests each operation makes, counted where they arrive — at the embedded
 * Cosmos DB server, by kind (point read, query page, create, replace, patch, upsert, batch…) and by container — with
 * everything the operation sets off asynchronously (the invitation email, the grants, an assignment's application,
 * the outbox) counted to the operation that caused it: each is measured from a quiet runtime to a quiet runtime.
 * The runtime runs as `npm start` runs it, with dist/bench/cosmos-counter.js preloaded and its timers manual, so
 * nothing but the operation talks to Cosmos DB. The whole story runs twice and the second pass is printed: the first
 * warms the SDK's caches (container and partition metadata), as a long-running instance has them.
 *
 * The local server answers every request with `x-ms-request-charge: 1`, whatever it did, so the request units shown
 * are Azure's typical charges per kind (see BENCHMARKS.md), not measured ones.
 *
 * Settings: BENCH_GROWTH (default 0): before the measured pass, store that many copies of everything the first pass
 * stored (relationships, grants, audit records, indexes), under other partners and customers, so the figures can be
 * compared with and without 10× the data.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { CosmosCounts } from "./cosmos-counter";
import { CosmosCountReader, countsDifference } from "./cosmos-count-reader";
import { currentAgreement } from "../shared/domain/agreement";
import { storeCopies } from "./cost-growth";
import { startBenchRuntime, type Ready } from "./pipeline";
import { reportFigure } from "./figures";

const partnerTenantId = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
const roles = ["729827e3-9c14-49f7-bb1b-9608f156bbb8", "fe930be7-5e62-47db-91af-98c3a49a38b1"];
const agreementVersion = currentAgreement.version;
const growth = Number(process.env.BENCH_GROWTH ?? 0);

interface Measurement {
  readonly name: string;
  readonly total: number;
  readonly byKind: Record<string, number>;
  readonly byContainer: Record<string, number>;
  readonly byContainerKind: Record<string, number>;
}

type Caller = (
  method: string,
  path: string,
  token: string,
  body?: unknown
) => Promise<{ status: number; body: Record<string, unknown> }>;

function callerFor(ready: Ready): Caller {
  return async (method, path, token, body) => {
    const response = await fetch(`${ready.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
}

async function token(ready: Ready, claims: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${ready.url}/dev/issuer/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId: randomUUID(), ...claims })
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

function expect(what: string, response: { status: number; body: unknown }, status: number): void {
  if (response.status !== status)
    throw new Error(`${what} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
}

/** Runs the story once; `measure` wraps each operation. */
const createToEmailGoal = 4;

async function story(ready: Ready, measure: (name: string, run: () => Promise<void>) => Promise<void>): Promise<void> {
  const call = callerFor(ready);
  const partner = await token(ready, { tenantId: partnerTenantId, roles: ["Partner.Admin"], name: "Bench partner" });
  const platform = await token(ready, { tenantId: randomUUID(), roles: ["Access.Check"] });
  const invitation = (customerTenantId: string, duration = "P365D") => ({
    partnerType: "partnerWithGdap",
    displayName: `cost ${randomUUID().slice(0, 8)}`,
    customer: { adminEmail: `cost-${randomUUID().slice(0, 8)}@customer.example`, tenantId: customerTenantId },
    accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
    duration,
    autoExtendDuration: "PT0S"
  });
  const linkToken = (body: Record<string, unknown>) =>
    String(body.invitationLink).slice(String(body.invitationLink).lastIndexOf("/") + 1);
  const graphPath = "/v1.0/tenantRelationships/delegatedAdminRelationships";

  const customerA = randomUUID();
  let created: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  await measure("create (POST /api/relationships, create + lock) → invitation email", async () => {
    created = await call("POST", "/api/relationships", partner, invitation(customerA));
    expect("create", created, 201);
  });
  const idA = String(created.body.id);

  let draft: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  await measure("create (Graph POST, a draft)", async () => {
    const { partnerType: _type, ...body } = invitation(randomUUID());
    draft = await call("POST", graphPath, partner, body);
    expect("Graph create", draft, 201);
  });
  await measure("lockForApproval (Graph request) → invitation email", async () => {
    expect(
      "lock",
      await call("POST", `${graphPath}/${String(draft.body.id)}/requests`, partner, { action: "lockForApproval" }),
      201
    );
  });

  const customerToken = await token(ready, {
    tenantId: customerA,
    wids: ["62e90394-69f5-4237-9190-012177145e10"],
    name: "Customer GA"
  });
  await measure("accept → activation with its grants (2 roles)", async () => {
    expect(
      "accept",
      await call("POST", `/api/invitations/${linkToken(created.body)}/accept`, customerToken, {
        agreementVersion,
        acknowledged: true
      }),
      200
    );
  });
  await waitForActive(call, partner, idA);
  await measure("access assignment: create → its application", async () => {
    const group = randomUUID();
    const body = {
      accessContainer: { accessContainerId: group, accessContainerType: "securityGroup" },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: roles[0] }] }
    };
    expect("assignment", await call("POST", `/api/relationships/${idA}/accessAssignments`, partner, body), 201);
  });
  await measure("access check (GET /api/access)", async () => {
    const query = new URLSearchParams({
      partnerTenantId,
      customerTenantId: customerA,
      roleDefinitionId: String(roles[0])
    });
    const answer = await call("GET", `/api/access?${query.toString()}`, platform);
    expect("access check", answer, 200);
    if (answer.body.allowed !== true) throw new Error(`access check: ${JSON.stringify(answer.body)}`);
  });
  await measure("list page: partner (GET /api/relationships)", async () =>
    expect("list", await call("GET", "/api/relationships", partner), 200)
  );
  await measure("list page: Graph (GET delegatedAdminRelationships)", async () =>
    expect("list", await call("GET", graphPath, partner), 200)
  );
  await measure("list page: customer (GET /api/customer/relationships)", async () =>
    expect("list", await call("GET", "/api/customer/relationships", customerToken), 200)
  );
  await measure("list page: directory (GET /api/partners)", async () =>
    expect("list", await call("GET", "/api/partners", partner), 200)
  );
  await measure("list page: assignments (GET …/accessAssignments)", async () =>
    expect("list", await call("GET", `/api/relationships/${idA}/accessAssignments`, partner), 200)
  );
  await measure("list page: operations (GET …/operations)", async () =>
    expect("list", await call("GET", `/api/relationships/${idA}/operations`, partner), 200)
  );
  await measure("remove roles (customer) → grants revoked", async () => {
    expect("remove roles", await call("POST", `/api/customer/relationships/${idA}/remove-roles`, customerToken), 200);
  });

  // Two more active relationships for the same customer: one the partner terminates, one that expires.
  const activeOne = async (duration: string) => {
    const made = await call("POST", "/api/relationships", partner, invitation(customerA, duration));
    expect("create", made, 201);
    expect(
      "accept",
      await call("POST", `/api/invitations/${linkToken(made.body)}/accept`, customerToken, {
        agreementVersion,
        acknowledged: true
      }),
      200
    );
    await waitForActive(call, partner, String(made.body.id));
    return String(made.body.id);
  };
  const toTerminate = await activeOne("P365D");
  await activeOne("P1D"); // ends a day later: the expiry below
  await measure("terminate (partner) → grants revoked", async () => {
    expect("terminate", await call("POST", `/api/relationships/${toTerminate}/terminate`, partner), 202);
  });
  await post(`${ready.url}/dev/clock`, { advanceDays: 2 });
  await measure("one expiry (timerRelationshipDates with one relationship due)", async () => {
    const response = await post(`${ready.url}/admin/functions/timerRelationshipDates`, { input: "" });
    if (response !== 202) throw new Error(`timer answered ${response}`);
  });
  // Back to today, so the next pass meets the limit windows this one opened, as requests an hour apart would.
  await post(`${ready.url}/dev/clock`, { reset: true });
}

async function waitForActive(call: Caller, partner: string, id: string): Promise<void> {
  for (let n = 0; n < 200; n += 1) {
    if ((await call("GET", `/api/relationships/${id}`, partner)).body.status === "active") return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  throw new Error(`relationship ${id} did not become active`);
}

async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body)
  });
  await response.arrayBuffer();
  return response.status;
}

function measurement(name: string, before: CosmosCounts, after: CosmosCounts): Measurement {
  return {
    name,
    total: after.total - before.total,
    byKind: countsDifference(after, before, "byKind"),
    byContainer: countsDifference(after, before, "byContainer"),
    byContainerKind: countsDifference(after, before, "byContainerKind")
  };
}

const listed = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, count]) => `${count} ${name}`)
    .join(", ");

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-cost-"));
  const countsFile = join(mkdtempSync(join(tmpdir(), "bench-cost-counts-")), "cosmos.json");
  const { child, ready } = await startBenchRuntime(dataDir, {
    nodeArgs: ["--require", resolve(__dirname, "cosmos-counter.js")],
    env: { BENCH_COSMOS_COUNTS: countsFile },
    args: ["--timers", "manual"]
  });
  const counter = new CosmosCountReader(child, countsFile);
  try {
    // Each operation's asynchronous work ends before the next starts here too (the expiry's timer run above all).
    await story(ready, async (_name, run) => {
      await run();
      await counter.settled();
    });
    if (growth > 0)
      console.log(
        `stored ${await storeCopies(ready, growth)} more documents (${growth} copies of the first pass's, under other tenants)`
      );
    const results: Measurement[] = [];
    await story(ready, async (name, run) => {
      const before = await counter.settled();
      await run();
      results.push(measurement(name, before, await counter.settled()));
    });
    console.log(`bench:cost  Cosmos DB requests per operation, counted at the server (second pass; growth ${growth}x)`);
    for (const result of results) {
      console.log(`${result.name.padEnd(72)} ${String(result.total).padStart(4)}  ${listed(result.byKind)}`);
      console.log(`${"".padEnd(72)}       by container: ${listed(result.byContainerKind)}`);
    }
    // The goal for the invitation pipeline: create → email in at most 4 requests.
    const createToEmail = results.find((result) => result.name.startsWith("create (POST /api/relationships"));
    if (createToEmail)
      reportFigure(
        {
          bench: "cost",
          figure: "create → email requests, goal/product",
          unit: "requests",
          product: createToEmail.total,
          floor: createToEmailGoal,
          ratio: createToEmailGoal / createToEmail.total
        },
        1
      );
  } finally {
    child.kill("SIGINT");
    await new Promise((resolveExit) => child.once("exit", resolveExit));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
