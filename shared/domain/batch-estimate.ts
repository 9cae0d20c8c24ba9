/**
 * When a batch will be done, from what is left and the partner's invitation limits in force: the rows the current
 * hour and UTC day still allow go at the batch's pace; the rest wait for the next windows, hour by hour and day by
 * day, exactly as the limiter (fixed UTC windows) will let them through. Pure: the windows' use is read by the caller.
 */
import { windowStartOf } from "../limits/fixed-window";

/** One of the partner's invitation windows as it stands now. */
export interface WindowUse {
  readonly max: number;
  /** Used in the window `now` falls in (0 when the stored count is of an older window). */
  readonly used: number;
}

export interface InvitationAllowance {
  readonly hour: WindowUse;
  readonly day: WindowUse;
}

/** A batch's pace when nothing holds it back, per invitation (conservative: the pipeline does better; see BENCHMARKS.md). */
export const assumedSecondsPerInvitation = 0.1;

const hourSeconds = 3_600;
const daySeconds = 86_400;

export function estimateCompletion(
  now: Date,
  pending: number,
  allowance: InvitationAllowance,
  secondsPerInvitation = assumedSecondsPerInvitation
): Date {
  let at = now.getTime();
  let left = pending;
  let hourLeft = Math.max(0, allowance.hour.max - allowance.hour.used);
  let dayLeft = Math.max(0, allowance.day.max - allowance.day.used);
  // Each turn either finishes or moves to a new window, and every window lets at least one through: at most
  // `pending` turns, each a few operations.
  for (;;) {
    const moment = new Date(at);
    const hourEnd = (windowStartOf(moment, hourSeconds) + hourSeconds) * 1000;
    const dayEnd = (windowStartOf(moment, daySeconds) + daySeconds) * 1000;
    // At our pace the window may close before its allowance is used: count only what fits before it ends.
    const fitsInHour = Math.max(1, Math.floor((hourEnd - at) / 1000 / secondsPerInvitation));
    const taken = Math.min(left, hourLeft, dayLeft, fitsInHour);
    at += taken * secondsPerInvitation * 1000;
    left -= taken;
    hourLeft -= taken;
    dayLeft -= taken;
    if (left === 0) return new Date(Math.ceil(at / 1000) * 1000);
    if (dayLeft === 0) {
      at = Math.max(at, dayEnd);
      dayLeft = allowance.day.max;
      hourLeft = allowance.hour.max;
    } else if (hourLeft === 0 || at >= hourEnd) {
      at = Math.max(at, hourEnd);
      hourLeft = allowance.hour.max;
      if (at >= dayEnd) dayLeft = allowance.day.max;
    }
  }
}
