import { describe, expect, it } from "vitest";
import {
  maxTemplateAssignments,
  templateNameKey,
  termsFromTemplate,
  validateTemplate,
  type TemplateRequest,
  type TemplateTerms
} from "../../../shared/domain/relationship-templates";
import { globalAdministratorRoleId } from "../../../shared/domain/roles";

const helpdesk = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
const userAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1";
const securityReader = "5d6b6bb7-de71-4623-b4af-96380a352509";
const group = "5C1E7A6B-0D1B-4B8E-9E33-8D1B5E6F7A01";
const otherGroup = "5c1e7a6b-0d1b-4b8e-9e33-8d1b5e6f7a02";

const roles = (...ids: string[]) => ({ unifiedRoles: ids.map((roleDefinitionId) => ({ roleDefinitionId })) });
const assignment = (groupId: string, ...ids: string[]) => ({
  accessContainer: { accessContainerId: groupId, accessContainerType: "securityGroup" },
  accessDetails: roles(...ids)
});

function request(overrides: Partial<TemplateRequest> = {}): TemplateRequest {
  return {
    displayName: "  Helpdesk standard ",
    accessDetails: roles(helpdesk, userAdmin),
    duration: "P1Y",
    accessAssignments: [{ ...assignment(group, helpdesk), label: " Tier 1 " }],
    ...overrides
  };
}

function fields(result: ReturnType<typeof validateTemplate>): string[] {
  return result.ok ? [] : result.errors.map((error) => error.field);
}

describe("relationship template rules", () => {
  it("keeps a valid template normalised: trimmed name, roles in catalogue order, lower-case group ids, trimmed labels", () => {
    const result = validateTemplate(request());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.displayName).toBe("Helpdesk standard");
    expect(result.value.partnerType).toBe("partnerWithGdap");
    expect(result.value.durationDays).toBe(365);
    expect(result.value.autoExtendDuration).toBe("PT0S");
    expect(result.value.accessAssignments).toEqual([
      { securityGroupId: group.toLowerCase(), roleDefinitionIds: [helpdesk], label: "Tier 1" }
    ]);
  });

  it("judges the terms by the invitation's own rules: duration, roles for the type, no auto-extend with Global Administrator", () => {
    expect(fields(validateTemplate(request({ duration: "P731D" })))).toEqual(["duration"]);
    expect(fields(validateTemplate(request({ partnerType: "reseller", accessAssignments: [] })))).toEqual([
      "accessDetails.unifiedRoles"
    ]);
    expect(
      fields(
        validateTemplate(
          request({ accessDetails: roles(globalAdministratorRoleId, helpdesk), autoExtendDuration: "P180D" })
        )
      )
    ).toEqual(["autoExtendDuration"]);
    expect(fields(validateTemplate(request({ partnerType: "nonsense" })))).toContain("partnerType");
  });

  it("refuses a name that is empty, too long or has control characters", () => {
    expect(fields(validateTemplate(request({ displayName: "   " })))).toEqual(["displayName"]);
    expect(fields(validateTemplate(request({ displayName: "x".repeat(101) })))).toEqual(["displayName"]);
    expect(fields(validateTemplate(request({ displayName: "a\nb" })))).toEqual(["displayName"]);
    expect(validateTemplate(request({ displayName: "x".repeat(100) })).ok).toBe(true);
  });

  it("judges each group assignment by the assignment rules, against the template's roles", () => {
    const result = validateTemplate(
      request({
        accessAssignments: [
          assignment("not-a-guid", helpdesk),
          assignment(group, securityReader),
          assignment(group.toLowerCase(), helpdesk),
          assignment(otherGroup),
          { ...assignment(otherGroup.replace("02", "03"), helpdesk, helpdesk), label: "a\u200bb" },
          {
            accessContainer: { accessContainerId: otherGroup.replace("02", "04"), accessContainerType: "user" },
            accessDetails: roles(userAdmin)
          }
        ]
      })
    );
    expect(fields(result)).toEqual([
      "accessAssignments.0.accessContainer.accessContainerId",
      "accessAssignments.1.accessDetails.unifiedRoles.0.roleDefinitionId",
      "accessAssignments.2.accessContainer.accessContainerId",
      "accessAssignments.3.accessDetails.unifiedRoles",
      "accessAssignments.4.accessDetails.unifiedRoles.1.roleDefinitionId",
      "accessAssignments.4.label",
      "accessAssignments.5.accessContainer.accessContainerType"
    ]);
    expect(result.ok ? "" : result.errors[1]?.message).toContain("not a role of this template");
  });

  it(`allows at most ${maxTemplateAssignments} groups`, () => {
    const many = Array.from({ length: maxTemplateAssignments + 1 }, (_, n) =>
      assignment(`00000000-0000-0000-0000-${String(n).padStart(12, "0")}`, helpdesk)
    );
    expect(fields(validateTemplate(request({ accessAssignments: many })))).toEqual(["accessAssignments"]);
    expect(validateTemplate(request({ accessAssignments: many.slice(1) })).ok).toBe(true);
  });

  it("compares names without case or surrounding spaces", () => {
    expect(templateNameKey(" Helpdesk STANDARD ")).toBe(templateNameKey("helpdesk standard"));
  });
});

describe("a relationship's terms from a template", () => {
  const template: TemplateTerms = {
    id: "6f1c0c1e-6a4b-4b5e-8a1f-2b3c4d5e6f70",
    displayName: "Helpdesk standard",
    partnerType: "partnerWithGdap",
    accessDetails: roles(userAdmin, helpdesk),
    duration: "P1Y",
    durationDays: 365,
    autoExtendDuration: "PT0S",
    accessAssignments: []
  };

  it("takes whatever the request leaves out from the template", () => {
    const result = termsFromTemplate(template, {});
    expect(result).toEqual({
      ok: true,
      value: {
        partnerType: "partnerWithGdap",
        accessDetails: template.accessDetails,
        duration: "P1Y",
        autoExtendDuration: "PT0S"
      }
    });
  });

  it("accepts what says the same in another spelling: roles in another order or case, P365D for P1Y, P0D for PT0S", () => {
    const result = termsFromTemplate(template, {
      partnerType: "partnerWithGdap",
      accessDetails: roles(helpdesk.toUpperCase(), userAdmin),
      duration: "P365D",
      autoExtendDuration: "P0D"
    });
    expect(result.ok).toBe(true);
  });

  it("names every field that differs from the template", () => {
    const result = termsFromTemplate(template, {
      partnerType: "partner",
      accessDetails: roles(helpdesk),
      duration: "P30D",
      autoExtendDuration: "P180D"
    });
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual([
      "partnerType",
      "accessDetails.unifiedRoles",
      "duration",
      "autoExtendDuration"
    ]);
    expect(result.ok ? "" : result.errors[0]?.message).toContain("Helpdesk standard");
  });
});
