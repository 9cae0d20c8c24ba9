/**
 * Runs timer-triggered functions on their schedules as the real host does: `runOnStartup`, a missed occurrence
 * (the app was down at its time) run once at start with `isPastDue`, and never two runs of one timer at once —
 * a tick that finds the previous run still going is skipped. The schedule status (last, next) is kept under
 * the data folder, as the real host keeps it in storage.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { HostLog } from "./host-log";
import { invoke } from "./invoke";
import { parseSchedule, type Schedule } from "./ncrontab";
import type { RegisteredFunction } from "./registry";

interface ScheduleStatus {
  last: string;
  next: string;
  lastUpdated: string;
}

/** What a timer handler receives, shaped like the real host's `Timer`. */
export interface TimerInput {
  isPastDue: boolean;
  schedule: { adjustForDST: boolean };
  scheduleStatus?: ScheduleStatus;
}

// A tick that starts this much later than planned counts as past due.
const pastDueToleranceMs = 1_000;
// setTimeout cannot wait longer than 2^31-1 ms; longer waits are re-armed.
const maxTimeoutMs = 2 ** 31 - 1;

class ScheduledTimer {
  private running: Promise<void> | undefined;
  private handle: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Set while the status file cannot be written, so the warning is given once, not every tick. */
  private statusUnsaved = false;

  constructor(
    private readonly fn: RegisteredFunction,
    private readonly schedule: Schedule,
    private readonly log: HostLog,
    private readonly statusFile: string | undefined
  ) {}

  start(runOnStartup: boolean): void {
    const previous = this.readStatus();
    const now = new Date();
    if (previous && new Date(previous.next) < now) void this.run(true, "missed occurrence");
    else if (runOnStartup) void this.run(false, "runOnStartup");
    this.arm(this.schedule.nextAfter(now));
  }

  /** An admin invocation waits for a running one rather than overlap it. */
  async runNow(): Promise<void> {
    while (this.running) await this.running;
    await this.run(false, "admin");
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.handle) clearTimeout(this.handle);
    await this.running;
  }

  private arm(due: Date): void {
    if (this.stopped) return;
    this.writeStatus(due);
    const wait = Math.min(Math.max(due.getTime() - Date.now(), 0), maxTimeoutMs);
    this.handle = setTimeout(() => this.tick(due), wait);
    this.handle.unref();
  }

  private tick(due: Date): void {
    if (Date.now() < due.getTime()) return this.arm(due);
    if (this.running) {
      this.log.write({
        level: "warning",
        message: "Skipped a tick: the previous run is still going",
        event: "timer",
        function: this.fn.name
      });
    } else {
      void this.run(Date.now() - due.getTime() > pastDueToleranceMs, "schedule");
    }
    this.arm(this.schedule.nextAfter(new Date(Math.max(Date.now(), due.getTime()))));
  }

  private run(isPastDue: boolean, reason: string): Promise<void> {
    const input: TimerInput = { isPastDue, schedule: { adjustForDST: true }, scheduleStatus: this.readStatus() };
    const run = invoke(this.log, { fn: this.fn, input, settle: async () => ({ reason, isPastDue }) }).then(
      () => undefined
    );
    this.running = run;
    return run.finally(() => {
      if (this.running === run) this.running = undefined;
    });
  }

  private readStatus(): ScheduleStatus | undefined {
    if (!this.statusFile || !existsSync(this.statusFile)) return undefined;
    try {
      return JSON.parse(readFileSync(this.statusFile, "utf8")) as ScheduleStatus;
    } catch {
      return undefined;
    }
  }

  /**
   * The status is bookkeeping (it lets a restart notice a missed run), so a disk that cannot take it must not stop
   * the timer: this runs inside a timer callback, where a throw would end the whole process.
   */
  private writeStatus(next: Date): void {
    if (!this.statusFile) return;
    const now = new Date().toISOString();
    const status: ScheduleStatus = { last: this.readStatus()?.next ?? now, next: next.toISOString(), lastUpdated: now };
    try {
      writeFileSync(this.statusFile, JSON.stringify(status));
      this.statusUnsaved = false;
    } catch (error) {
      if (this.statusUnsaved) return;
      this.statusUnsaved = true;
      const reason = error instanceof Error ? error.message : String(error);
      this.log.write({
        level: "warning",
        message: `The timer keeps running, but its schedule status was not saved: ${reason}`,
        event: "timer",
        function: this.fn.name
      });
    }
  }
}

export class TimerScheduler {
  private readonly timers = new Map<string, ScheduledTimer>();

  /** Parses every schedule first, so one bad schedule stops the host before anything runs. */
  constructor(
    functions: readonly RegisteredFunction[],
    log: HostLog,
    settings: NodeJS.ProcessEnv,
    dataDir: string | undefined
  ) {
    const statusDir = dataDir ? join(dataDir, "timers") : undefined;
    if (statusDir) mkdirSync(statusDir, { recursive: true });
    for (const fn of functions) {
      if (fn.trigger.kind !== "timer") continue;
      const schedule = parseSchedule(fn.name, fn.trigger.schedule, settings);
      const statusFile = statusDir ? join(statusDir, `${fn.name}.json`) : undefined;
      this.timers.set(fn.name, new ScheduledTimer(fn, schedule, log, statusFile));
    }
  }

  start(functions: readonly RegisteredFunction[]): void {
    for (const fn of functions) {
      if (fn.trigger.kind === "timer") this.timers.get(fn.name)?.start(fn.trigger.runOnStartup);
    }
  }

  has(name: string): boolean {
    return this.timers.has(name);
  }

  runNow(name: string): Promise<void> {
    const timer = this.timers.get(name);
    if (!timer) return Promise.reject(new Error(`No timer named ${name}`));
    return timer.runNow();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.timers.values()].map((timer) => timer.stop()));
  }
}
