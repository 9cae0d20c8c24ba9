import { describe, expect, it } from "vitest";
import { renderContactMeEmail } from "../../../../shared/email/templates/contact-me";
import { renderExpiredNotice, renderExpiryNotice } from "../../../../shared/email/templates/expiry-notice";
import { renderExtensionNotice } from "../../../../shared/email/templates/extension-notice";
import { renderInvitationEmail } from "../../../../shared/email/templates/invitation";
import { renderEmail, type RenderedEmail } from "../../../../shared/email/templates/layout";
import type { SummarisedRelationship } from "../../../../shared/email/templates/relationship-summary";
import { renderTerminationNotice } from "../../../../shared/email/templates/termination-notice";

const helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const userAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const globalAdmin = "62e90394-69f5-4237-9190-012177145e10";
const attack = `<img src=x onerror=alert(1)>`;
const link = "https://partners.example/invitations/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

function relationship(
  overrides: Partial<SummarisedRelationship> = {}
): SummarisedRelationship & { endDateTime: string } {
  return {
    id: "r-1",
    displayName: "Managed services",
    partnerType: "partnerWithGdap",
    partner: { tenantId: "p-1", displayName: "Contoso Cloud Partners" },
    customer: { tenantId: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01", adminEmail: "admin@customer.example" },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: helpdesk }, { roleDefinitionId: userAdmin }] },
    duration: "P365D",
    autoExtendDuration: "PT0S",
    endDateTime: "2027-03-01T10:00:00.000Z",
    ...overrides
  } as SummarisedRelationship & { endDateTime: string };
}

const invitation = (r: SummarisedRelationship = relationship()) =>
  renderInvitationEmail({ relationship: r, invitationExpiresDateTime: "2027-02-27T09:30:00.000Z", link });

/** Markup in the text part that is not part of what users typed. */
function markupOutside(text: string, typed: readonly string[]): boolean {
  let rest = text;
  for (const value of typed) rest = rest.split(value).join("");
  return /<\/?[a-z!]/i.test(rest);
}

describe("invitation email", () => {
  it("names the partner in the subject and, in both parts, the relationship type, every role with its description, the duration, the expiry date and the link", () => {
    const email = invitation();
    expect(email.subject).toBe("Contoso Cloud Partners invites you to a partner relationship: Managed services");
    for (const part of [email.html, email.text]) {
      expect(part).toContain("Contoso Cloud Partners");
      expect(part).toContain("Managed services");
      expect(part).toContain("Partner with GDAP access");
      expect(part).toContain("Helpdesk Administrator");
      expect(part).toContain("User Administrator");
      expect(part).toContain("365 days");
      expect(part).toContain("27 February 2027");
      expect(part).toContain(link);
    }
    expect(email.html).toContain(`href="${link}"`);
    expect(email.text).not.toContain("extended automatically");
  });

  it("lists each role's one-line description from the catalogue", () => {
    const email = invitation();
    expect(email.text).toMatch(/- Helpdesk Administrator: \S.+/);
    expect(email.text).toMatch(/- User Administrator: \S.+/);
  });

  it("says the relationship can be extended automatically by 180 days when auto-extend is P180D", () => {
    const email = invitation(relationship({ autoExtendDuration: "P180D" }));
    expect(email.html).toContain("can be extended automatically by 180 days");
    expect(email.text).toContain("can be extended automatically by 180 days");
  });

  it("says no administrator roles are given when the relationship has none", () => {
    const email = invitation(relationship({ partnerType: "reseller", accessDetails: { unifiedRoles: [] } }));
    expect(email.text).toContain("no administrator roles");
    expect(email.text).toContain("Reseller");
  });

  it("has a plain-text part without any markup", () => {
    const email = invitation(relationship({ autoExtendDuration: "P180D" }));
    expect(markupOutside(email.text, [])).toBe(false);
    expect(email.text).not.toMatch(/&[a-z]+;|&#\d+;/);
  });

  it("escapes the partner's and the relationship's names in the HTML, and never lets them in raw", () => {
    const email = invitation(
      relationship({ displayName: attack, partner: { tenantId: "p-1", displayName: `${attack} & "Co" 'x'` } })
    );
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(email.html).toContain("&amp; &quot;Co&quot; &#39;x&#39;");
    // In the plain-text part they are just text, shown as typed; nothing else there is markup.
    expect(email.text).toContain(attack);
    expect(markupOutside(email.text, [attack])).toBe(false);
  });

  it("keeps the subject on one line whatever the names contain", () => {
    const email = invitation(
      relationship({ partner: { tenantId: "p-1", displayName: "Contoso\r\nBcc: x@evil.example" } })
    );
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});

describe("relationship notices", () => {
  const both = ["partner", "customer"] as const;

  it("says 'ends in N days' and 'ends today', with the end date, to each side", () => {
    for (const audience of both) {
      const seven = renderExpiryNotice({ relationship: relationship(), audience, daysLeft: 7 });
      expect(seven.subject).toContain("ends in 7 days");
      expect(seven.text).toContain("1 March 2027");
      expect(renderExpiryNotice({ relationship: relationship(), audience, daysLeft: 1 }).subject).toContain(
        "ends in 1 day"
      );
      expect(renderExpiryNotice({ relationship: relationship(), audience, daysLeft: 0 }).subject).toContain(
        "ends today"
      );
    }
    expect(renderExpiryNotice({ relationship: relationship(), audience: "customer", daysLeft: 30 }).subject).toContain(
      "Contoso Cloud Partners"
    );
    expect(renderExpiryNotice({ relationship: relationship(), audience: "partner", daysLeft: 30 }).subject).toContain(
      "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01"
    );
  });

  it("tells what to do: with auto-extend on it continues 180 days more; off, extend or send a new invitation", () => {
    const on = renderExpiryNotice({
      relationship: relationship({ autoExtendDuration: "P180D" }),
      audience: "customer",
      daysLeft: 7
    });
    expect(on.text).toContain("extend automatically by 180 days");
    expect(on.text).toContain("28 August 2027"); // 1 March 2027 + 180 days
    const off = renderExpiryNotice({ relationship: relationship(), audience: "partner", daysLeft: 7 });
    expect(off.text).toContain("switch on automatic extension");
    expect(off.text).toContain("new invitation");
  });

  it("does not suggest auto-extension for a relationship with Global Administrator", () => {
    const ga = relationship({ accessDetails: { unifiedRoles: [{ roleDefinitionId: globalAdmin }] } });
    const email = renderExpiryNotice({ relationship: ga, audience: "partner", daysLeft: 30 });
    expect(email.text).toContain("cannot be extended automatically");
    expect(email.text).not.toContain("switch on automatic extension");
  });

  it("says who terminated, that roles are gone and that a new invitation is the way back", () => {
    const terminated = relationship({
      termination: { requestedBy: "customer", requestedDateTime: "2027-01-05T08:00:00.000Z" }
    });
    const toPartner = renderTerminationNotice({ relationship: terminated, audience: "partner" });
    expect(toPartner.text).toContain("terminated by the customer on 5 January 2027");
    expect(toPartner.text).toContain("new invitation");
    const toCustomer = renderTerminationNotice({ relationship: terminated, audience: "customer" });
    expect(toCustomer.text).toContain("terminated at your request");
    expect(toCustomer.text).toContain("no longer holds administrator roles");
  });

  it("says an expired relationship cannot be restored", () => {
    const email = renderExpiredNotice({ relationship: relationship(), audience: "customer" });
    expect(email.subject).toContain("has ended");
    expect(email.text).toContain("cannot be restored");
  });

  it("gives the new end date of an extension", () => {
    const email = renderExtensionNotice({
      relationship: relationship({ endDateTime: "2027-08-28T10:00:00.000Z" }),
      audience: "customer"
    });
    expect(email.subject).toContain("28 August 2027");
    expect(email.text).toContain("extended automatically by 180 days");
  });

  it("escapes every name in every notice's HTML and keeps markup out of every text part", () => {
    const hostile = relationship({
      displayName: attack,
      partner: { tenantId: "p-1", displayName: attack },
      customer: { adminEmail: `"><script>x</script>@customer.example` },
      termination: { requestedBy: "partner", requestedDateTime: "2027-01-05T08:00:00.000Z" }
    });
    const emails: RenderedEmail[] = both.flatMap((audience) => [
      renderExpiryNotice({ relationship: hostile, audience, daysLeft: 7 }),
      renderExpiredNotice({ relationship: hostile, audience }),
      renderTerminationNotice({ relationship: hostile, audience }),
      renderExtensionNotice({ relationship: hostile, audience })
    ]);
    for (const email of emails) {
      expect(email.html).not.toContain("<img");
      expect(email.html).not.toContain("<script");
      expect(email.html).toContain("&lt;img");
      expect(markupOutside(email.text, [attack, `"><script>x</script>@customer.example`])).toBe(false);
    }
  });
});

describe("contact-me email", () => {
  const request = {
    createdDateTime: "2027-01-10T12:00:00.000Z",
    contact: {
      name: attack,
      email: "jo@tailspin.example",
      phone: "+44 20 7946 0000",
      location: "United Kingdom",
      organisationName: `Tailspin <b>Toys</b>`,
      organisationSize: "50-249",
      industry: "Retail",
      businessNeeds: "Help with Intune.\nAnd <script>alert(1)</script> security reviews."
    }
  };

  it("carries every detail the customer entered, escaped, with line breaks kept", () => {
    const email = renderContactMeEmail({ partnerName: "Contoso Cloud Partners", request });
    expect(email.subject).toBe("New contact request from Tailspin <b>Toys</b>");
    for (const expected of [
      "jo@tailspin.example",
      "+44 20 7946 0000",
      "United Kingdom",
      "50-249",
      "Retail",
      "10 January 2027"
    ]) {
      expect(email.html).toContain(expected);
      expect(email.text).toContain(expected);
    }
    expect(email.html).toContain("Tailspin &lt;b&gt;Toys&lt;/b&gt;");
    expect(email.html).toContain("Help with Intune.<br>And &lt;script&gt;alert(1)&lt;/script&gt; security reviews.");
    expect(email.html).not.toMatch(/<script|<img|<b>/);
    expect(markupOutside(email.text, [attack, "Tailspin <b>Toys</b>", "<script>alert(1)</script>"])).toBe(false);
  });

  it("leaves out the phone row when no phone was given", () => {
    const { phone: _phone, ...withoutPhone } = request.contact;
    expect(
      renderContactMeEmail({ partnerName: "Contoso", request: { ...request, contact: withoutPhone } }).text
    ).not.toContain("Phone:");
  });
});

describe("email layout", () => {
  it("refuses an action that is not an http(s) link", () => {
    expect(() =>
      renderEmail({
        subject: "s",
        heading: "h",
        blocks: [{ kind: "action", label: "Go", href: "javascript:alert(1)" }]
      })
    ).toThrow(/http/);
  });
});
