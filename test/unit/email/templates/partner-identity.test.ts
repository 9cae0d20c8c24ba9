import { describe, expect, it } from "vitest";
import { renderExpiredNotice, renderExpiryNotice } from "../../../../shared/email/templates/expiry-notice";
import { renderExtensionNotice } from "../../../../shared/email/templates/extension-notice";
import { renderInvitationEmail } from "../../../../shared/email/templates/invitation";
import type { RenderedEmail } from "../../../../shared/email/templates/layout";
import type { SummarisedRelationship } from "../../../../shared/email/templates/relationship-summary";
import { renderTerminationNotice } from "../../../../shared/email/templates/termination-notice";

const partnerTenant = "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01";
const attack = `<img src=x onerror=alert(1)>`;

function relationship(partner: SummarisedRelationship["partner"]): SummarisedRelationship & { endDateTime: string } {
  return {
    id: "r-1",
    displayName: "Managed services",
    partnerType: "partnerWithGdap",
    partner,
    customer: { tenantId: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01", adminEmail: "admin@customer.example" },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" }] },
    duration: "P365D",
    autoExtendDuration: "PT0S",
    endDateTime: "2027-03-01T10:00:00.000Z",
    termination: { requestedBy: "partner", requestedDateTime: "2027-02-01T10:00:00.000Z" }
  };
}

const verified = relationship({
  tenantId: partnerTenant,
  displayName: "Contoso",
  legalName: "Contoso Cloud Partners Ltd",
  verifiedDomain: "contoso-partners.example"
});

/** Every email a customer reads that names the partner. */
function customerEmails(
  r: SummarisedRelationship & { endDateTime: string }
): Record<"invitation" | "expiry" | "expired" | "extension" | "termination", RenderedEmail> {
  return {
    invitation: renderInvitationEmail({
      relationship: r,
      invitationExpiresDateTime: "2027-02-27T09:30:00.000Z",
      link: "https://partners.example/invitations/abc"
    }),
    expiry: renderExpiryNotice({ relationship: r, audience: "customer", daysLeft: 7 }),
    expired: renderExpiredNotice({ relationship: r, audience: "customer" }),
    extension: renderExtensionNotice({ relationship: r, audience: "customer" }),
    termination: renderTerminationNotice({ relationship: r, audience: "customer" })
  };
}

describe("who the partner is, in every email a customer reads", () => {
  it("gives the legal name, verified domain and tenant id beside the display name", () => {
    for (const [name, email] of Object.entries(customerEmails(verified))) {
      expect({ name, text: email.text }).toEqual({
        name,
        text: expect.stringContaining(
          `Partner: Contoso\nPartner's legal name: Contoso Cloud Partners Ltd\nPartner's verified domain: contoso-partners.example\nPartner's tenant id: ${partnerTenant}`
        )
      });
      expect(email.html).toContain("Contoso Cloud Partners Ltd");
    }
  });

  it("escapes them in the HTML part", () => {
    const hostile = relationship({
      tenantId: partnerTenant,
      displayName: attack,
      legalName: attack,
      verifiedDomain: "contoso.example"
    });
    for (const email of Object.values(customerEmails(hostile))) {
      expect(email.html).not.toContain(attack);
      expect(email.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    }
  });

  it("says when a relationship predates verification instead of leaving the rows out", () => {
    const older = customerEmails(relationship({ tenantId: partnerTenant, displayName: "Contoso" })).invitation;
    expect(older.text).toContain("Partner's legal name: not recorded");
    expect(older.text).toContain(`Partner's tenant id: ${partnerTenant}`);
  });
});
