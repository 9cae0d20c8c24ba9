import { describe, expect, it } from "vitest";
import { addDays } from "../../../shared/domain/iso-duration";
import { withDueDate } from "../../../shared/relationships/due-date";
import type { StoredRelationship } from "../../../shared/relationships/relationship-document";
import { invitationExpiryChange, relationshipDateChange } from "../../../shared/timers/due-changes";

const globalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
const helpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const end = "2027-06-30T00:00:00.000Z";
const daysBeforeEnd = (days: number) => addDays(end, -days);

function relationship(overrides: Partial<StoredRelationship> = {}): StoredRelationship {
  return withDueDate({
    id: "rel-1",
    partnerTenantId: "partner-1",
    displayName: "Managed services",
    uniqueName: "managed services",
    partnerType: "partnerWithGdap",
    partner: { tenantId: "partner-1", displayName: "Partner" },
    customer: { tenantId: "customer-1", adminEmail: "admin@customer.example" },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdeskAdministrator }] },
    duration: "P365D",
    autoExtendDuration: "PT0S",
    status: "active",
    createdDateTime: "2026-06-01T00:00:00.000Z",
    lastModifiedDateTime: "2026-06-30T00:00:00.000Z",
    activatedDateTime: "2026-06-30T00:00:00.000Z",
    endDateTime: end,
    invitation: { nonce: "n", tokenHash: "h", expiresDateTime: "2026-08-30T00:00:00.000Z", sendCount: 1 },
    version: 3,
    outbox: [],
    ...overrides
  });
}

const notices = (change: ReturnType<typeof relationshipDateChange>) =>
  (change?.publish ?? []).flatMap((message) => (message.kind === "relationshipNotice" ? [message.notice] : []));

describe("invitationExpiryChange", () => {
  const pending = relationship({ status: "approvalPending", endDateTime: undefined, activatedDateTime: undefined });

  it("leaves an invitation alone before its 90 days are up", () => {
    expect(invitationExpiryChange(pending, new Date("2026-08-29T23:59:59.999Z"))).toBeUndefined();
  });

  it("expires it at its expiry, freeing the display name and leaving nothing due", () => {
    const change = invitationExpiryChange(pending, new Date("2026-08-30T00:00:00.000Z"));
    expect(change).toMatchObject({ action: "invitationExpired", actor: { kind: "system" } });
    expect(change?.document.status).toBe("expired");
    expect(change?.document.uniqueName).toBe("managed services#rel-1");
    expect(withDueDate(change?.document as StoredRelationship).dueDateTime).toBeUndefined();
    expect(change?.publish ?? []).toEqual([]);
  });

  it("does nothing to an invitation that was accepted, declined or cancelled meanwhile", () => {
    for (const status of ["approved", "declined", "cancelled", "expired"] as const) {
      expect(invitationExpiryChange({ ...pending, status }, new Date("2027-01-01T00:00:00.000Z"))).toBeUndefined();
    }
  });
});

describe("relationshipDateChange: before the end", () => {
  it("does nothing more than 30 days before the end", () => {
    expect(relationshipDateChange(relationship(), daysBeforeEnd(31))).toBeUndefined();
  });

  it("sends the 30-day notice and enters the expiring window at 30 days, recording the notice as sent", () => {
    const change = relationshipDateChange(relationship(), daysBeforeEnd(30));
    expect(change?.action).toBe("enteredExpiringWindow");
    expect(change?.document.status).toBe("expiring");
    expect(change?.document.expiryNoticesSent).toEqual([30]);
    expect(notices(change)).toEqual(["expiry30"]);
    expect(withDueDate(change?.document as StoredRelationship).dueDateTime).toBe(daysBeforeEnd(7).toISOString());
  });

  it("sends the 7-day and 1-day notices once each", () => {
    const at7 = relationshipDateChange(relationship({ status: "expiring", expiryNoticesSent: [30] }), daysBeforeEnd(7));
    expect(at7?.action).toBe("expiryNoticeSent");
    expect(notices(at7)).toEqual(["expiry7"]);
    expect(at7?.document.expiryNoticesSent).toEqual([30, 7]);
    expect(relationshipDateChange(at7?.document as StoredRelationship, daysBeforeEnd(6))).toBeUndefined();
    const at1 = relationshipDateChange(at7?.document as StoredRelationship, daysBeforeEnd(1));
    expect(notices(at1)).toEqual(["expiry1"]);
    expect(at1?.document.expiryNoticesSent).toEqual([30, 7, 1]);
    expect(relationshipDateChange(at1?.document as StoredRelationship, addDays(end, -0.5))).toBeUndefined();
    expect(withDueDate(at1?.document as StoredRelationship).dueDateTime).toBe(end);
  });

  it("sends only the most urgent notice after a stopped timer, and counts the skipped one as done so it is not due again", () => {
    const change = relationshipDateChange(relationship(), daysBeforeEnd(5));
    expect(notices(change)).toEqual(["expiry7"]);
    expect(change?.document.status).toBe("expiring");
    expect(change?.document.expiryNoticesSent).toEqual([30, 7]);
    expect(withDueDate(change?.document as StoredRelationship).dueDateTime).toBe(daysBeforeEnd(1).toISOString());
  });

  it("enters the expiring window without a second notice when the 30-day one already went out", () => {
    const change = relationshipDateChange(relationship({ expiryNoticesSent: [30] }), daysBeforeEnd(29));
    expect(change?.document.status).toBe("expiring");
    expect(change?.publish ?? []).toEqual([]);
  });

  it("does nothing to relationships the queues carry forward or that have ended", () => {
    for (const status of [
      "approvalPending",
      "approved",
      "activating",
      "terminationRequested",
      "terminating",
      "terminated",
      "expired"
    ] as const) {
      expect(relationshipDateChange(relationship({ status }), addDays(end, 1))).toBeUndefined();
    }
  });
});

