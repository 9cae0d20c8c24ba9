import { HttpRequest, InvocationContext } from "@azure/functions";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../shared/errors";
import { toGraphErrorResponse } from "../../../shared/graph/graph-errors";
import { relationshipListSpec } from "../../../shared/graph/graph-relationships";
import { readGraphListQuery, selected } from "../../../shared/graph/odata-query";

const request = (query: string) =>
  new HttpRequest({
    method: "GET",
    url: `http://127.0.0.1/v1.0/tenantRelationships/delegatedAdminRelationships${query}`
  });
const read = (query: string) => readGraphListQuery(request(query), relationshipListSpec);

function fieldsRefused(query: string): string[] {
  try {
    read(query);
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.field);
    throw error;
  }
  throw new Error(`${query} was accepted`);
}

describe("readGraphListQuery", () => {
  it("defaults to 100 newest first, no count, every property", () => {
    expect(read("")).toEqual({
      top: 100,
      count: false,
      orderBy: { property: "createdDateTime", direction: "desc" },
      filter: []
    });
  });

  it("reads every supported option, names in any case", () => {
    expect(
      read(
        "?$TOP=5&$skipToken=abc&$count=true&$select=displayName,status&$orderby=displayName desc&$filter=status eq 'active'"
      )
    ).toEqual({
      top: 5,
      skipToken: "abc",
      count: true,
      select: ["displayName", "status"],
      orderBy: { property: "displayName", direction: "desc" },
      filter: [{ property: "status", operator: "eq", value: "active" }]
    });
    expect(read("?$orderby=endDateTime").orderBy).toEqual({ property: "endDateTime", direction: "asc" });
  });

  it.each([
    ["?$top=0", "$top"],
    ["?$top=301", "$top"],
    ["?$top=ten", "$top"],
    ["?$count=yes", "$count"],
    ["?$select=displayName,secret", "$select"],
    ["?$orderby=duration", "$orderby"],
    ["?$orderby=displayName,status", "$orderby"],
    ["?$orderby=displayName sideways", "$orderby"],
    ["?$expand=requests", "$expand"],
    ["?$skip=10", "$skip"],
    ["?$search=x", "$search"],
    ["?foo=1", "foo"],
    ["?$top=1&$top=2", "$top"]
  ])("refuses %s naming %s", (query, field) => {
    expect(fieldsRefused(query)).toContain(field);
  });

  it("accepts the largest $top, 300", () => {
    expect(read("?$top=300").top).toBe(300);
  });
});

describe("selected", () => {
  it("keeps the selected properties, id and @odata.etag", () => {
    expect(selected({ "@odata.etag": '"v1"', id: "1", displayName: "x", status: "active" }, ["status"])).toEqual({
      "@odata.etag": '"v1"',
      id: "1",
      status: "active"
    });
  });
});

describe("toGraphErrorResponse", () => {
  const context = new InvocationContext({ invocationId: "inv-1", functionName: "f" });

  it("writes Graph's error body with the fields named, in application/json", () => {
    const response = toGraphErrorResponse(
      new ValidationError([{ field: "duration", message: "must be between P1D and P2Y." }]),
      context,
      "client-1",
      new Date("2027-01-01T00:00:00.123Z")
    );
    expect(response.status).toBe(400);
    expect(response.headers).toMatchObject({ "content-type": "application/json" });
    expect(JSON.parse(response.body as string)).toEqual({
      error: {
        code: "badRequest",
        message: "duration: must be between P1D and P2Y.",
        target: "duration",
        details: [{ code: "validation_failed", message: "must be between P1D and P2Y.", target: "duration" }],
        innerError: { "request-id": "inv-1", date: "2027-01-01T00:00:00Z", "client-request-id": "client-1" }
      }
    });
  });

  it("says nothing about an unexpected error", () => {
    const quiet = new InvocationContext({ invocationId: "inv-2", functionName: "f", logHandler: () => undefined });
    const response = toGraphErrorResponse(new Error("secret detail"), quiet);
    expect(response.status).toBe(500);
    expect(response.body as string).not.toContain("secret");
  });
});
