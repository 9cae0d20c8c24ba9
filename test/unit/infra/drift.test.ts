import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../shared/config";
import { operatorAppRole, partnerAdminAppRole } from "../../../shared/http/callers";
import { accessCheckAppRole } from "../../../shared/use-cases/check-access";
import { entry, parseBicep } from "./bicep-reader";
import { codeDeclarations, compareDeclarations, infraDeclarations, isoDurationSeconds, platformSettings, type Declarations, type InfraSources } from "./drift";

const root = join(__dirname, "..", "..", "..");
const read = (path: string): string => readFileSync(join(root, path), "utf8");
const sources: InfraSources = {
  cosmos: read("infra/modules/cosmos.bicep"),
  serviceBus: read("infra/modules/service-bus.bicep"),
  functionApp: read("infra/modules/function-app.bicep")
};

/** A copy of the sources with one exact piece of text replaced; fails if the piece is not there exactly once. */
function editedSources(file: keyof InfraSources, from: string, to: string): InfraSources {
  const original = sources[file];
  expect(original.split(from)).toHaveLength(2);
  return { ...sources, [file]: original.replace(from, to) };
}

function renamed<T>(items: readonly T[], matches: (item: T) => boolean, change: (item: T) => T): T[] {
  expect(items.filter(matches)).toHaveLength(1);
  return items.map((item) => (matches(item) ? change(item) : item));
}

