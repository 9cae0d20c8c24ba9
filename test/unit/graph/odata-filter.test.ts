import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../shared/errors";
import { relationshipColumns, relationshipListSpec } from "../../../shared/graph/graph-relationships";
import { filterToSql, matchesFilter, parseFilter } from "../../../shared/graph/odata-filter";

const fields = relationshipListSpec.filterable;
const tenant = "4b827261-d21f-4aa9-b7db-7fa1f56fb163";

function refusal(text: string): string {
  try {
    parseFilter(text, fields);
  } catch (error) {
    if (error instanceof ValidationError) {
      expect(error.errors.map((e) => e.field)).toEqual(["$filter"]);
      return error.errors[0]?.message ?? "";
    }
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe("parseFilter", () => {
  it.each([
    ["status eq 'active'", [{ property: "status", operator: "eq", value: "active" }]],
    ["displayName eq 'Contoso admin'", [{ property: "displayName", operator: "eq", value: "Contoso admin" }]],
    ["startswith(displayName, 'Cont')", [{ property: "displayName", operator: "startswith", value: "Cont" }]],
    [`customer/tenantId eq '${tenant}'`, [{ property: "customer/tenantId", operator: "eq", value: tenant }]],
    [
      `customer/tenantId eq ${tenant.toUpperCase()}`,
      [{ property: "customer/tenantId", operator: "eq", value: tenant }]
    ],
    ["status eq 'unknownFutureValue'", [{ property: "status", operator: "eq", value: "unknownFutureValue" }]]
  ])("reads %s", (text, conditions) => {
    expect(parseFilter(text, fields)).toEqual(conditions);
  });

  it("joins conditions with and, in any case and with parentheses", () => {
    expect(
      parseFilter("(status eq 'active') AND startswith(displayName,'A') and displayName eq 'A b'", fields)
    ).toEqual([
      { property: "status", operator: "eq", value: "active" },
      { property: "displayName", operator: "startswith", value: "A" },
      { property: "displayName", operator: "eq", value: "A b" }
    ]);
  });

  it("reads '' as one quote inside a value", () => {
    expect(parseFilter("displayName eq 'O''Brien''s'", fields)).toEqual([
      { property: "displayName", operator: "eq", value: "O'Brien's" }
    ]);
  });

  it("takes an empty or missing filter as no condition", () => {
    expect(parseFilter(undefined, fields)).toEqual([]);
    expect(parseFilter("  ", fields)).toEqual([]);
  });

  it.each([
    ["status eq 'active' or status eq 'expired'", "or"],
    ["not status eq 'active'", "not"],
    ["status ne 'active'", "ne"],
    ["createdDateTime gt '2027-01-01'", "gt"],
    ["createdDateTime eq '2027-01-01'", "createdDateTime"],
    ["contains(displayName, 'x')", "contains"],
    ["endswith(displayName, 'x')", "endswith"],
    ["startswith(status, 'act')", "supports only eq"],
    ["status eq 'declined'", "declined"],
    ["status eq active", "single quotes"],
    ["customer/tenantId eq 'tenant'", "not a GUID"],
    [`displayName eq ${tenant}`, "unquoted"],
    ["displayName eq null", "null"],
    ["displayName eq 'open", "closing quote"],
    ["displayName eq 'x' and", "ends where"],
    ["(status eq 'active'", '")"'],
    ["status eq 'active' status", "should end"],
    ["displayName eq 'a'; drop", '";"'],
    ["customer/displayName eq 'x'", "customer/displayName"]
  ])("refuses %s, naming %s", (text, named) => {
    expect(refusal(text)).toContain(named);
  });
});

describe("filterToSql", () => {
  it("puts values in parameters only, and expands terminated to the statuses it stands for", () => {
    const conditions = parseFilter("status eq 'terminated' and startswith(displayName, 'x'' OR 1=1 --')", fields);
    const sql = filterToSql(conditions, relationshipColumns);
    expect(sql.clauses).toEqual([
      "c.status IN (@filter0_0, @filter0_1, @filter0_2)",
      "STARTSWITH(c.displayName, @filter1)"
    ]);
    expect(sql.parameters).toEqual([
      { name: "@filter0_0", value: "terminated" },
      { name: "@filter0_1", value: "declined" },
      { name: "@filter0_2", value: "cancelled" },
      { name: "@filter1", value: "x' OR 1=1 --" }
    ]);
  });

  it("matches nothing for unknownFutureValue", () => {
    expect(filterToSql(parseFilter("status eq 'unknownFutureValue'", fields), relationshipColumns)).toEqual({
      clauses: ["false"],
      parameters: []
    });
  });
});

describe("matchesFilter", () => {
  it("applies the same conditions to items in memory", () => {
    const conditions = parseFilter("status eq 'active' and startswith(displayName, 'Con')", fields);
    const valueOf = (item: Record<string, string>, property: string) => item[property];
    expect(matchesFilter({ status: "active", displayName: "Contoso" }, conditions, valueOf)).toBe(true);
    expect(matchesFilter({ status: "active", displayName: "Fabrikam" }, conditions, valueOf)).toBe(false);
    expect(matchesFilter({ status: "expired", displayName: "Contoso" }, conditions, valueOf)).toBe(false);
  });
});
