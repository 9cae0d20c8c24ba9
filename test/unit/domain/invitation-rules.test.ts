import { describe, expect, it } from "vitest";
import type { FieldError } from "../../../shared/errors";
import {
  canonicalAutoExtend,
  validateAutoExtendUpdate,
  validateInvitation,
  validateRelationship
} from "../../../shared/domain/invitation-rules";
import type { InvitationRequest } from "../../../shared/domain/relationship";
import {
  billingAdministratorRoleId,
  globalAdministratorRoleId,
  helpdeskAdministratorRoleId,
  roleCatalogue
} from "../../../shared/domain/roles";

const userAdministratorRoleId = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const reportsReaderRoleId = "4a5d8f65-41da-4de4-8968-e035b65339cf";
const unknownRoleId = "00000000-1111-2222-3333-444444444444";
const tenantId = "6babcaad-604b-40ac-a9d7-9fd97c0b779f";

const roles = (...ids: string[]) => ({ unifiedRoles: ids.map((roleDefinitionId) => ({ roleDefinitionId })) });

function gdapRequest(overrides: Partial<InvitationRequest> = {}): InvitationRequest {
  return {
    partnerType: "partnerWithGdap",
    displayName: "Contoso helpdesk",
    customer: { adminEmail: "admin@contoso.com", tenantId },
    accessDetails: roles(helpdeskAdministratorRoleId),
    duration: "P730D",
    autoExtendDuration: "PT0S",
    ...overrides
  };
}

function errorsOf(request: InvitationRequest, catalogue = roleCatalogue): FieldError[] {
  const result = validateInvitation(request, catalogue);
  return result.ok ? [] : result.errors;
}

function expectOnlyError(request: InvitationRequest, field: string, messagePart?: string): void {
  const errors = errorsOf(request);
  expect(errors.map((error) => error.field)).toEqual([field]);
  if (messagePart) expect(errors[0]?.message).toContain(messagePart);
}

function expectValid(request: InvitationRequest): void {
  expect(errorsOf(request)).toEqual([]);
}

