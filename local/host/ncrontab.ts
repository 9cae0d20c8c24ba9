/**
 * NCRONTAB schedules as Azure Functions reads them: six fields, seconds first (`0 0/5 * * * *` = every five minutes), and
 * `%SettingName%` to take the schedule from an app setting. croner parses the same grammar but would silently
 * read a five-field expression minutes-first, so anything but six fields is refused.
 */
import { Cron } from "croner";

export class ScheduleError extends Error {
  override readonly name = "ScheduleError";
}

export interface Schedule {
  readonly expression: string;
  nextAfter(date: Date): Date;
}

export function parseSchedule(functionName: string, raw: string, settings: NodeJS.ProcessEnv): Schedule {
  const expression = resolveSetting(functionName, raw.trim(), settings);
  const fields = expression.split(/\s+/).filter(Boolean);
  if (fields.length !== 6) {
    throw new ScheduleError(
      `Timer function "${functionName}" has the schedule "${expression}" with ${fields.length} fields. ` +
        `NCRONTAB needs 6 fields, seconds first: "{second} {minute} {hour} {day} {month} {day-of-week}", e.g. "0 */5 * * * *".`
    );
  }
  let cron: Cron;
  try {
    cron = new Cron(expression, { paused: true });
  } catch (error) {
    throw new ScheduleError(
      `Timer function "${functionName}" has an invalid schedule "${expression}": ${(error as Error).message}`
    );
  }
  return {
    expression,
    nextAfter(date) {
      const next = cron.nextRun(date);
      if (!next) throw new ScheduleError(`Timer function "${functionName}" never fires: "${expression}".`);
      return next;
    }
  };
}

function resolveSetting(functionName: string, raw: string, settings: NodeJS.ProcessEnv): string {
  const setting = /^%([^%]+)%$/.exec(raw);
  if (!setting) return raw;
  const value = settings[setting[1] as string];
  if (!value)
    throw new ScheduleError(
      `Timer function "${functionName}" takes its schedule from the app setting ${setting[1]}, which is not set.`
    );
  return value.trim();
}
