import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../shared/config";
import { operatorAppRole, partnerAdminAppRole } from "../../../shared/http/callers";
import { accessCheckAppRole } from "../../../shared/use-cases/check-access";
import { armTemplate, armTemplatePath, isArmExpression, readCompiledTemplate, repositoryRoot as root, type ArmTemplate } from "./arm-template";
import { appSettingsOf, codeDeclarations, compareDeclarations, infraDeclarations, isoDurationSeconds, platformSettings, type Declarations } from "./drift";

const read = (path: string): string => readFileSync(join(root, path), "utf8");
const main = readCompiledTemplate();

/** The compiled JSON as plain data, for making a changed copy; the copy is parsed again before it is compared. */
interface RawModule {
  variables: { databaseName?: string; containers?: Record<string, unknown>[]; queues?: Record<string, unknown>[] };
  resources: { type: string; name: string; copy?: { count: unknown }; properties: Record<string, unknown> }[];
}
interface RawMain {
  resources: { type: string; name: string; properties: { template: RawModule } }[];
}

/** A copy of the compiled template with one change made inside the module deployed as `module`. */
function editedModule(module: string, change: (template: RawModule) => void): ArmTemplate {
  const raw = JSON.parse(readFileSync(armTemplatePath, "utf8")) as RawMain;
  const deployment = one(raw.resources, (r) => r.type === "Microsoft.Resources/deployments" && r.name === module);
  change(deployment.properties.template);
  return armTemplate.parse(raw);
}

/** The one item that matches; fails the test when there is not exactly one. */
function one<T>(items: readonly T[] | undefined, matches: (item: T) => boolean): T {
  const found = (items ?? []).filter(matches);
  expect(found).toHaveLength(1);
  return found[0] as T;
}

function renamed<T>(items: readonly T[], matches: (item: T) => boolean, change: (item: T) => T): T[] {
  expect(items.filter(matches)).toHaveLength(1);
  return items.map((item) => (matches(item) ? change(item) : item));
}

function appSettingsResource(template: RawModule): Record<string, unknown> {
  return one(template.resources, (r) => r.type === "Microsoft.Web/sites/config" && r.name.endsWith("'appsettings')]")).properties;
}

describe("infra drift: the Bicep against the one declaration in code", () => {
  const code = codeDeclarations();
  const infra = infraDeclarations(main);

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
    const renamedInBicep = infraDeclarations(
      editedModule("service-bus", (t) => {
        one(t.variables.queues, (q) => q.name === "role-grants").name = "role-grant";
      })
    );
    expect(compareDeclarations(code, renamedInBicep)).toEqual([
      'queue "role-grant": in the Bicep, not declared in the code',
      'queue "role-grants": declared in the code, missing from the Bicep'
    ]);
  });

  it("reports a queue setting changed on one side: lock duration, max deliveries, dead-lettering", () => {
    const edited = editedModule("service-bus", (t) => {
      const queue = one(t.variables.queues, (q) => q.name === "notifications");
      expect(queue).toEqual({ name: "notifications", lockDuration: "PT1M", maxDeliveryCount: 10, deadLetteringOnMessageExpiration: true });
      Object.assign(queue, { lockDuration: "PT30S", maxDeliveryCount: 5, deadLetteringOnMessageExpiration: false });
    });
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
    const renamedInBicep = infraDeclarations(
      editedModule("function-app", (t) => {
        const settings = appSettingsResource(t);
        expect(settings.AUTH_JWKS_URI).toBe("[parameters('authJwksUri')]");
        settings.AUTH_JWKS_URL = settings.AUTH_JWKS_URI;
        delete settings.AUTH_JWKS_URI;
      })
    );
    expect(compareDeclarations(code, renamedInBicep)).toEqual([
      'app setting "AUTH_JWKS_URI": read by the code, not set by the Bicep',
      'app setting "AUTH_JWKS_URL": set by the Bicep, read by neither the code nor the platform'
    ]);
  });

  it("reports a container's partition key, unique key or excluded paths changed, a container renamed, and the database renamed", () => {
    const edited = editedModule("cosmos", (t) => {
      const container = (id: string) => one(t.variables.containers, (c) => c.id === id);
      container("audit").partitionKeyPath = "/id";
      container("audit").excludedPaths = ["/before/*"];
      container("relationships").uniqueKeyPaths = [];
      container("tenants").id = "tenant";
      t.variables.databaseName = "partners";
    });
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
    const ttlOff = infraDeclarations(
      editedModule("cosmos", (t) => {
        const limits = one(t.variables.containers, (c) => c.defaultTtl === -1);
        expect(limits.id).toBe("limits");
        limits.defaultTtl = null;
      })
    );
    expect(compareDeclarations(code, ttlOff)).toEqual(['container "limits": defaultTtl is -1 in the code, null in the Bicep']);
    const expiring = editedModule("cosmos", (t) => {
      const audit = one(t.variables.containers, (c) => c.id === "audit");
      expect(audit.defaultTtl).toBeNull();
      audit.defaultTtl = 86400;
    });
    expect(compareDeclarations(code, infraDeclarations(expiring))).toEqual(['container "audit": defaultTtl is null in the code, 86400 in the Bicep']);
  });

  it("allows a setting only the platform reads when it is on the explicit list, and not otherwise", () => {
    expect(infra.appSettings).toContain("AzureWebJobsStorage__accountName");
    const { AzureWebJobsStorage__accountName: _dropped, ...withoutIt } = platformSettings;
    expect(compareDeclarations(code, infra, withoutIt)).toEqual(['app setting "AzureWebJobsStorage__accountName": set by the Bicep, read by neither the code nor the platform']);
  });

  it("fails instead of agreeing when what it reads is no longer what is deployed: a loop not over the var, a var that is not a literal, a computed setting name", () => {
    const notFromVar = editedModule("service-bus", (t) => {
      one(t.resources, (r) => r.type === "Microsoft.ServiceBus/namespaces/queues").copy = { count: "[length(parameters('queueNames'))]" };
    });
    expect(() => infraDeclarations(notFromVar)).toThrow(/not deployed once for each item of var queues/);
    const computedVar = editedModule("cosmos", (t) => {
      (t.variables as Record<string, unknown>).containers = "[parameters('containers')]";
    });
    expect(() => infraDeclarations(computedVar)).toThrow(/var containers is not the literal/);
    const computedName = editedModule("function-app", (t) => {
      appSettingsResource(t)["[format('{0}_URI', 'AUTH_JWKS')]"] = "x";
    });
    expect(() => infraDeclarations(computedName)).toThrow(/must be written out, not computed/);
  });
});

