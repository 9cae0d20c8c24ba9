import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectStartFailure, startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

interface Tick {
  name: string;
  startedAt: number;
  endedAt?: number;
  isPastDue: boolean;
}

describe("local Functions host: timer triggers", () => {
  let runtime: LocalRuntime;
  const ticks = async (name: string): Promise<Tick[]> =>
    ((await (await fetch(`${runtime.url}/api/fixture/ticks`)).json()) as Tick[]).filter((tick) => tick.name === name);

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      functions: ["dist/test/fixtures/timers/*.js"],
      env: { YEARLY_SCHEDULE: "0 0 0 1 1 *" }
    });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("fires a timer on its 6-field schedule", async () => {
    await expect.poll(async () => (await ticks("everySecond")).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const [first, second] = await ticks("everySecond");
    // One-second schedule: consecutive runs are about a second apart, never bunched up.
    expect((second as Tick).startedAt - (first as Tick).startedAt).toBeGreaterThan(500);
  });

  it("never overlaps two runs of the same timer, even when a run outlasts the period", async () => {
    await expect
      .poll(async () => (await ticks("slowEverySecond")).filter((t) => t.endedAt).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    const runs = (await ticks("slowEverySecond")).filter((t) => t.endedAt);
    for (let i = 1; i < runs.length; i += 1) {
      expect((runs[i] as Tick).startedAt).toBeGreaterThanOrEqual((runs[i - 1] as Tick).endedAt as number);
    }
    expect(runtime.output()).toContain("Skipped a tick: the previous run is still going");
  });

  it("runs a timer once through POST /admin/functions/{name}, taking its schedule from an app setting", async () => {
    expect(await ticks("yearly")).toHaveLength(0);
    const response = await fetch(`${runtime.url}/admin/functions/yearly`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: "" })
    });
    expect(response.status).toBe(202);
    await expect.poll(async () => (await ticks("yearly")).length).toBe(1);
    expect((await ticks("yearly"))[0]?.isPastDue).toBe(false);
  });
});

describe("local Functions host: refusing bad schedules", () => {
  it("refuses to start with a 5-field schedule and says why", async () => {
    const { code, output } = await expectStartFailure({ functions: ["dist/test/fixtures/five-field-schedule/*.js"] });
    expect(code).not.toBe(0);
    expect(output).toContain('Timer function "fiveField"');
    expect(output).toContain("NCRONTAB needs 6 fields");
  });
});

describe("local Functions host: timers run only on demand with --timers manual", () => {
  it("never fires a timer on its schedule, yet runs it through the admin API", async () => {
    const runtime = await startLocalRuntime({
      functions: ["dist/test/fixtures/timers/*.js"],
      env: { YEARLY_SCHEDULE: "0 0 0 1 1 *" },
      args: ["--timers", "manual"]
    });
    try {
      const ticks = async () =>
        ((await (await fetch(`${runtime.url}/api/fixture/ticks`)).json()) as Tick[]).filter(
          (tick) => tick.name === "everySecond"
        );
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await ticks()).toHaveLength(0);
      expect(
        (
          await fetch(`${runtime.url}/admin/functions/everySecond`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: "{}"
          })
        ).status
      ).toBe(202);
      await expect.poll(async () => (await ticks()).length).toBe(1);
    } finally {
      await runtime.stop();
    }
  });
});
