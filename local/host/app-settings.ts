/**
 * App settings for the local host, as Core Tools provides them: the process environment first, then the
 * `Values` of `local.settings.json` for anything the environment does not set.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function readLocalSettings(appRoot: string): Record<string, string> {
  const file = join(appRoot, "local.settings.json");
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { Values?: Record<string, unknown> };
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed.Values ?? {})) {
    // An empty value (as in the sample, for a secret the runtime generates) means "not set".
    if (value !== undefined && value !== null && String(value) !== "") values[key] = String(value);
  }
  return values;
}

/** Writes settings into the environment without overriding what is already set there. */
export function applySettings(env: NodeJS.ProcessEnv, settings: Record<string, string>): void {
  for (const [key, value] of Object.entries(settings)) {
    if (env[key] === undefined) env[key] = value;
  }
}

/** `AzureWebJobs.<FunctionName>.Disabled = true` turns a function off, as on Azure. */
export function isFunctionDisabled(name: string, env: NodeJS.ProcessEnv): boolean {
  const value = env[`AzureWebJobs.${name}.Disabled`] ?? env[`AzureWebJobs__${name}__Disabled`];
  return value !== undefined && ["true", "1"].includes(value.trim().toLowerCase());
}
