import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  customerGlobalAdmin,
  demoPartnerTenants,
  gdapInvitation,
  newAdminEmail,
  partnerAdmin,
  tokenFor,
  tokenOfLink
} from "../../helpers/api";
import { queueConsumersDisabled, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

describe("racing changes to one relationship", () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ env: queueConsumersDisabled });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("lets exactly one of accept and cancel win, 50 rounds in a row; the one that loses a race gets 409 or 412", async () => {
    const partnerToken = await tokenFor(runtime, partnerAdmin(demoPartnerTenants[0]));
    const { version } = (await call<{ version: string }>(runtime, "GET", "/api/agreement")).body;
    const tally = { accepted: 0, cancelled: 0, races: 0 };
    for (let round = 0; round < 50; round += 1) {
      const customer = randomUUID();
      const customerToken = await tokenFor(runtime, customerGlobalAdmin(customer));
      const created = await call<{ id: string; invitationLink: string }>(runtime, "POST", "/api/relationships", {
        token: partnerToken,
        body: gdapInvitation({ customer: { adminEmail: newAdminEmail(), tenantId: customer } })
      });
      const etag = created.headers.get("etag") as string;
      // A little jitter on one side, so that either request may reach the store first.
      const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 12));
      const [accept, cancel] = await Promise.all([
        call(runtime, "POST", `/api/invitations/${tokenOfLink(created.body.invitationLink)}/accept`, {
          token: customerToken,
          body: { agreementVersion: version, acknowledged: true }
        }),
        jitter().then(() =>
          call(runtime, "DELETE", `/api/relationships/${created.body.id}`, {
            token: partnerToken,
            headers: { "if-match": etag }
          })
        )
      ]);
      const winners = [accept.status === 200, cancel.status === 204].filter(Boolean).length;
      expect(winners, `round ${round}: accept ${accept.status}, cancel ${cancel.status}`).toBe(1);
      if (accept.status === 200) {
        // The cancel raced the accept and lost: its If-Match is stale (412) or the invitation is no longer pending (409).
        expect([409, 412]).toContain(cancel.status);
        tally.races += 1;
      } else if (accept.status === 404) {
        // The cancel had finished before the accept looked the link up: a withdrawn link, the same 404 as any unusable one.
        expect(cancel.status).toBe(204);
      } else {
        expect([409, 412]).toContain(accept.status);
        tally.races += 1;
      }
      const final = await call<{ status: string }>(runtime, "GET", `/api/relationships/${created.body.id}`, {
        token: partnerToken
      });
      expect(final.body.status).toBe(accept.status === 200 ? "approved" : "cancelled");
      if (accept.status === 200) tally.accepted += 1;
      else tally.cancelled += 1;
    }
    expect(tally.accepted + tally.cancelled).toBe(50);
    // Most rounds must be real races (both requests saw the pending invitation), or the test would prove little.
    expect(tally.races).toBeGreaterThanOrEqual(10);
  });
});
