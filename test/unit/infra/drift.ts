/**
 * The comparison behind the drift test: what the code declares (shared/cosmos/containers.ts,
 * shared/messaging/queues.ts, shared/config.ts) against what the Bicep declares (read with bicep-reader.ts). It is a
 * pure function of the two, so the test can run it on modified copies and show that it reports exactly the drift.
 */
import { containers, defaultDatabaseName } from "../../../shared/cosmos/containers";
import { queues } from "../../../shared/messaging/queues";
import { appSettingKeys, emulatorOnlySettingKeys } from "../../../shared/config";
import { entry, literal, parseBicep, type BicepValue } from "./bicep-reader";

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

export interface InfraSources {
  /** infra/modules/cosmos.bicep */
  readonly cosmos: string;
  /** infra/modules/service-bus.bicep */
  readonly serviceBus: string;
  /** infra/modules/function-app.bicep */
  readonly functionApp: string;
}

/** What the Bicep declares: `var databaseName`, `var containers`, `var queues`, and the keys of the app settings. */
export function infraDeclarations(sources: InfraSources): Declarations {
  const cosmos = parseBicep(sources.cosmos);
  const serviceBus = parseBicep(sources.serviceBus);
  const functionApp = parseBicep(sources.functionApp);
  const variable = (file: typeof cosmos, name: string): BicepValue => {
    const found = file.vars.find((v) => v.name === name);
    if (!found) throw new Error(`var ${name} is not declared`);
    return found.value;
  };
  const list = (value: BicepValue, what: string): BicepValue[] => {
    if (value.kind !== "array") throw new Error(`${what}: not an array literal`);
    return [...value.items];
  };
  const text = (value: BicepValue | undefined, what: string): string => {
    const found = literal(value, what);
    if (typeof found !== "string") throw new Error(`${what}: not a string`);
    return found;
  };
  const strings = (value: BicepValue | undefined, what: string): string[] => {
    const found = literal(value, what);
    if (!Array.isArray(found) || !found.every((item) => typeof item === "string")) throw new Error(`${what}: not an array of strings`);
    return found as string[];
  };
  const ttl = (value: BicepValue | undefined, what: string): number | null => {
    const found = literal(value, what);
    if (found !== null && typeof found !== "number") throw new Error(`${what}: not a number or null`);
    return found;
  };
  const settings = functionApp.resources.find((r) => r.typeReference.startsWith("Microsoft.Web/sites/config@") && literal(entry(r.body, "name"), "name") === "appsettings");
  const settingsObject = entry(settings?.body, "properties");
  if (settingsObject?.kind !== "object") throw new Error("the appsettings resource has no properties object");
  return {
    databaseName: text(variable(cosmos, "databaseName"), "databaseName"),
    containers: list(variable(cosmos, "containers"), "containers").map((c, i) => ({
      id: text(entry(c, "id"), `containers[${i}].id`),
      partitionKeyPath: text(entry(c, "partitionKeyPath"), `containers[${i}].partitionKeyPath`),
      uniqueKeyPaths: strings(entry(c, "uniqueKeyPaths"), `containers[${i}].uniqueKeyPaths`),
      excludedPaths: strings(entry(c, "excludedPaths"), `containers[${i}].excludedPaths`),
      defaultTtl: ttl(entry(c, "defaultTtl"), `containers[${i}].defaultTtl`)
    })),
    queues: list(variable(serviceBus, "queues"), "queues").map((q, i) => {
      const maxDeliveryCount = literal(entry(q, "maxDeliveryCount"), `queues[${i}].maxDeliveryCount`);
      const deadLettering = literal(entry(q, "deadLetteringOnMessageExpiration"), `queues[${i}].deadLetteringOnMessageExpiration`);
      if (typeof maxDeliveryCount !== "number" || typeof deadLettering !== "boolean") throw new Error(`queues[${i}]: wrong literal types`);
      return {
        name: text(entry(q, "name"), `queues[${i}].name`),
        lockDurationSeconds: isoDurationSeconds(text(entry(q, "lockDuration"), `queues[${i}].lockDuration`)),
        maxDeliveryCount,
        deadLetteringOnMessageExpiration: deadLettering
      };
    }),
    appSettings: settingsObject.entries.map((e) => {
      if (e.key === undefined) throw new Error(`line ${e.keyToken.line}: an app setting name must be written out, not interpolated`);
      return e.key;
    })
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
