/**
 * bench:servicebus's growth run: fills the emulator with messages that stay stored while the loop runs, through
 * the SDK, so they are in the journal too when it has one: active messages in a neighbouring queue nobody
 * receives from, messages scheduled a day ahead in the bench queue itself, and messages in its dead-letter queue.
 */
import { ServiceBusClient, type ServiceBusMessage } from "@azure/service-bus";
import { benchQueue } from "./service-bus-rigs";

export const idleQueue = "bench-idle";
const chunk = 100;

export interface StoredMix {
  readonly active: number;
  readonly scheduled: number;
  readonly deadLettered: number;
}

/** Ten times a round's messages, split half active, a quarter scheduled, a quarter dead-lettered. */
export function storedMix(total: number): StoredMix {
  const scheduled = Math.floor(total / 4);
  const deadLettered = Math.floor(total / 4);
  return { active: total - scheduled - deadLettered, scheduled, deadLettered };
}

function messages(count: number, kind: string): ServiceBusMessage[] {
  return Array.from({ length: count }, (_unused, index) => ({ body: { kind, index, payload: "s".repeat(64) } }));
}

async function inChunks(total: number, work: (size: number) => Promise<void>): Promise<void> {
  for (let done = 0; done < total; done += chunk) await work(Math.min(chunk, total - done));
}

export async function seedStored(connectionString: string, mix: StoredMix): Promise<void> {
  const client = new ServiceBusClient(connectionString, { retryOptions: { maxRetries: 1, timeoutInMs: 20_000 } });
  try {
    const idle = client.createSender(idleQueue);
    await inChunks(mix.active, (size) => idle.sendMessages(messages(size, "active")));
    const bench = client.createSender(benchQueue);
    const tomorrow = new Date(Date.now() + 86_400_000);
    await inChunks(mix.scheduled, async (size) => {
      await bench.scheduleMessages(messages(size, "scheduled"), tomorrow);
    });
    await inChunks(mix.deadLettered, (size) => bench.sendMessages(messages(size, "dead-lettered")));
    const receiver = client.createReceiver(benchQueue);
    for (let moved = 0; moved < mix.deadLettered;) {
      const batch = await receiver.receiveMessages(chunk, { maxWaitTimeInMs: 2_000 });
      if (batch.length === 0)
        throw new Error(`seeding: only ${moved} of ${mix.deadLettered} messages came back to be dead-lettered`);
      await Promise.all(
        batch.map((message) =>
          receiver.deadLetterMessage(message, {
            deadLetterReason: "bench",
            deadLetterErrorDescription: "stored for the growth run"
          })
        )
      );
      moved += batch.length;
    }
  } finally {
    await client.close();
  }
}
