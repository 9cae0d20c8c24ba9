/**
 * Messages ready for delivery, lowest sequence number first (Service Bus hands an abandoned message out again
 * ahead of newer ones). New sends arrive in order and go to a plain FIFO; the few that come back (abandoned,
 * lock expired, scheduled time reached) are kept sorted beside it.
 */
import type { StoredMessage } from "./stored-message";

export class ReadyQueue {
  private fresh: StoredMessage[] = [];
  private head = 0;
  private readonly returned: StoredMessage[] = [];

  get size(): number {
    return this.fresh.length - this.head + this.returned.length;
  }

  push(message: StoredMessage): void {
    if (this.head === this.fresh.length) {
      this.fresh = [];
      this.head = 0;
    }
    const last = this.fresh[this.fresh.length - 1];
    if (last === undefined || last.seq < message.seq) {
      this.fresh.push(message);
      return;
    }
    let low = 0;
    let high = this.returned.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.returned[middle]?.seq ?? 0) < message.seq) low = middle + 1;
      else high = middle;
    }
    this.returned.splice(low, 0, message);
  }

  shift(): StoredMessage | undefined {
    const fresh = this.fresh[this.head];
    const returned = this.returned[0];
    if (returned !== undefined && (fresh === undefined || returned.seq < fresh.seq)) return this.returned.shift();
    if (fresh === undefined) return undefined;
    this.head++;
    // Drop the consumed prefix now and then so the array does not grow for ever.
    if (this.head > 1024 && this.head * 2 > this.fresh.length) {
      this.fresh = this.fresh.slice(this.head);
      this.head = 0;
    }
    return fresh;
  }
}