describe("validateInvitation", () => {
  it("accepts a valid GDAP invitation and normalises it", () => {
    const result = validateInvitation(
      gdapRequest({
        displayName: "  Contoso helpdesk  ",
        customer: { adminEmail: " Admin@Contoso.COM ", tenantId: tenantId.toUpperCase() },
        accessDetails: roles(reportsReaderRoleId, helpdeskAdministratorRoleId.toUpperCase()),
        duration: "P1Y6M"
      })
    );
    expect(result).toEqual({
      ok: true,
      value: {
        partnerType: "partnerWithGdap",
        displayName: "Contoso helpdesk",
        customer: { adminEmail: "Admin@contoso.com", tenantId },
        // catalogue order: Helpdesk Administrator is listed before Reports Reader
        accessDetails: roles(helpdeskAdministratorRoleId, reportsReaderRoleId),
        duration: "P1Y6M",
        durationDays: 545,
        autoExtendDuration: "PT0S"
      }
    });
  });

  it("names every broken rule at once, one error per field", () => {
    const errors = errorsOf({
      partnerType: "partnerWithGdap",
      displayName: "",
      customer: { adminEmail: "nobody", tenantId: "tenant" },
      accessDetails: roles(unknownRoleId),
      duration: "P0D",
      autoExtendDuration: "P90D"
    });
    expect(errors.map((error) => error.field).sort()).toEqual(
      [
        "accessDetails.unifiedRoles.0.roleDefinitionId",
        "autoExtendDuration",
        "customer.adminEmail",
        "customer.tenantId",
        "displayName",
        "duration"
      ].sort()
    );
  });

  it("refuses a partner type it does not offer", () => {
    expectOnlyError(gdapRequest({ partnerType: "distributor" }), "partnerType", "distributor");
  });

  describe("displayName", () => {
    it("accepts 50 characters and refuses 51", () => {
      expectValid(gdapRequest({ displayName: "x".repeat(50) }));
      expectOnlyError(gdapRequest({ displayName: "x".repeat(51) }), "displayName", "at most 50");
    });

    it("counts characters after trimming", () => {
      expectValid(gdapRequest({ displayName: `  ${"x".repeat(50)}  ` }));
    });

    it("counts an emoji as one character", () => {
      expectValid(gdapRequest({ displayName: "🤝".repeat(50) }));
      expectOnlyError(gdapRequest({ displayName: "🤝".repeat(51) }), "displayName");
    });

    it("refuses an empty or blank name", () => {
      expectOnlyError(gdapRequest({ displayName: "" }), "displayName", "required");
      expectOnlyError(gdapRequest({ displayName: "   " }), "displayName", "required");
    });

    it("refuses control characters", () => {
      expectOnlyError(gdapRequest({ displayName: "Contoso\nhelpdesk" }), "displayName", "control characters");
      expectOnlyError(gdapRequest({ displayName: "Contoso\u0007" }), "displayName", "control characters");
    });
  });

  describe("duration", () => {
    it("accepts P1D and refuses P0D", () => {
      expectValid(gdapRequest({ duration: "P1D" }));
      expectOnlyError(gdapRequest({ duration: "P0D" }), "duration", "between P1D and P2Y");
    });

    it("accepts P2Y and P730D and refuses P731D", () => {
      expectValid(gdapRequest({ duration: "P2Y" }));
      expectValid(gdapRequest({ duration: "P730D" }));
      expectOnlyError(gdapRequest({ duration: "P731D" }), "duration", "731 days");
      expectOnlyError(gdapRequest({ duration: "P2Y1D" }), "duration");
    });

    it("refuses text that is not a whole-day ISO-8601 duration", () => {
      for (const duration of ["30 days", "P1.5D", "PT36H", "PT0S", "-P1D"]) {
        expectOnlyError(gdapRequest({ duration }), "duration");
      }
    });

    it("is required when the relationship carries roles", () => {
      expectOnlyError(gdapRequest({ duration: undefined }), "duration", "required");
      expectOnlyError(
        { partnerType: "advisor", displayName: "Advice", customer: { adminEmail: "a@contoso.com" } },
        "duration",
        "required"
      );
    });

    it("defaults to P730D when a type without roles leaves it out", () => {
      const result = validateInvitation({
        partnerType: "reseller",
        displayName: "Resale",
        customer: { adminEmail: "a@contoso.com" }
      });
      expect(result.ok && result.value).toMatchObject({
        duration: "P730D",
        durationDays: 730,
        autoExtendDuration: "PT0S",
        accessDetails: { unifiedRoles: [] }
      });
    });

    it("is still range-checked when a type without roles gives it", () => {
      expectOnlyError(
        { partnerType: "reseller", displayName: "Resale", customer: { adminEmail: "a@contoso.com" }, duration: "P3Y" },
        "duration"
      );
    });
  });

  describe("autoExtendDuration", () => {
    it("accepts PT0S and P180D and refuses P90D", () => {
      expectValid(gdapRequest({ autoExtendDuration: "PT0S" }));
      expectValid(gdapRequest({ autoExtendDuration: "P180D" }));
      expectOnlyError(gdapRequest({ autoExtendDuration: "P90D" }), "autoExtendDuration", "PT0S");
    });

    it("accepts any zero duration and 180 exact days, not months that only approximate them", () => {
      expectValid(gdapRequest({ autoExtendDuration: "P0D" }));
      expectValid(gdapRequest({ autoExtendDuration: "PT4320H" }));
      expectOnlyError(gdapRequest({ autoExtendDuration: "P6M" }), "autoExtendDuration");
    });

    it("defaults to PT0S", () => {
      const result = validateInvitation(gdapRequest({ autoExtendDuration: undefined }));
      expect(result.ok && result.value.autoExtendDuration).toBe("PT0S");
    });

    it("refuses P180D when the roles include Global Administrator", () => {
      expectOnlyError(
        gdapRequest({ accessDetails: roles(globalAdministratorRoleId), autoExtendDuration: "P180D" }),
        "autoExtendDuration",
        "Global Administrator"
      );
      expectValid(gdapRequest({ accessDetails: roles(globalAdministratorRoleId), autoExtendDuration: "PT0S" }));
    });

    it("refuses P180D for an advisor, whose fixed roles include Global Administrator", () => {
      expectOnlyError(
        {
          partnerType: "advisor",
          displayName: "Advice",
          customer: { adminEmail: "a@contoso.com" },
          duration: "P90D",
          autoExtendDuration: "P180D"
        },
        "autoExtendDuration",
        "Global Administrator"
      );
    });
  });

  describe("roles by partner type", () => {
    const advisor = (accessDetails?: InvitationRequest["accessDetails"]): InvitationRequest => ({
      partnerType: "advisor",
      displayName: "Advice",
      customer: { adminEmail: "a@contoso.com" },
      duration: "P90D",
      ...(accessDetails ? { accessDetails } : {})
    });

    it("gives an advisor Global Administrator and Helpdesk Administrator when roles are left out", () => {
      const result = validateInvitation(advisor());
      expect(result.ok && result.value.accessDetails).toEqual(
        roles(globalAdministratorRoleId, helpdeskAdministratorRoleId)
      );
    });

    it("accepts an advisor listing exactly its two roles in any order", () => {
      expectValid(advisor(roles(helpdeskAdministratorRoleId, globalAdministratorRoleId)));
    });

    it("refuses an advisor with other, fewer, more or no roles", () => {
      for (const listed of [
        roles(userAdministratorRoleId),
        roles(globalAdministratorRoleId),
        roles(globalAdministratorRoleId, helpdeskAdministratorRoleId, reportsReaderRoleId),
        roles()
      ]) {
        expectOnlyError(
          advisor(listed),
          "accessDetails.unifiedRoles",
          "exactly Global Administrator and Helpdesk Administrator"
        );
      }
    });

    it("refuses roles for line-of-business, saying they are not available", () => {
      const request: InvitationRequest = { ...gdapRequest(), partnerType: "lineOfBusiness" };
      expectOnlyError(request, "accessDetails.unifiedRoles", "not available to assign");
      expectValid({ ...request, accessDetails: undefined });
      expectValid({ ...request, accessDetails: roles() });
    });

    it.each(["reseller", "independentSoftwareVendor", "indirectReseller", "mpsaPartner", "oem"])(
      "refuses roles for %s, saying it carries none",
      (partnerType) => {
        expectOnlyError({ ...gdapRequest(), partnerType }, "accessDetails.unifiedRoles", "carries no admin roles");
        expectValid({ ...gdapRequest(), partnerType, accessDetails: undefined });
      }
    );

    it("requires at least one role for partner and partnerWithGdap", () => {
      expectOnlyError(gdapRequest({ accessDetails: roles() }), "accessDetails.unifiedRoles", "at least one role");
      expectOnlyError(gdapRequest({ accessDetails: undefined }), "accessDetails.unifiedRoles", "at least one role");
      expectOnlyError(
        { ...gdapRequest(), partnerType: "partner", accessDetails: roles() },
        "accessDetails.unifiedRoles"
      );
    });

    it("refuses a role that is not GDAP-eligible for partnerWithGdap but allows it for partner", () => {
      const catalogue = roleCatalogue.map((role) =>
        role.id === reportsReaderRoleId ? { ...role, gdapEligible: false } : role
      );
      const listed = roles(helpdeskAdministratorRoleId, reportsReaderRoleId);
      const errors = errorsOf(gdapRequest({ accessDetails: listed }), catalogue);
      expect(errors).toEqual([
        {
          field: "accessDetails.unifiedRoles.1.roleDefinitionId",
          message: expect.stringContaining("cannot be granted through GDAP")
        }
      ]);
      expect(errorsOf({ ...gdapRequest({ accessDetails: listed }), partnerType: "partner" }, catalogue)).toEqual([]);
    });

    it("refuses a role id missing from the catalogue, naming its position", () => {
      const errors = errorsOf(
        gdapRequest({ accessDetails: roles(helpdeskAdministratorRoleId, reportsReaderRoleId, unknownRoleId) })
      );
      expect(errors.map((error) => error.field)).toEqual(["accessDetails.unifiedRoles.2.roleDefinitionId"]);
      expectOnlyError(
        { ...gdapRequest({ accessDetails: roles("helpdesk") }), partnerType: "partner" },
        "accessDetails.unifiedRoles.0.roleDefinitionId"
      );
    });

    it("refuses a role listed twice, even in a different case", () => {
      expectOnlyError(
        gdapRequest({
          accessDetails: roles(
            billingAdministratorRoleId,
            helpdeskAdministratorRoleId,
            billingAdministratorRoleId.toUpperCase()
          )
        }),
        "accessDetails.unifiedRoles.2.roleDefinitionId",
        "already listed at index 0"
      );
      expectOnlyError(
        {
          ...gdapRequest(),
          partnerType: "advisor",
          accessDetails: roles(globalAdministratorRoleId, helpdeskAdministratorRoleId, globalAdministratorRoleId)
        },
        "accessDetails.unifiedRoles.2.roleDefinitionId"
      );
    });
  });

  describe("customer", () => {
    it("accepts a missing tenant id, so any tenant may accept", () => {
      const result = validateInvitation(gdapRequest({ customer: { adminEmail: "admin@contoso.com" } }));
      expect(result.ok && result.value.customer).toEqual({ adminEmail: "admin@contoso.com" });
    });

    it("refuses a tenant id that is not a GUID", () => {
      for (const bad of [
        "",
        "contoso.onmicrosoft.com",
        "6babcaad-604b-40ac-a9d7-9fd97c0b779",
        "6babcaad604b40aca9d79fd97c0b779f",
        "gbabcaad-604b-40ac-a9d7-9fd97c0b779f"
      ]) {
        expectOnlyError(
          gdapRequest({ customer: { adminEmail: "admin@contoso.com", tenantId: bad } }),
          "customer.tenantId"
        );
      }
    });

    it("accepts plausible email addresses", () => {
      for (const good of ["admin@contoso.com", "first.last+gdap@mail.contoso.co.uk", "a@b.io"]) {
        expectValid(gdapRequest({ customer: { adminEmail: good } }));
      }
    });

    it("refuses implausible email addresses", () => {
      for (const bad of [
        "",
        "admin",
        "admin@",
        "@contoso.com",
        "admin@contoso",
        "ad min@contoso.com",
        "a@b@contoso.com",
        "admin@contoso..com",
        `${"a".repeat(65)}@contoso.com`
      ]) {
        expectOnlyError(gdapRequest({ customer: { adminEmail: bad } }), "customer.adminEmail");
      }
    });
  });
});