describe("relationshipDateChange: at the end", () => {
  it("expires without auto-extend: grants revoked for reason expired, the day-0 notice, nothing due any more", () => {
    const change = relationshipDateChange(
      relationship({ status: "expiring", expiryNoticesSent: [30, 7, 1] }),
      new Date(end)
    );
    expect(change?.action).toBe("expired");
    expect(change?.document.status).toBe("expired");
    expect(change?.document.uniqueName).toBe("managed services#rel-1");
    const [operation] = change?.document.operations ?? [];
    expect(operation).toMatchObject({
      operationType: "delegatedAdminRelationshipUpdate",
      status: "notStarted",
      subject: { kind: "relationship", action: "expire" }
    });
    expect(change?.publish).toEqual([
      {
        kind: "revokeGrants",
        partnerTenantId: "partner-1",
        relationshipId: "rel-1",
        reason: "expired",
        operationId: operation?.id
      },
      { kind: "relationshipNotice", partnerTenantId: "partner-1", relationshipId: "rel-1", notice: "expiry0" }
    ]);
    expect(withDueDate(change?.document as StoredRelationship).dueDateTime).toBeUndefined();
  });

  it("extends by 180 days with auto-extend on: active again, notices afresh, grants re-applied, the partner told", () => {
    const change = relationshipDateChange(
      relationship({ status: "expiring", autoExtendDuration: "P180D", expiryNoticesSent: [30, 7, 1] }),
      addDays(end, 0.1)
    );
    expect(change?.action).toBe("autoExtended");
    expect(change?.document.status).toBe("active");
    expect(change?.document.endDateTime).toBe(addDays(end, 180).toISOString());
    expect(change?.document.expiryNoticesSent).toEqual([]);
    expect(change?.publish).toEqual([
      { kind: "applyGrants", partnerTenantId: "partner-1", relationshipId: "rel-1" },
      { kind: "relationshipNotice", partnerTenantId: "partner-1", relationshipId: "rel-1", notice: "extended" }
    ]);
    expect(withDueDate(change?.document as StoredRelationship).dueDateTime).toBe(addDays(end, 150).toISOString());
  });

  it("decides an auto-extension in the hour before the end, so the grants carry the new end before the old one passes", () => {
    const extending = relationship({ status: "expiring", autoExtendDuration: "P180D", expiryNoticesSent: [30, 7, 1] });
    expect(withDueDate(extending).dueDateTime).toBe(new Date(new Date(end).getTime() - 60 * 60_000).toISOString());
    expect(relationshipDateChange(extending, new Date(new Date(end).getTime() - 61 * 60_000))).toBeUndefined();
    const change = relationshipDateChange(extending, new Date(new Date(end).getTime() - 30 * 60_000));
    expect(change?.action).toBe("autoExtended");
    // Computed from the old end, not from now: the extension costs the customer no time.
    expect(change?.document.endDateTime).toBe(addDays(end, 180).toISOString());
  });

  it("expires a relationship without auto-extend at its end, not in the hour before it", () => {
    const ending = relationship({ status: "expiring", expiryNoticesSent: [30, 7, 1] });
    expect(withDueDate(ending).dueDateTime).toBe(end);
    expect(relationshipDateChange(ending, new Date(new Date(end).getTime() - 30 * 60_000))).toBeUndefined();
    expect(relationshipDateChange(ending, new Date(end))?.document.status).toBe("expired");
  });

  it("never extends a relationship that includes Global Administrator, even with auto-extend set", () => {
    const withGlobalAdmin = relationship({
      autoExtendDuration: "P180D",
      accessDetails: {
        unifiedRoles: [
          { roleDefinitionId: helpdeskAdministrator },
          { roleDefinitionId: globalAdministrator.toUpperCase() }
        ]
      }
    });
    const change = relationshipDateChange(withGlobalAdmin, new Date(end));
    expect(change?.document.status).toBe("expired");
    expect(change?.publish?.[0]).toMatchObject({ kind: "revokeGrants", reason: "expired" });
  });
});
