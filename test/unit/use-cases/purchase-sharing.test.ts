import { beforeEach, describe, expect, it } from "vitest";
import type { Principal } from "../../../shared/auth/principal";
import {
  billingAdministratorRoleId,
  globalAdministratorRoleId,
  helpdeskAdministratorRoleId
} from "../../../shared/domain/roles";
import { ForbiddenError, PreconditionFailedError } from "../../../shared/errors";
import { sharingChangesKept } from "../../../shared/purchases/purchase-sharing";
import {
  changePurchaseSharing,
  finishOwedSharingAudits,
  isPurchaseSharingEnabled,
  readPurchaseSharing,
  sharingAuditGraceMs
} from "../../../shared/use-cases/purchase-sharing";
import { TestClock } from "../../support/in-memory/clock";
import { InMemorySharing } from "../../support/in-memory/purchase-stores";

const customer = "c0ffee00-0000-4000-8000-000000000001";
const admin = (wids: string[], name = "Bea Billing"): Principal => ({
  tenantId: customer,
  userId: `user-${name}`,
  displayName: name,
  directoryRoles: wids,
  appRoles: []
});
const billing = admin([billingAdministratorRoleId]);
const global = admin([globalAdministratorRoleId], "Gil Global");

async function rejection(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error
  );
}

