import { describe, expect, it } from "vitest";
import { RouteTable } from "../../../local/host/route-table";

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
    expect(table.match("GET", "/api/static/css/site.css")).toEqual({
      target: "catchAll",
      params: { rest: "css/site.css" }
    });
  });

  it("finds a route among routes that start differently, in the same order as one list would", () => {
    const mixed = new RouteTable<string>();
    for (let index = 0; index < 500; index += 1) mixed.add(`api/area${index}/items/{id}`, ["GET"], `area${index}`);
    mixed.add("{tenant}/items/{id}", ["GET"], "tenantFirst");
    mixed.add("api/{*rest}", ["GET"], "apiCatchAll");
    mixed.add("API/Area7/items/special", ["GET"], "literal");
    expect(mixed.match("GET", "/api/AREA7/items/special")).toMatchObject({ target: "literal" });
    expect(mixed.match("GET", "/api/area7/items/9")).toEqual({ target: "area7", params: { id: "9" } });
    // A route starting with a parameter still wins where it is more specific than the catch-all.
    expect(mixed.match("GET", "/api/items/3")).toEqual({ target: "tenantFirst", params: { tenant: "api", id: "3" } });
    expect(mixed.match("GET", "/api/other/thing/here")).toEqual({
      target: "apiCatchAll",
      params: { rest: "other/thing/here" }
    });
    expect(mixed.match("GET", "/elsewhere")).toBeUndefined();
  });
});
