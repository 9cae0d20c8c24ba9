/**
 * The comparison behind the drift test: what the code declares (shared/cosmos/containers.ts,
 * shared/messaging/queues.ts, shared/config.ts) against what the Bicep declares, read from the ARM JSON the Bicep
 * compiler makes of it (arm-template.ts). It is a pure function of the two, so the test can run it on modified copies
 * and show that it reports exactly the drift.
 */
import { containers, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { queues } from "../../../shared/messaging/queues";
import { appSettingKeys, emulatorOnlySettingKeys } from "../../../shared/config";
import { z } from "zod";
import { moduleTemplate, type ArmResource, type ArmTemplate } from "./arm-template";

export interface DeclaredQueue {
  readonly name: string;
  readonly lockDurationSeconds: number;
  readonly maxDeliveryCount: number;
  readonly deadLetteringOnMessageExpiration: boolean;
}

export interface DeclaredContainer {
  readonly id: string;
  readonly partitionKeyPath: string;
  readonly uniqueKeyPaths: readonly string[];
  readonly excludedPaths: readonly string[];
  /** null: time to live off. */
  readonly defaultTtl: number | null;
}

export interface Declarations {
  readonly databaseName: string;
  readonly containers: readonly DeclaredContainer[];
  readonly queues: readonly DeclaredQueue[];
  /** App setting names: read by the code on Azure, or set by the Bicep. */
  readonly appSettings: readonly string[];
}

/**
 * Settings the Bicep may set although the product's code does not read them: the platform reads them. Each says
 * who. Anything else the Bicep sets must be read by the code.
 */
export const platformSettings: Readonly<Record<string, string>> = {
  AzureWebJobsStorage__accountName: "Functions host: its storage account, by identity",
  AzureWebJobsStorage__credential: "Functions host: sign in to its storage with a managed identity",
  AzureWebJobsStorage__clientId: "Functions host: which user-assigned identity signs in to its storage",
  ServiceBus__credential: "Service Bus trigger binding (connection \"ServiceBus\"): sign in with a managed identity",
  ServiceBus__clientId: "Service Bus trigger binding: which user-assigned identity signs in",
  AZURE_CLIENT_ID: "DefaultAzureCredential in the app: which user-assigned identity to use",
  APPLICATIONINSIGHTS_CONNECTION_STRING: "Functions host: where telemetry goes",
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: "Functions host: send telemetry with Entra ID (local auth is off)",
  OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: "Easy Auth: the identity whose federated credential replaces a client secret"
};

/** The code's own declaration, as the product uses it on Azure (connection-string forms are for emulators only). */
export function codeDeclarations(): Declarations {
  return {
    databaseName: defaultDatabaseName,
    containers: containers.map((c) => ({ id: c.id, partitionKeyPath: c.partitionKeyPath, uniqueKeyPaths: c.uniqueKeyPaths ?? [], excludedPaths: c.excludedPaths ?? [], defaultTtl: c.defaultTtlSeconds ?? null })),
    queues: queues.map((q) => ({ ...q })),
    appSettings: appSettingKeys.filter((key) => !emulatorOnlySettingKeys.includes(key))
  };
}

const declaredContainer = z.object({
  id: z.string(),
  partitionKeyPath: z.string(),
  uniqueKeyPaths: z.array(z.string()),
  excludedPaths: z.array(z.string()),
  defaultTtl: z.number().int().nullable()
});

const declaredQueue = z.object({
  name: z.string(),
  lockDuration: z.string(),
  maxDeliveryCount: z.number().int(),
  deadLetteringOnMessageExpiration: z.boolean()
});

/** A variable of a module, parsed; the compiler writes a literal Bicep var as plain JSON, an expression as "[...]". */
function variable<T>(template: ArmTemplate, name: string, schema: z.ZodType<T>, where: string): T {
  if (!(name in template.variables)) throw new Error(`${where}: var ${name} is not declared`);
  const parsed = schema.safeParse(template.variables[name]);
  if (!parsed.success) throw new Error(`${where}: var ${name} is not the literal the drift test compares: ${parsed.error.message}`);
  return parsed.data;
}

/** The one resource of `type` in a module whose name (an ARM expression) ends with `nameEnd`. */
export function resourceOf(template: ArmTemplate, type: string, nameEnd = ""): ArmResource {
  const found = template.resources.filter((r) => r.type === type && r.name.endsWith(nameEnd));
  if (found.length !== 1) throw new Error(`${found.length} resources of type ${type} named ...${nameEnd}, expected 1`);
  return found[0] as ArmResource;
}

/** The app settings resource's properties: setting name to value (an ARM expression or a literal). */
export function appSettingsOf(main: ArmTemplate): Record<string, unknown> {
  const settings = resourceOf(moduleTemplate(main, "function-app"), "Microsoft.Web/sites/config", "'appsettings')]");
  return settings.properties ?? {};
}

/**
 * What the compiled templates declare: the cosmos module's `databaseName` and `containers` vars, the service-bus
 * module's `queues` var (each the list its resource loop deploys), and the names of the app settings.
 */
export function infraDeclarations(main: ArmTemplate): Declarations {
  const cosmos = moduleTemplate(main, "cosmos");
  const serviceBus = moduleTemplate(main, "service-bus");
  for (const [template, type, list] of [[cosmos, "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers", "containers"], [serviceBus, "Microsoft.ServiceBus/namespaces/queues", "queues"]] as const) {
    const count = resourceOf(template, type).copy?.count;
    if (count !== `[length(variables('${list}'))]`) throw new Error(`${type} is not deployed once for each item of var ${list} (copy count ${JSON.stringify(count)})`);
  }
  const appSettings = Object.keys(appSettingsOf(main));
  const computed = appSettings.filter((key) => key.startsWith("["));
  if (computed.length > 0) throw new Error(`an app setting name must be written out, not computed: ${computed.join(", ")}`);
  return {
    databaseName: variable(cosmos, "databaseName", z.string(), "cosmos"),
    containers: variable(cosmos, "containers", z.array(declaredContainer), "cosmos"),
    queues: variable(serviceBus, "queues", z.array(declaredQueue), "service-bus").map((q) => ({
      name: q.name,
      lockDurationSeconds: isoDurationSeconds(q.lockDuration),
      maxDeliveryCount: q.maxDeliveryCount,
      deadLetteringOnMessageExpiration: q.deadLetteringOnMessageExpiration
    })),
    appSettings
  };
}

/** Seconds in an ISO 8601 duration such as PT1M or PT1M30S (days, hours, minutes, seconds). */
export function isoDurationSeconds(duration: string): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
  if (!match || duration === "P" || duration.endsWith("T")) throw new Error(`not an ISO 8601 duration: ${duration}`);
  const [, days, hours, minutes, seconds] = match;
  return Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3_600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}

