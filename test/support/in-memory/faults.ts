/**
 * Failures on cue for the in-memory ports: each fake records its calls here, and a test queues the errors its next
 * calls of a kind throw (first in, first out) before they touch anything, as an outage or a crash would.
 */
export class Faults<Call extends string> {
  /** Every call, in order: what a use case costs in requests. */
  readonly calls: Call[] = [];
  private readonly queued = new Map<Call, Error[]>();

  failNext(call: Call, error: Error = new Error(`the ${call} failed`), times = 1): void {
    const errors = this.queued.get(call) ?? [];
    for (let n = 0; n < times; n += 1) errors.push(error);
    this.queued.set(call, errors);
  }

  /** Records the call, then throws the next failure queued for it, if any. */
  enter(call: Call): void {
    this.calls.push(call);
    const failure = this.queued.get(call)?.shift();
    if (failure) throw failure;
  }

  count(call: Call): number {
    return this.calls.filter((made) => made === call).length;
  }
}
