/** The parts of host.json the local host honours, with the real host's defaults. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface HostJson {
  readonly routePrefix: string;
  readonly serviceBus: {
    readonly maxConcurrentCalls: number;
    readonly autoCompleteMessages: boolean;
    readonly maxAutoLockRenewalDurationMs: number;
  };
}

interface RawHostJson {
  extensions?: {
    http?: { routePrefix?: string };
    serviceBus?: { maxConcurrentCalls?: number; autoCompleteMessages?: boolean; maxAutoLockRenewalDuration?: string };
  };
}

/**
 * Reads host.json; an app setting `AzureFunctionsJobHost__<path>` overrides the value at that path, as it does
 * on Azure (e.g. `AzureFunctionsJobHost__extensions__serviceBus__maxConcurrentCalls=4`).
 */
export function readHostJson(appRoot: string, env: NodeJS.ProcessEnv = {}): HostJson {
  const file = join(appRoot, "host.json");
  const raw: RawHostJson = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as RawHostJson) : {};
  const serviceBus = raw.extensions?.serviceBus ?? {};
  const override = (path: string) => env[`AzureFunctionsJobHost__${path.replace(/\./g, "__")}`];
  const maxConcurrentCalls = override("extensions.serviceBus.maxConcurrentCalls");
  const autoComplete = override("extensions.serviceBus.autoCompleteMessages");
  return {
    routePrefix: override("extensions.http.routePrefix") ?? raw.extensions?.http?.routePrefix ?? "api",
    serviceBus: {
      maxConcurrentCalls: maxConcurrentCalls ? Number(maxConcurrentCalls) : (serviceBus.maxConcurrentCalls ?? 16),
      autoCompleteMessages: autoComplete
        ? autoComplete.toLowerCase() === "true"
        : (serviceBus.autoCompleteMessages ?? true),
      maxAutoLockRenewalDurationMs: parseTimeSpan(
        override("extensions.serviceBus.maxAutoLockRenewalDuration") ??
          serviceBus.maxAutoLockRenewalDuration ??
          "00:05:00"
      )
    }
  };
}

/** .NET TimeSpan text, `[d.]hh:mm:ss[.fff]`, to milliseconds. */
function parseTimeSpan(text: string): number {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a TimeSpan like 00:05:00.`);
  const [, days = "0", hours, minutes, seconds, fraction = "0"] = match;
  const ms = Number(`0.${fraction}`) * 1000;
  return (
    ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000 + Math.round(ms)
  );
}