describe("the MPSA purchase-sharing setting", () => {
  let ports: { purchaseSharing: InMemorySharing; clock: TestClock };
  beforeEach(() => {
    ports = { purchaseSharing: new InMemorySharing(), clock: new TestClock() };
  });

  it("is off for a tenant that never set it, and reading it writes nothing", async () => {
    expect(await readPurchaseSharing(ports, billing)).toEqual({
      tenantId: customer,
      enabled: false,
      etag: "v0",
      changes: []
    });
    expect(await isPurchaseSharingEnabled(ports, customer)).toBe(false);
    expect(ports.purchaseSharing.saves).toBe(0);
  });

  it("records each change with who and when, audits each once, and keeps no debt once audited", async () => {
    const on = await changePurchaseSharing(ports, billing, true);
    ports.clock.advanceMinutes(5);
    const off = await changePurchaseSharing(ports, global, false);

    expect(on).toMatchObject({ changed: true, view: { enabled: true, etag: "v1" } });
    expect(off.view).toMatchObject({ enabled: false, etag: "v2" });
    expect(
      off.view.changes.map((change) => [change.enabled, change.changedBy.displayName, change.changedDateTime])
    ).toEqual([
      [false, "Gil Global", "2027-03-01T09:05:00.000Z"],
      [true, "Bea Billing", "2027-03-01T09:00:00.000Z"]
    ]);
    expect(ports.purchaseSharing.auditOf(customer)).toEqual([
      {
        id: "mpsa-purchase-sharing-change:1",
        kind: "mpsaPurchaseSharingChange",
        tenantId: customer,
        action: "purchaseSharingEnabled",
        sequence: 1,
        at: "2027-03-01T09:00:00.000Z",
        actor: { kind: "customer", tenantId: customer, userId: "user-Bea Billing", displayName: "Bea Billing" }
      },
      {
        id: "mpsa-purchase-sharing-change:2",
        kind: "mpsaPurchaseSharingChange",
        tenantId: customer,
        action: "purchaseSharingDisabled",
        sequence: 2,
        at: "2027-03-01T09:05:00.000Z",
        actor: { kind: "customer", tenantId: customer, userId: "user-Gil Global", displayName: "Gil Global" }
      }
    ]);
    const stored = (await ports.purchaseSharing.get(customer))?.record;
    expect(stored?.pendingAudit).toBeUndefined();
    expect(stored?.pendingAuditSince).toBeUndefined();
  });

  it("writes nothing and audits nothing when asked for the state it is already in", async () => {
    await changePurchaseSharing(ports, billing, true);
    const saves = ports.purchaseSharing.saves;

    const again = await changePurchaseSharing(ports, billing, true);
    const offFromStart = await changePurchaseSharing(
      { ...ports, purchaseSharing: new InMemorySharing() },
      billing,
      false
    );

    expect(again).toMatchObject({ changed: false, view: { enabled: true, etag: "v1" } });
    expect(offFromStart).toMatchObject({ changed: false, view: { enabled: false, etag: "v0" } });
    expect(ports.purchaseSharing.saves).toBe(saves);
    expect(ports.purchaseSharing.auditOf(customer)).toHaveLength(1);
  });

  it("refuses an admin below Billing Administrator with 403 naming the role, and lets any admin read it", async () => {
    const helpdesk = admin([helpdeskAdministratorRoleId], "Hal Helpdesk");
    const refused = await rejection(changePurchaseSharing(ports, helpdesk, true));

    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as ForbiddenError).requiredRole).toEqual({
      id: billingAdministratorRoleId,
      displayName: "Billing Administrator"
    });
    expect(ports.purchaseSharing.saves).toBe(0);
    expect((await readPurchaseSharing(ports, helpdesk)).enabled).toBe(false);
    expect(await rejection(readPurchaseSharing(ports, admin([])))).toBeInstanceOf(ForbiddenError);
  });

  it("refuses a stale If-Match with 412 and changes nothing", async () => {
    const first = await changePurchaseSharing(ports, billing, true, "v0");
    expect(first.view.etag).toBe("v1");

    const stale = await rejection(changePurchaseSharing(ports, global, false, "v0"));

    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect((await readPurchaseSharing(ports, billing)).enabled).toBe(true);
  });

  it("answers a change as made once it is written, even when its audit record cannot be written yet: the timer writes it once after the grace period", async () => {
    ports.purchaseSharing.failAudit = 1;
    const made = await changePurchaseSharing(ports, billing, true);
    // Committed with its debt in the same write: never reported as failed, never lost.
    expect(made).toMatchObject({ changed: true, view: { enabled: true, etag: "v1" } });
    expect((await ports.purchaseSharing.get(customer))?.record).toMatchObject({
      enabled: true,
      pendingAudit: [{ sequence: 1 }],
      pendingAuditSince: "2027-03-01T09:00:00.000Z"
    });
    expect(ports.purchaseSharing.auditOf(customer)).toEqual([]);

    expect(await finishOwedSharingAudits(ports)).toEqual({ found: 0, written: 0 });
    ports.clock.advanceMinutes(sharingAuditGraceMs / 60_000 + 1);
    expect(await finishOwedSharingAudits(ports)).toEqual({ found: 1, written: 1 });
    expect(await finishOwedSharingAudits(ports)).toEqual({ found: 0, written: 0 });

    expect(ports.purchaseSharing.auditOf(customer).map((record) => record.sequence)).toEqual([1]);
    expect((await ports.purchaseSharing.get(customer))?.record.pendingAudit).toBeUndefined();
  });

  it("carries an owed audit record into the next change, which writes both", async () => {
    ports.purchaseSharing.failAudit = 1;
    await changePurchaseSharing(ports, billing, true);

    await changePurchaseSharing(ports, global, false);

    expect(ports.purchaseSharing.auditOf(customer).map((record) => [record.sequence, record.action])).toEqual([
      [1, "purchaseSharingEnabled"],
      [2, "purchaseSharingDisabled"]
    ]);
    expect((await ports.purchaseSharing.get(customer))?.record.pendingAudit).toBeUndefined();
  });

  it("decides a change raced by another admin's again on what is stored: no flip back, each stored change audited once", async () => {
    let raced = false;
    ports.purchaseSharing.beforeSave = async () => {
      if (raced) return;
      raced = true;
      // Another admin turns it on between our read and our write.
      await changePurchaseSharing(ports, global, true);
    };

    const mine = await changePurchaseSharing(ports, billing, true);

    expect(mine.changed).toBe(false);
    expect(ports.purchaseSharing.auditOf(customer).map((record) => record.actor.displayName)).toEqual(["Gil Global"]);
  });

  it("keeps the last 20 changes on the record while the audit trail keeps all", async () => {
    for (let n = 0; n < sharingChangesKept + 5; n += 1) await changePurchaseSharing(ports, billing, n % 2 === 0);
    const view = await readPurchaseSharing(ports, billing);

    expect(view.changes).toHaveLength(sharingChangesKept);
    expect(view.changes[0]?.sequence).toBe(sharingChangesKept + 5);
    expect(ports.purchaseSharing.auditOf(customer)).toHaveLength(sharingChangesKept + 5);
  });
});