describe("validateAutoExtendUpdate", () => {
  it("allows switching auto-extension on when Global Administrator is absent", () => {
    expect(validateAutoExtendUpdate({ accessDetails: roles(helpdeskAdministratorRoleId) }, "P180D")).toEqual({
      ok: true,
      value: "P180D"
    });
    expect(validateAutoExtendUpdate({ accessDetails: roles(globalAdministratorRoleId) }, "PT0S")).toEqual({
      ok: true,
      value: "PT0S"
    });
  });

  it("refuses P180D with Global Administrator and any value other than a zero duration or 180 days", () => {
    const fields = (result: ReturnType<typeof validateAutoExtendUpdate>) =>
      result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields(validateAutoExtendUpdate({ accessDetails: roles(globalAdministratorRoleId) }, "P180D"))).toEqual([
      "autoExtendDuration"
    ]);
    expect(fields(validateAutoExtendUpdate({ accessDetails: roles() }, "P90D"))).toEqual(["autoExtendDuration"]);
  });
});

describe("canonicalAutoExtend", () => {
  it.each([
    ["PT0S", "PT0S"],
    ["P0D", "PT0S"],
    ["PT0M", "PT0S"],
    ["P0Y", "PT0S"],
    ["P180D", "P180D"],
    ["PT4320H", "P180D"],
    ["P25W5D", "P180D"]
  ])("reads %s as %s", (text, canonical) => {
    expect(canonicalAutoExtend(text)).toBe(canonical);
  });

  it.each(["P90D", "P181D", "PT1S", "P6M", "P5M30D", "P", "off", ""])("refuses %j", (text) => {
    expect(canonicalAutoExtend(text)).toBeUndefined();
  });
});

