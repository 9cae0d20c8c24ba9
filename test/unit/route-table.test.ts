import { describe, expect, it } from "vitest";
import { RouteTable } from "../../local/host/route-table";

describe("RouteTable", () => {
  const table = new RouteTable<string>();
  table.add("api/relationships/{id}", ["GET", "PATCH"], "byId");
  table.add("api/relationships/{id}/terminate", ["POST"], "terminate");
  table.add("api/relationships/mine", ["GET"], "literal");
  table.add("api/items/{id?}", ["GET"], "optional");
  table.add("api/static/{*rest}", ["GET"], "catchAll");

  it("extracts and decodes parameters", () => {
    expect(table.match("GET", "/api/relationships/a%20b")).toEqual({ target: "byId", params: { id: "a b" } });
  });

  it("prefers literal segments over parameters whatever the order of registration", () => {
    expect(table.match("GET", "/api/relationships/mine")).toMatchObject({ target: "literal" });
  });

  it("tells a wrong method apart from an unknown path", () => {
    expect(table.match("DELETE", "/api/relationships/1")).toBe("method");
    expect(table.match("GET", "/api/unknown")).toBeUndefined();
    expect(table.match("GET", "/api/relationships/1/terminate/extra")).toBeUndefined();
  });

  it("handles optional and catch-all parameters", () => {
    expect(table.match("GET", "/api/items")).toEqual({ target: "optional", params: {} });
    expect(table.match("GET", "/api/items/7")).toEqual({ target: "optional", params: { id: "7" } });
    expect(table.match("GET", "/api/static/css/site.css")).toEqual({ target: "catchAll", params: { rest: "css/site.css" } });
  });
});
