import { afterAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants } from "../../helpers/api";
import { newDataDir, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { batchesPath, customers, isFinished, newTemplate, readBatch, waitForBatch, type Batch } from "./bulk-kit";
import { mailbox, partnerToken, sleep } from "./emails-kit";

const good = 300;
const badRow = 151;
// One partner sends 300 invitations at once: far past the default hourly limit, so the test raises it (as an
// operator would for a move), through the runtime's environment.
const env = { LIMIT_INVITATIONS_PER_PARTNER_PER_HOUR: "5000", LIMIT_INVITATIONS_PER_PARTNER_PER_DAY: "5000" };

describe("a bulk batch across a crash of the whole runtime", () => {
  const running: LocalRuntime[] = [];
  afterAll(async () => {
    for (const runtime of running) await runtime.stop();
  });

  it("ends with exactly 300 relationships and 300 emails after a SIGKILL halfway and a restart on the same data, the bad row reported", async () => {
    const started = Date.now();
    const dataDir = newDataDir();
    const partnerTenantId = demoPartnerTenants[0];
    const first = await startLocalRuntime({ dataDir, env });
    running.push(first);
    const token = await partnerToken(first, partnerTenantId);
    const template = await newTemplate(first, token);
    const rows: unknown[] = customers(good);
    rows.splice(badRow - 1, 0, { tenantId: "not-a-tenant", adminEmail: "nobody" });

    const submitted = await call<Batch>(first, "POST", batchesPath, {
      token,
      body: { templateId: template.id, customers: rows }
    });
    expect(submitted.status).toBe(202);
    expect(submitted.headers.get("location")).toBe(`${batchesPath}/${submitted.body.id}`);
    expect(submitted.body.counts).toEqual({ total: good + 1, invited: 0, failed: 1, pending: good });
    const batchId = submitted.body.id;

    // Killed once about half the rows are recorded as invited, with the next chunk under way.
    const half = await waitForBatch(first, token, batchId, (batch) => batch.counts.invited >= good / 2, 90_000, 20);
    await sleep(400); // a chunk takes about 2 s here: the kill lands inside the next one
    await first.kill();
    expect(half.counts.pending).toBeGreaterThan(0);

    const second = await startLocalRuntime({ dataDir, env });
    running.push(second);
    const token2 = await partnerToken(second, partnerTenantId);
    // The step message locked at the kill is delivered again at once. What the outbox timer finishes (an
    // invitation email whose send the kill cut off) it does once its grace period is over: move the product clock
    // past it and run the timer now and then instead of waiting a minute.
    await fetch(`${second.url}/dev/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceMs: 120_000 })
    });
    const finished = await waitForBatch(second, token2, batchId, isFinished, 120_000, 250);
    expect(finished.status).toBe("completedWithErrors");
    expect(finished.counts).toEqual({ total: good + 1, invited: good, failed: 1, pending: 0 });
    expect(finished.results[badRow - 1]).toMatchObject({
      row: badRow,
      outcome: "failed",
      error: { code: "invalidRow" }
    });
    expect(finished.results[badRow - 1]?.error?.message).toContain("tenantId");

    // Exactly one relationship per good row: the ones the batch names, and no others.
    const relationshipIds = finished.results
      .filter((row) => row.outcome === "invited")
      .map((row) => row.relationshipId);
    expect(new Set(relationshipIds).size).toBe(good);
    const listed = await allRelationships(second, token2);
    expect(
      listed
        .filter((r) => r.displayName.startsWith(template.displayName))
        .map((r) => r.id)
        .sort()
    ).toEqual([...relationshipIds].sort());
    expect(listed).toHaveLength(good);

    // Exactly one email per relationship (the subject ends with its name).
    const names = finished.results.filter((row) => row.outcome === "invited").map((row) => row.displayName);
    const counts = async () => countBySubject(await mailbox(second), template.displayName);
    const deadline = Date.now() + 60_000;
    let latest = await counts();
    while (Date.now() < deadline && !names.every((name) => latest.get(name) === 1)) {
      await fetch(`${second.url}/admin/functions/timerOutbox`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}"
      });
      await sleep(1_000);
      latest = await counts();
    }
    expect({
      missing: names.filter((name) => !latest.has(name)),
      duplicated: [...latest].filter(([, n]) => n > 1)
    }).toEqual({ missing: [], duplicated: [] });
    expect([...latest.values()].reduce((sum, n) => sum + n, 0)).toBe(good);
    await sleep(1_500);
    expect([...(await counts()).values()].reduce((sum, n) => sum + n, 0)).toBe(good);
    expect((await readBatch(second, token2, batchId)).counts.invited).toBe(good);
    const redone = /made by an earlier delivery/.exec(second.output())?.[0]
      ? second.output().match(/\((\d+) made by an earlier delivery\)/)?.[1]
      : "0";
    console.log(
      `bulk crash test: ${good + 1} rows, killed at ${half.counts.invited} invited; after the restart ${redone} row(s) were found already made; done in ${((Date.now() - started) / 1000).toFixed(1)} s`
    );
  }, 240_000);
});

async function allRelationships(runtime: LocalRuntime, token: string): Promise<{ id: string; displayName: string }[]> {
  const found: { id: string; displayName: string }[] = [];
  let path: string | undefined = "/api/relationships?$top=300";
  while (path) {
    const page: { body: { value: { id: string; displayName: string }[]; "@odata.nextLink"?: string } } = await call(
      runtime,
      "GET",
      path,
      { token }
    );
    found.push(...page.body.value);
    path = page.body["@odata.nextLink"];
  }
  return found;
}

function countBySubject(mails: readonly { subject: string }[], prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of mails) {
    const name = mail.subject.slice(mail.subject.lastIndexOf(": ") + 2);
    if (name.startsWith(prefix)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}
