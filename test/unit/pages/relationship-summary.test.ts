import { describe, expect, it } from "vitest";
import type { CustomerRelationship } from "../../../shared/use-cases/customer-relationships";
import { summarize, toStatusJson } from "../../../shared/pages/relationship-summary";

const helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";

function relationship(overrides: Partial<CustomerRelationship> = {}): CustomerRelationship {
  return {
    id: "rel-1",
    partnerTenantId: "p",
    displayName: "Managed services",
    uniqueName: "managed services",
    partnerType: "partnerWithGdap",
    partner: { tenantId: "p", displayName: "Contoso" },
    customer: { tenantId: "c", adminEmail: "a@b.example" },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdesk }] },
    duration: "P365D",
    autoExtendDuration: "PT0S",
    status: "active",
    createdDateTime: "2026-01-01T00:00:00.000Z",
    lastModifiedDateTime: "2026-01-01T00:00:00.000Z",
    activatedDateTime: "2026-01-02T00:00:00.000Z",
    endDateTime: "2027-01-02T00:00:00.000Z",
    invitation: { nonce: "n", tokenHash: "h", expiresDateTime: "2026-04-01T00:00:00.000Z", sendCount: 1 },
    version: 3,
    outbox: [],
    ...overrides
  };
}

describe("summarize", () => {
  it("says status, roles, end date and which actions apply, as the page and the polled JSON show them", () => {
    const summary = summarize(relationship());
    expect(toStatusJson(summary)).toEqual({
      id: "rel-1",
      status: "active",
      statusLabel: "Active",
      statusNote: "",
      // The script draws the Privileged tag again from this when it refreshes the list.
      roles: [
        {
          roleDefinitionId: helpdesk,
          displayName: "Helpdesk Administrator",
          description: expect.any(String),
          privileged: true
        }
      ],
      roleCount: 1,
      endDate: "2 January 2027",
      actions: { removeRoles: true, terminate: true }
    });
    expect(summary.partnerType).toBe("Partner with GDAP access");
  });

  it("offers no Remove roles once they are gone, and notes when they were removed", () => {
    const summary = summarize(
      relationship({
        accessDetails: { unifiedRoles: [] },
        removedRoles: [{ roleDefinitionId: helpdesk }],
        rolesRemovedDateTime: "2026-03-04T10:00:00.000Z"
      })
    );
    expect(summary.actions).toEqual({ removeRoles: false, terminate: true });
    expect(summary.statusNote).toBe(
      "Admin roles removed on 4 March 2026. The partner can still work with you without admin roles."
    );
  });

  it("explains the passing states and offers nothing on a final one", () => {
    expect(summarize(relationship({ status: "activating" })).statusNote).toBe("The partner's roles are being applied.");
    expect(summarize(relationship({ status: "terminating" })).statusNote).toContain("being taken away");
    expect(summarize(relationship({ status: "terminated" })).actions).toEqual({ removeRoles: false, terminate: false });
    expect(
      summarize(
        relationship({
          status: "active",
          lastError: { code: "x", message: "Grant failed", occurredDateTime: "2026-01-01T00:00:00Z" }
        })
      ).statusNote
    ).toBe("A step failed and will be tried again: Grant failed");
  });
});