describe("infra drift: the Bicep against the one declaration in code", () => {
  const code = codeDeclarations();
  const infra = infraDeclarations(sources);

  it("reads what it compares from the Bicep (not an empty list that agrees with anything)", () => {
    expect(infra.databaseName).toBe("partner-relationships");
    expect(infra.queues.map((q) => q.name)).toEqual(["invitation-emails", "role-grants", "notifications", "invitation-batches"]);
    expect(infra.containers).toHaveLength(11);
    expect(infra.appSettings.length).toBeGreaterThan(code.appSettings.length);
  });

  it("finds no drift: every queue, container, the database and every setting the code reads match the Bicep, and the Bicep sets nothing unused", () => {
    expect(compareDeclarations(code, infra)).toEqual([]);
  });

  it("compares the queues' lock duration (ISO 8601 in the Bicep), max deliveries and dead-lettering on expiry", () => {
    for (const queue of code.queues) {
      expect(infra.queues.find((q) => q.name === queue.name)).toEqual(queue);
    }
    expect(isoDurationSeconds("PT1M")).toBe(60);
    expect(isoDurationSeconds("PT1M30S")).toBe(90);
    expect(isoDurationSeconds("P1DT2H")).toBe(93_600);
    expect(() => isoDurationSeconds("60")).toThrow();
  });

  it("compares each container's partition key, unique keys, excluded index paths and time to live", () => {
    for (const container of code.containers) {
      expect(infra.containers.find((c) => c.id === container.id)).toEqual(container);
    }
  });

  it("reports a queue renamed in the code only: the new name is missing from the Bicep and the old one is unused", () => {
    const renamedInCode: Declarations = {
      ...code,
      queues: renamed(code.queues, (q) => q.name === "invitation-emails", (q) => ({ ...q, name: "invitation-email" }))
    };
    expect(compareDeclarations(renamedInCode, infra)).toEqual([
      'queue "invitation-email": declared in the code, missing from the Bicep',
      'queue "invitation-emails": in the Bicep, not declared in the code'
    ]);
  });

  it("reports a queue renamed in the Bicep only", () => {
    const renamedInBicep = infraDeclarations(editedSources("serviceBus", "name: 'role-grants'", "name: 'role-grant'"));
    expect(compareDeclarations(code, renamedInBicep)).toEqual([
      'queue "role-grant": in the Bicep, not declared in the code',
      'queue "role-grants": declared in the code, missing from the Bicep'
    ]);
  });

  it("reports a queue setting changed on one side: lock duration, max deliveries, dead-lettering", () => {
    const edited = editedSources("serviceBus", "name: 'notifications'\n    lockDuration: 'PT1M'\n    maxDeliveryCount: 10\n    deadLetteringOnMessageExpiration: true", "name: 'notifications'\n    lockDuration: 'PT30S'\n    maxDeliveryCount: 5\n    deadLetteringOnMessageExpiration: false");
    expect(compareDeclarations(code, infraDeclarations(edited))).toEqual([
      'queue "notifications": deadLetteringOnMessageExpiration is true in the code, false in the Bicep',
      'queue "notifications": lockDurationSeconds is 60 in the code, 30 in the Bicep',
      'queue "notifications": maxDeliveryCount is 10 in the code, 5 in the Bicep'
    ]);
  });

  it("reports a setting renamed in the code only", () => {
    const renamedInCode: Declarations = { ...code, appSettings: renamed(code.appSettings, (key) => key === "EMAIL_SENDER_ADDRESS", () => "EMAIL_FROM_ADDRESS") };
    expect(compareDeclarations(renamedInCode, infra)).toEqual([
      'app setting "EMAIL_FROM_ADDRESS": read by the code, not set by the Bicep',
      'app setting "EMAIL_SENDER_ADDRESS": set by the Bicep, read by neither the code nor the platform'
    ]);
  });

  it("reports a setting renamed in the Bicep only", () => {
    const renamedInBicep = infraDeclarations(editedSources("functionApp", "AUTH_JWKS_URI: authJwksUri", "AUTH_JWKS_URL: authJwksUri"));
    expect(compareDeclarations(code, renamedInBicep)).toEqual([
      'app setting "AUTH_JWKS_URI": read by the code, not set by the Bicep',
      'app setting "AUTH_JWKS_URL": set by the Bicep, read by neither the code nor the platform'
    ]);
  });

  it("reports a container's partition key, unique key or excluded paths changed, a container renamed, and the database renamed", () => {
    let edited = editedSources("cosmos", "partitionKeyPath: '/relationshipId'", "partitionKeyPath: '/id'");
    edited = { ...edited, cosmos: edited.cosmos.replace("uniqueKeyPaths: ['/uniqueName']", "uniqueKeyPaths: []") };
    edited = { ...edited, cosmos: edited.cosmos.replace("excludedPaths: ['/before/*', '/after/*']", "excludedPaths: ['/before/*']") };
    edited = { ...edited, cosmos: edited.cosmos.replace("id: 'tenants'", "id: 'tenant'") };
    edited = { ...edited, cosmos: edited.cosmos.replace("var databaseName = 'partner-relationships'", "var databaseName = 'partners'") };
    expect(compareDeclarations(code, infraDeclarations(edited))).toEqual([
      'container "audit": excludedPaths is ["/before/*","/after/*"] in the code, ["/before/*"] in the Bicep',
      'container "audit": partitionKeyPath is "/relationshipId" in the code, "/id" in the Bicep',
      'container "relationships": uniqueKeyPaths is ["/uniqueName"] in the code, [] in the Bicep',
      'container "tenant": in the Bicep, not declared in the code',
      'container "tenants": declared in the code, missing from the Bicep',
      'database name: "partner-relationships" in the code, "partners" in the Bicep'
    ]);
  });

  it("reports a container's time to live changed on one side: switched off, or given a default", () => {
    const ttlOff = infraDeclarations(editedSources("cosmos", "defaultTtl: -1", "defaultTtl: null"));
    expect(compareDeclarations(code, ttlOff)).toEqual(['container "limits": defaultTtl is -1 in the code, null in the Bicep']);
    const expiring = editedSources("cosmos", "id: 'audit'\n    partitionKeyPath: '/relationshipId'\n    uniqueKeyPaths: []\n    excludedPaths: ['/before/*', '/after/*']\n    defaultTtl: null", "id: 'audit'\n    partitionKeyPath: '/relationshipId'\n    uniqueKeyPaths: []\n    excludedPaths: ['/before/*', '/after/*']\n    defaultTtl: 86400");
    expect(compareDeclarations(code, infraDeclarations(expiring))).toEqual(['container "audit": defaultTtl is null in the code, 86400 in the Bicep']);
  });

  it("allows a setting only the platform reads when it is on the explicit list, and not otherwise", () => {
    expect(infra.appSettings).toContain("AzureWebJobsStorage__accountName");
    const { AzureWebJobsStorage__accountName: _dropped, ...withoutIt } = platformSettings;
    expect(compareDeclarations(code, infra, withoutIt)).toEqual(['app setting "AzureWebJobsStorage__accountName": set by the Bicep, read by neither the code nor the platform']);
  });
});

