/** A clock a unit test sets and moves: the use cases read "now" only through it. */
import type { Clock } from "../../../shared/clock";

export class TestClock implements Clock {
  constructor(private current = new Date("2027-03-01T09:00:00.000Z")) {}

  now(): Date {
    return new Date(this.current);
  }

  set(next: Date | string): void {
    this.current = new Date(next);
  }

  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }

  advanceDays(days: number): void {
    this.advanceMinutes(days * 24 * 60);
  }
}
