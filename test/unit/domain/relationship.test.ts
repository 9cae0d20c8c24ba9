import { describe, expect, it } from "vitest";
import { invitationRequestSchema } from "../../../shared/domain/relationship";

describe("invitationRequestSchema", () => {
  it("accepts the JSON shape of an invitation and drops unknown keys", () => {
    const parsed = invitationRequestSchema.safeParse({
      partnerType: "reseller",
      displayName: "Resale",
      customer: { adminEmail: "a@contoso.com" },
      extra: true
    });
    expect(parsed.success && parsed.data).toEqual({
      partnerType: "reseller",
      displayName: "Resale",
      customer: { adminEmail: "a@contoso.com" }
    });
  });

  it("refuses a body whose fields have the wrong JSON types, naming their paths", () => {
    const parsed = invitationRequestSchema.safeParse({
      partnerType: 1,
      displayName: "x",
      customer: {},
      accessDetails: { unifiedRoles: [{}] }
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
    expect(paths.sort()).toEqual([
      "accessDetails.unifiedRoles.0.roleDefinitionId",
      "customer.adminEmail",
      "partnerType"
    ]);
  });
});