describe("validateRelationship (Graph's POST)", () => {
  const graphBody = {
    displayName: "Contoso admin relationship",
    duration: "P2Y",
    accessDetails: roles(helpdeskAdministratorRoleId)
  };

  it("defaults the partner type to partnerWithGdap and needs no customer at all", () => {
    const result = validateRelationship(graphBody);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        partnerType: "partnerWithGdap",
        customer: {},
        duration: "P2Y",
        durationDays: 730,
        autoExtendDuration: "PT0S"
      })
    });
  });

  it("keeps the duration as written and counts its days: PT48H is 2 days", () => {
    const result = validateRelationship({ ...graphBody, duration: "PT48H" });
    expect(result.ok && [result.value.duration, result.value.durationDays]).toEqual(["PT48H", 2]);
  });

  it("accepts a customer display name and refuses one that is blank or too long", () => {
    const named = validateRelationship({ ...graphBody, customer: { displayName: "  Contoso subsidiary Inc  " } });
    expect(named.ok && named.value.customer).toEqual({ displayName: "Contoso subsidiary Inc" });
    const blank = validateRelationship({ ...graphBody, customer: { displayName: " " } });
    expect(blank.ok ? [] : blank.errors.map((e) => e.field)).toEqual(["customer.displayName"]);
    const long = validateRelationship({ ...graphBody, customer: { displayName: "x".repeat(257) } });
    expect(long.ok ? [] : long.errors.map((e) => e.field)).toEqual(["customer.displayName"]);
  });

  it("stores P0D as PT0S and refuses a non-zero auto-extension other than 180 days", () => {
    const zero = validateRelationship({ ...graphBody, autoExtendDuration: "P0D" });
    expect(zero.ok && zero.value.autoExtendDuration).toBe("PT0S");
    const odd = validateRelationship({ ...graphBody, autoExtendDuration: "P30D" });
    expect(odd.ok ? [] : odd.errors.map((e) => e.field)).toEqual(["autoExtendDuration"]);
  });
});

describe("validateInvitation without an address", () => {
  it("names customer.adminEmail: the one-step invitation is emailed", () => {
    const result = validateInvitation({ ...gdapRequest(), customer: {} as { adminEmail: string } });
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(["customer.adminEmail"]);
  });
});
