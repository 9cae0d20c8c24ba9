/**
 * Health: each dependency gets one real round trip, bounded by a deadline so a hung dependency yields a prompt
 * "unavailable" instead of a hung probe.
 */
export type DependencyState = "ok" | "unavailable";

export interface DependencyProbe {
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}

export interface HealthReport {
  readonly healthy: boolean;
  readonly dependencies: Readonly<Record<string, DependencyState>>;
}

export async function checkHealth(probes: readonly DependencyProbe[], timeoutMs: number): Promise<HealthReport> {
  const results = await Promise.all(
    probes.map(async (probe): Promise<[string, DependencyState]> => {
      try {
        await probe.check(AbortSignal.timeout(timeoutMs));
        return [probe.name, "ok"];
      } catch {
        return [probe.name, "unavailable"];
      }
    })
  );
  return { healthy: results.every(([, state]) => state === "ok"), dependencies: Object.fromEntries(results) };
}