describe("infra/main.parameters.json: what azd hands the compiled main template", () => {
  it("sets every parameter main.bicep requires and only parameters it declares, each from the azd environment as ${NAME}", () => {
    const given = (JSON.parse(read("infra/main.parameters.json")) as { parameters: Record<string, { value?: unknown }> }).parameters;
    const required = Object.entries(main.parameters).filter(([, parameter]) => parameter.defaultValue === undefined).map(([name]) => name);
    expect(required).toEqual(expect.arrayContaining(["environmentName", "location", "authClientId", "authApplicationIdUri", "linkTokenSecret"]));
    for (const name of required) expect(given, `main.bicep requires ${name}`).toHaveProperty(name);
    for (const name of Object.keys(given)) expect(Object.keys(main.parameters), `main.parameters.json sets ${name}`).toContain(name);
    for (const [name, { value }] of Object.entries(given)) expect(value, name).toMatch(/^\$\{[A-Z_][A-Z0-9_]*(=[^}]*)?\}$/);
    expect(main.parameters.linkTokenSecret?.type).toBe("securestring");
  });
});

describe("infra app settings: identity form on Azure", () => {
  const infra = infraDeclarations(main);
  const settings = appSettingsOf(main);

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
    expect(settings.AzureWebJobsStorage__credential).toBe("managedidentity");
    expect(settings.ServiceBus__credential).toBe("managedidentity");
  });

  it("reads LINK_TOKEN_SECRET through a Key Vault reference, never a value", () => {
    const value = settings.LINK_TOKEN_SECRET;
    expect(isArmExpression(value)).toBe(true);
    expect(value).toMatch(/^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}\)', parameters\('[A-Za-z]+'\)\)\]$/);
  });

  it("gives literal values that the app's own config schema accepts (Easy Auth on, its sign-in and sign-out paths)", () => {
    const literals: Record<string, string> = {};
    for (const [key, value] of Object.entries(settings)) {
      if (typeof value === "string" && !isArmExpression(value)) literals[key] = value.startsWith("[[") ? value.slice(1) : value;
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

  it("puts no key, connection string or password in any Bicep file, nor in what they compile to", () => {
    const texts = [read("infra/main.bicep"), ...readdirSync(join(root, "infra", "modules")).map((file) => read(`infra/modules/${file}`)), readFileSync(armTemplatePath, "utf8")];
    expect(texts).toHaveLength(readdirSync(join(root, "infra", "modules")).length + 2);
    for (const text of texts) {
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