/** Every difference, one sentence each, sorted; empty when the two agree. */
export function compareDeclarations(code: Declarations, infra: Declarations, allowedPlatformSettings: Readonly<Record<string, string>> = platformSettings): string[] {
  const drift: string[] = [];
  if (code.databaseName !== infra.databaseName) drift.push(`database name: "${code.databaseName}" in the code, "${infra.databaseName}" in the Bicep`);
  compareByName("queue", code.queues, infra.queues, (q) => q.name, ["lockDurationSeconds", "maxDeliveryCount", "deadLetteringOnMessageExpiration"], drift);
  compareByName("container", code.containers, infra.containers, (c) => c.id, ["partitionKeyPath", "uniqueKeyPaths", "excludedPaths", "defaultTtl"], drift);
  for (const key of code.appSettings) {
    if (!infra.appSettings.includes(key)) drift.push(`app setting "${key}": read by the code, not set by the Bicep`);
  }
  for (const key of infra.appSettings) {
    if (!code.appSettings.includes(key) && !(key in allowedPlatformSettings)) drift.push(`app setting "${key}": set by the Bicep, read by neither the code nor the platform`);
  }
  for (const [what, names] of [["queue", infra.queues.map((q) => q.name)], ["container", infra.containers.map((c) => c.id)], ["app setting", infra.appSettings]] as const) {
    for (const name of new Set(names)) if (names.filter((n) => n === name).length > 1) drift.push(`${what} "${name}": declared more than once in the Bicep`);
  }
  return drift.sort();
}

function compareByName<T>(what: string, code: readonly T[], infra: readonly T[], nameOf: (item: T) => string, fields: readonly (keyof T & string)[], drift: string[]): void {
  for (const item of code) {
    const other = infra.find((candidate) => nameOf(candidate) === nameOf(item));
    if (!other) {
      drift.push(`${what} "${nameOf(item)}": declared in the code, missing from the Bicep`);
      continue;
    }
    for (const field of fields) {
      const mine = JSON.stringify(item[field]);
      const theirs = JSON.stringify(other[field]);
      if (mine !== theirs) drift.push(`${what} "${nameOf(item)}": ${field} is ${mine} in the code, ${theirs} in the Bicep`);
    }
  }
  for (const item of infra) {
    if (!code.some((candidate) => nameOf(candidate) === nameOf(item))) drift.push(`${what} "${nameOf(item)}": in the Bicep, not declared in the code`);
  }
}