describe("infra app settings: identity form on Azure", () => {
  const infra = infraDeclarations(sources);
  const functionApp = parseBicep(sources.functionApp);
  const settings = functionApp.resources.find((r) => entry(r.body, "name")?.kind === "string" && (entry(r.body, "name") as { value: string }).value === "appsettings");
  const settingValue = (key: string) => {
    const properties = entry(settings?.body, "properties");
    return entry(properties, key);
  };

  it("never sets the emulator-only connection strings, nor a plain AzureWebJobsStorage connection string", () => {
    for (const key of ["CosmosDb", "ServiceBus", "Email", "AzureWebJobsStorage"]) expect(infra.appSettings).not.toContain(key);
  });

  it("sets none of the settings Flex Consumption deprecates (the runtime is in functionAppConfig)", () => {
    const deprecated = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_NODE_DEFAULT_VERSION", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "SCM_DO_BUILD_DURING_DEPLOYMENT"];
    for (const key of deprecated) expect(infra.appSettings).not.toContain(key);
  });

  it("connects the host's storage and every Service Bus trigger's connection by identity", () => {
    for (const key of ["AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId"]) expect(infra.appSettings).toContain(key);
    const triggerConnections = new Set<string>();
    for (const file of readdirSync(join(root, "functions")).filter((name) => name.startsWith("process-") && name.endsWith(".ts"))) {
      for (const match of read(`functions/${file}`).matchAll(/connection:\s*"([^"]+)"/g)) triggerConnections.add(match[1] as string);
    }
    expect([...triggerConnections]).toEqual(["ServiceBus"]);
    for (const connection of triggerConnections) {
      for (const suffix of ["fullyQualifiedNamespace", "credential", "clientId"]) expect(infra.appSettings).toContain(`${connection}__${suffix}`);
    }
    expect(settingValue("AzureWebJobsStorage__credential")).toEqual({ kind: "string", value: "managedidentity" });
    expect(settingValue("ServiceBus__credential")).toEqual({ kind: "string", value: "managedidentity" });
  });

  it("reads LINK_TOKEN_SECRET through a Key Vault reference, never a value", () => {
    const value = settingValue("LINK_TOKEN_SECRET");
    expect(value?.kind).toBe("expression");
    const tokens = value?.kind === "expression" ? value.tokens : [];
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.text.startsWith("'@Microsoft.KeyVault(SecretUri=${")).toBe(true);
  });

  it("gives literal values that the app's own config schema accepts (Easy Auth on, its sign-in and sign-out paths)", () => {
    const literals: Record<string, string> = {};
    const properties = entry(settings?.body, "properties");
    for (const e of properties?.kind === "object" ? properties.entries : []) {
      if (e.key && e.value.kind === "string") literals[e.key] = e.value.value;
    }
    expect(literals).toMatchObject({ EASY_AUTH_ENABLED: "true", SIGN_IN_URL: "/.auth/login/aad", SIGN_OUT_URL: "/.auth/logout" });
    const placeholders = {
      CosmosDb__accountEndpoint: "https://cosmos-x.documents.azure.com:443/",
      ServiceBus__fullyQualifiedNamespace: "sb-x.servicebus.windows.net",
      Email__endpoint: "https://acs-x.communication.azure.com",
      EMAIL_SENDER_ADDRESS: "DoNotReply@00000000-0000-0000-0000-000000000000.azurecomm.net",
      AUTH_ISSUER: "https://login.microsoftonline.com/{tenantid}/v2.0",
      AUTH_AUDIENCE: "api://partner-relationships",
      AUTH_JWKS_URI: "https://login.microsoftonline.com/common/discovery/v2.0/keys",
      LINK_TOKEN_SECRET: Buffer.alloc(32, 1).toString("base64"),
      PUBLIC_BASE_URL: "https://func-x.azurewebsites.net"
    };
    let config;
    try {
      config = parseConfig({ ...placeholders, ...literals });
    } catch (error) {
      throw new Error(error instanceof ConfigError ? error.problems.join("; ") : String(error));
    }
    expect(config.pages).toEqual({ easyAuthEnabled: true, signInUrl: "/.auth/login/aad", signOutUrl: "/.auth/logout" });
  });

  it("puts no key, connection string or password in any Bicep file", () => {
    for (const file of readdirSync(join(root, "infra", "modules"))) {
      const text = read(`infra/modules/${file}`);
      expect(text).not.toMatch(/AccountKey=|SharedAccessKey=|listKeys\(|listConnectionStrings\(|primaryConnectionString|accesskey=/i);
    }
  });
});

describe("infra/app-roles.json: the app registration's roles", () => {
  it("declares exactly the app roles the code checks, each with a fixed id", () => {
    const roles = JSON.parse(read("infra/app-roles.json")) as { id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }[];
    expect(roles.map((r) => r.value).sort()).toEqual([accessCheckAppRole, operatorAppRole, partnerAdminAppRole].sort());
    expect(roles.find((r) => r.value === partnerAdminAppRole)?.allowedMemberTypes).toEqual(["User"]);
    expect(roles.find((r) => r.value === operatorAppRole)?.allowedMemberTypes).toEqual(["User"]);
    expect(roles.find((r) => r.value === accessCheckAppRole)?.allowedMemberTypes).toEqual(["Application"]);
    for (const role of roles) {
      expect(role.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(role.isEnabled).toBe(true);
    }
  });
});
