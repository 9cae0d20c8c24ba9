import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { apiOperations, apiVersion, buildOpenApiDocument, type ApiOperation } from "../../../shared/api/openapi";
import { partnerProfileBody } from "../../../shared/api/partner-profile-schemas";
import { contactPartnerBody } from "../../../shared/api/public-schemas";
import { createRelationshipBody } from "../../../shared/api/relationship-schemas";

const repoRoot = resolve(__dirname, "..", "..", "..");
const methods = ["get", "post", "put", "patch", "delete"] as const;

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses?: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema: Schema }> }>;
}
interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: string[];
  maxLength?: number;
  const?: unknown;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<(typeof methods)[number], Operation>>>;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, { content: Record<string, { schema: Schema }> }>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

const document = buildOpenApiDocument() as unknown as Document;

function operations(): [string, string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => (item[method] ? [[path, method, item[method]] as [string, string, Operation]] : []))
  );
}

function operation(method: (typeof methods)[number], path: string): Operation {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`${method} ${path} is not documented`);
  return found;
}

function resolveSchema(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace("#/components/schemas/", "");
  const target = document.components.schemas[name];
  if (!target) throw new Error(`dangling $ref ${schema.$ref}`);
  return target;
}

function requestSchema(method: (typeof methods)[number], path: string): Schema {
  const content = operation(method, path).requestBody?.content["application/json"];
  if (!content) throw new Error(`${method} ${path} has no JSON request body`);
  return resolveSchema(content.schema);
}

/** Every `app.http` registration under functions/: its route (OpenAPI form) and methods. */
function registeredRoutes(): { file: string; path: string; method: string }[] {
  const dir = join(repoRoot, "functions");
  const found: { file: string; path: string; method: string }[] = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
    const source = readFileSync(join(dir, file), "utf8");
    for (const registration of source.split(/app\.http\(/).slice(1)) {
      const route = /route:\s*"([^"]+)"/.exec(registration)?.[1];
      const declared = /methods:\s*\[([^\]]*)\]/.exec(registration)?.[1];
      if (!route || declared === undefined)
        throw new Error(`${file}: every app.http needs an explicit route and methods`);
      if (!route.startsWith("api/") && !route.startsWith("v1.0/")) continue;
      const path = `/${route.replace(/\{\*?([A-Za-z_][A-Za-z0-9_]*)\??(?::[^}]*)?\}/g, "{$1}")}`;
      for (const method of declared.match(/"([A-Za-z]+)"/g) ?? [])
        found.push({ file, path, method: method.replaceAll('"', "").toLowerCase() });
    }
  }
  return found;
}

/** Parameter names do not travel on the wire, so `{id}` and `{relationshipId}` count as the same path. */
const shape = (path: string) => path.replace(/\{[^}]+\}/g, "{}").toLowerCase();

