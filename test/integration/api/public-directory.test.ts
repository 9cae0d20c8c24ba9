import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, demoPartnerTenants, type ApiResponse } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

type Partner = {
  id: string;
  name: string;
  website?: string;
  description?: string;
  industries: string[];
  locations: string[];
  partnerTypes: string[];
};
type Page = { value: Partner[]; "@odata.nextLink"?: string };
type Problem = { status: number; errors?: { field: string; message: string }[] };

describe("GET /api/partners: the public partner directory", () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const search = (query = "") => call<Page & Problem>(runtime, "GET", `/api/partners${query}`);
  const names = (response: ApiResponse<Page>) => response.body.value.map((partner) => partner.name);

  it("lists the seeded demo partners without a token, by name, public fields only", async () => {
    const response = await search();
    expect(response.status).toBe(200);
    expect(names(response)).toEqual(["Contoso Cloud Partners", "Fabrikam IT Services", "Northwind Licensing"]);
    expect(response.body.value.map((partner) => partner.id)).toEqual([...demoPartnerTenants]);
    expect(response.body.value[0]).toEqual({
      id: demoPartnerTenants[0],
      name: "Contoso Cloud Partners",
      website: "https://contoso-partners.example",
      description: "Managed Microsoft 365 and security operations for mid-sized organisations.",
      industries: ["Healthcare", "Professional services"],
      locations: ["United Kingdom", "Ireland"],
      partnerTypes: ["partnerWithGdap", "reseller"]
    });
    expect(response.body["@odata.nextLink"]).toBeUndefined();
  });

  it("never shows a partner's contact email", async () => {
    const response = await search();
    expect(response.text).not.toMatch(/contactEmail|@[a-z-]+\.example/);
  });

  it("narrows by name (substring, any case), industry, location and partner type", async () => {
    expect(names(await search("?name=FABRIK"))).toEqual(["Fabrikam IT Services"]);
    expect(names(await search("?name=i"))).toEqual(["Fabrikam IT Services", "Northwind Licensing"]);
    expect(names(await search("?industry=Retail"))).toEqual(["Northwind Licensing"]);
    expect(names(await search(`?location=${encodeURIComponent("United Kingdom")}`))).toEqual([
      "Contoso Cloud Partners"
    ]);
    expect(names(await search("?partnerType=partnerWithGdap"))).toEqual([
      "Contoso Cloud Partners",
      "Fabrikam IT Services"
    ]);
    expect(names(await search("?partnerType=reseller&location=United%20States"))).toEqual(["Northwind Licensing"]);
    expect(names(await search("?name=nobody-by-this-name"))).toEqual([]);
  });

  it("refuses an unknown partner type with a 400 naming the parameter", async () => {
    const response = await search("?partnerType=wizard");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.body.errors?.map((e) => e.field)).toEqual(["partnerType"]);
  });

  it("refuses unknown parameters and $top outside 1..50", async () => {
    expect((await search("?colour=blue")).body.errors?.map((e) => e.field)).toEqual(["colour"]);
    expect((await search("?$top=51")).body.errors?.map((e) => e.field)).toEqual(["$top"]);
    expect((await search("?$top=0")).status).toBe(400);
  });

  it("pages with $top and a nextLink that returns the next partner, keeping the filters", async () => {
    const first = await search("?$top=1");
    expect(first.status).toBe(200);
    expect(names(first)).toEqual(["Contoso Cloud Partners"]);
    const next = first.body["@odata.nextLink"];
    expect(next).toMatch(/^\/api\/partners\?.*(\$|%24)skiptoken=/);
    const second = await call<Page>(runtime, "GET", next as string);
    expect(names(second)).toEqual(["Fabrikam IT Services"]);
    const third = await call<Page>(runtime, "GET", second.body["@odata.nextLink"] as string);
    expect(names(third)).toEqual(["Northwind Licensing"]);

    const filtered = await search("?partnerType=reseller&$top=1");
    expect(names(filtered)).toEqual(["Contoso Cloud Partners"]);
    const filteredNext = await call<Page>(runtime, "GET", filtered.body["@odata.nextLink"] as string);
    expect(names(filteredNext)).toEqual(["Northwind Licensing"]);
  });
});
