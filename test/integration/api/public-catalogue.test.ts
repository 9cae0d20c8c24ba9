import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../../helpers/api";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

type Role = { id: string; displayName: string; description: string; privileged: boolean; gdapEligible: boolean };
type PartnerType = {
  id: string;
  displayName: string;
  description: string;
  rolePolicy: { kind: string; summary: string; roles?: { id: string; displayName: string }[] };
};

describe("public reference data: roles, partner types, agreement, OpenAPI", () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("lists the role catalogue without a token, cacheable for an hour", async () => {
    const response = await call<{ value: Role[] }>(runtime, "GET", "/api/roles");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    const globalAdmin = response.body.value.find((role) => role.id === "62e90394-69f5-4237-9190-012177145e10");
    expect(globalAdmin).toMatchObject({ displayName: "Global Administrator", privileged: true, gdapEligible: true });
    for (const role of response.body.value)
      expect(Object.keys(role).sort()).toEqual(["description", "displayName", "gdapEligible", "id", "privileged"]);
  });

  it("lists the nine partner types with their role policy in words", async () => {
    const response = await call<{ value: PartnerType[] }>(runtime, "GET", "/api/partner-types");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    const types = new Map(response.body.value.map((type) => [type.id, type]));
    expect(types.size).toBe(9);
    expect(types.get("advisor")?.rolePolicy).toMatchObject({
      kind: "fixed",
      summary: "Global Administrator and Helpdesk Administrator"
    });
    expect(types.get("advisor")?.rolePolicy.roles?.map((role) => role.displayName)).toEqual([
      "Global Administrator",
      "Helpdesk Administrator"
    ]);
    expect(types.get("reseller")?.rolePolicy).toEqual({ kind: "none", summary: "No roles assigned." });
    expect(types.get("lineOfBusiness")?.rolePolicy.kind).toBe("notAvailable");
    expect(types.get("partner")?.rolePolicy.kind).toBe("anyCatalogueRole");
    expect(types.get("partnerWithGdap")?.rolePolicy).toMatchObject({
      kind: "gdapEligible",
      summary: expect.stringContaining("GDAP-eligible")
    });
  });

  it("shows the current agreement with the SHA-256 of its exact text", async () => {
    const response = await call<{ version: string; title: string; text: string; sha256: string }>(
      runtime,
      "GET",
      "/api/agreement"
    );
    expect(response.status).toBe(200);
    const { version, title, text, sha256 } = response.body;
    expect(version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(title).toBeTruthy();
    expect(sha256).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    expect(response.headers.get("etag")).toBe(`"${sha256}"`);
  });

  it("serves the OpenAPI document without a token", async () => {
    const response = await call<{ openapi: string; paths: Record<string, Record<string, { operationId: string }>> }>(
      runtime,
      "GET",
      "/api/openapi.json"
    );
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    expect(response.body.paths["/api/partners"]?.get?.operationId).toBe("searchPartners");
    expect(response.body.paths["/api/relationships/{id}"]?.patch?.operationId).toBe("updateRelationship");
  });

  it("refuses other methods on the public routes", async () => {
    expect((await call(runtime, "POST", "/api/roles", { body: {} })).status).toBe(405);
  });
});