describe("the OpenAPI document", () => {
  it("is an OpenAPI 3.1 document with info, paths and components", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBeTruthy();
    expect(Object.keys(document.paths).length).toBeGreaterThan(10);
    for (const path of Object.keys(document.paths)) expect(path).toMatch(/^\/(api|v1\.0)\//);
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT"
    });
  });

  it("names a licence and a contact, describes every tag it uses and every operation with who may call it", () => {
    const raw = document as unknown as {
      info: Record<string, unknown>;
      tags: { name: string; description?: string }[];
    };
    const used = new Set(operations().flatMap(([, , op]) => (op as { tags?: string[] }).tags ?? []));

    expect(raw.info.license).toMatchObject({ name: expect.any(String), identifier: expect.any(String) });
    expect(raw.info.contact).toMatchObject({ name: expect.any(String) });
    expect(raw.tags.map((tag) => tag.name).sort()).toEqual([...used].sort());
    for (const tag of raw.tags) expect(tag.description, tag.name).toMatch(/\w{3,}/);
    for (const [path, method, op] of operations()) {
      const described = op as { description?: string; security?: unknown[] };
      expect(described.description, `${method} ${path}`).toMatch(
        described.security?.length ? /Needs a bearer token/ : /No token needed/
      );
    }
  });

  it("carries the version in package.json", () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    expect(apiVersion).toBe(pkg.version);
    expect(document.info.version).toBe(pkg.version);
  });

  it("gives every operation a unique operationId and a success response", () => {
    const ids = operations().map(([, , op]) => op.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, method, op] of operations()) {
      const statuses = Object.keys(op.responses ?? {});
      expect(
        statuses.some((status) => /^2\d\d$/.test(status)),
        `${method} ${path}`
      ).toBe(true);
    }
  });

  it("asks for a bearer token on every operation that is not public, and on none that is", () => {
    const publicIds = apiOperations.filter((op) => op.access === "public").map((op) => op.operationId);
    expect(publicIds).toEqual(
      expect.arrayContaining([
        "listRoles",
        "listPartnerTypes",
        "getAgreement",
        "searchPartners",
        "contactPartner",
        "health",
        "getOpenApiDocument"
      ])
    );
    for (const [path, method, op] of operations()) {
      if (publicIds.includes(op.operationId ?? "")) expect(op.security, `${method} ${path}`).toEqual([]);
      else {
        expect(op.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
        const kind = path.startsWith("/v1.0/") ? "GraphError" : "Problem";
        expect(op.responses?.["401"], `${method} ${path}`).toEqual({ $ref: `#/components/responses/${kind}401` });
      }
    }
  });

  it("describes every error as problem+json with the one Problem schema under /api, and as Graph's error body under /v1.0", () => {
    for (const [path, method, op] of operations()) {
      const kind = path.startsWith("/v1.0/") ? "GraphError" : "Problem";
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (/^[45]\d\d$/.test(status))
          expect(response, `${method} ${path} ${status}`).toEqual({ $ref: `#/components/responses/${kind}${status}` });
      }
    }
    for (const status of ["400", "401", "403", "404", "409", "412", "428", "429"]) {
      expect(document.components.responses[`GraphError${status}`]?.content["application/json"]?.schema).toEqual({
        $ref: "#/components/schemas/GraphError"
      });
    }
    expect(
      operations()
        .filter(([path]) => path.startsWith("/v1.0/"))
        .every(([, , op]) => JSON.stringify(op).includes('"Graph"'))
    ).toBe(true);
    for (const status of ["400", "401", "403", "404", "409", "412", "428"]) {
      expect(document.components.responses[`Problem${status}`]?.content["application/problem+json"]?.schema).toEqual({
        $ref: "#/components/schemas/Problem"
      });
    }
    expect(document.components.schemas.Problem?.required).toEqual(expect.arrayContaining(["type", "title", "status"]));
  });

  it("documents the 429 of every limited endpoint, with Retry-After and when to try again in the problem", () => {
    const limited = [
      ["post", "/api/relationships"],
      ["post", "/api/relationships/{id}/resend"],
      ["post", "/api/partners/{id}/contact"],
      ["post", "/v1.0/tenantRelationships/delegatedAdminRelationships/{id}/requests"]
    ] as const;
    for (const [method, path] of limited) {
      const kind = path.startsWith("/v1.0/") ? "GraphError" : "Problem";
      expect(
        (document.paths[path] as Record<string, { responses?: Record<string, unknown> }>)[method]?.responses?.["429"],
        `${method} ${path}`
      ).toEqual({ $ref: `#/components/responses/${kind}429` });
    }
    const tooMany = document.components.responses.Problem429 as unknown as {
      headers?: Record<string, { schema: { type: string } }>;
    };
    expect(tooMany.headers?.["Retry-After"]?.schema).toEqual({ type: "integer", minimum: 1 });
    expect(Object.keys(document.components.schemas.Problem?.properties ?? {})).toEqual(
      expect.arrayContaining(["limit", "retryAfterSeconds", "retryAfterDateTime"])
    );
  });

  it("documents createRelationship's body as the strict zod schema the endpoint parses", () => {
    const schema = requestSchema("post", "/api/relationships");
    expect(schema.required).toEqual(expect.arrayContaining(["displayName", "customer"]));
    // partnerType is required unless templateId names a template that gives it (a 400 naming it otherwise).
    expect(schema.required).not.toContain("partnerType");
    expect(schema.properties?.templateId).toBeDefined();
    expect(schema.required).not.toContain("duration");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties?.displayName?.maxLength).toBe(200);
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(createRelationshipBody.shape).sort());
  });

  it("documents the public and profile bodies from their schemas", () => {
    const contact = requestSchema("post", "/api/partners/{id}/contact");
    expect(Object.keys(contact.properties ?? {}).sort()).toEqual(Object.keys(contactPartnerBody.shape).sort());
    expect(contact.additionalProperties).toBe(false);
    expect(contact.properties?.organisationSize?.enum).toEqual(["1-9", "10-49", "50-249", "250-999", "1000+"]);
    expect(contact.properties?.businessNeeds?.maxLength).toBe(2000);
    const profile = requestSchema("put", "/api/partner-profile");
    expect(Object.keys(profile.properties ?? {}).sort()).toEqual(Object.keys(partnerProfileBody.shape).sort());
    expect(profile.required).toEqual(
      expect.arrayContaining(["name", "industries", "locations", "partnerTypes", "contactEmail"])
    );
    for (const path of ["/api/invitations/{token}/accept", "/api/customer/agreement/accept"]) {
      const accept = requestSchema("post", path);
      expect(accept.required?.sort()).toEqual(["acknowledged", "agreementVersion"]);
      expect(accept.properties?.acknowledged?.const).toBe(true);
      expect(accept.additionalProperties).toBe(false);
    }
  });

  it("documents query parameters with their bounds and enums", () => {
    const parameters = operation("get", "/api/partners").parameters ?? [];
    expect(parameters.map((p) => p.name)).toEqual([
      "name",
      "industry",
      "location",
      "partnerType",
      "$top",
      "$skiptoken"
    ]);
    expect(parameters.find((p) => p.name === "partnerType")?.schema.enum).toContain("partnerWithGdap");
    expect(parameters.find((p) => p.name === "$top")?.schema).toMatchObject({ maximum: 50, default: 20 });
    expect(
      operation("get", "/api/aobo/capabilities").parameters?.find((p) => p.name === "customerTenantId")?.required
    ).toBe(true);
    expect(operation("patch", "/api/relationships/{id}").parameters?.find((p) => p.name === "If-Match")).toMatchObject({
      in: "header",
      required: true
    });
  });

  it("leaves no $ref dangling", () => {
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const [, kind, name] = /#\/components\/(schemas|responses)\/([^"]+)/.exec(ref) ?? [];
      expect(
        kind && name && (document.components as unknown as Record<string, Record<string, unknown>>)[kind]?.[name],
        ref
      ).toBeTruthy();
    }
  });

  it("documents the Graph list options and bodies from their schemas", () => {
    const list = operation("get", "/v1.0/tenantRelationships/delegatedAdminRelationships").parameters ?? [];
    expect(list.map((p) => p.name)).toEqual(["$top", "$skiptoken", "$count", "$select", "$orderby", "$filter"]);
    expect(list.find((p) => p.name === "$top")?.schema).toMatchObject({ maximum: 300, default: 100 });
    const create = requestSchema("post", "/v1.0/tenantRelationships/delegatedAdminRelationships");
    expect(create.required).toEqual(["displayName"]);
    expect(create.additionalProperties).toBe(false);
    expect(Object.keys(create.properties?.customer?.properties ?? {})).toEqual(
      expect.arrayContaining(["tenantId", "displayName", "adminEmail"])
    );
  });

  it("documents every HTTP function under /api and /v1.0 (a new endpoint without docs fails here)", () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const documented = new Set(apiOperations.map((op: ApiOperation) => `${op.method} ${shape(op.path)}`));
    const missing = routes
      .filter((route) => !documented.has(`${route.method} ${shape(route.path)}`))
      .map((r) => `${r.method.toUpperCase()} ${r.path} (functions/${r.file})`);
    expect(missing).toEqual([]);
  });

  it("documents no operation that no function serves", () => {
    const served = new Set(registeredRoutes().map((route) => `${route.method} ${shape(route.path)}`));
    const stale = apiOperations
      .filter((op) => !served.has(`${op.method} ${shape(op.path)}`))
      .map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(stale).toEqual([]);
  });

  it("refuses a route table whose path parameters have no schema", () => {
    const broken = { ...apiOperations[0], path: "/api/things/{id}", operationId: "broken" } as ApiOperation;
    expect(() => buildOpenApiDocument([broken])).toThrow(/path parameters id/);
  });
});
