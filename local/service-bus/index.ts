/**
 * A local Service Bus emulator the unmodified `@azure/service-bus` SDK talks to over AMQP 1.0, for running the
 * product on one machine. Queues come from `QueueDeclaration`s; with `dataDir` every acknowledged message survives a
 * restart, `kill -9` included.
 *
 *   const bus = await startServiceBusEmulator({ port: 0, queues });
 *   const client = new ServiceBusClient(bus.connectionString);
 */
import type { QueueDeclaration } from "../../shared/messaging/queues";
import { listenAmqp, type AmqpListener } from "./amqp-server";
import { Broker, type QueueCounts } from "./broker";
import { DiskStore } from "./disk-store";
import { memoryJournal } from "./journal";
import { nodeFileIo, type FileIo } from "../storage/file-io";
import type { RefusalKind } from "./send-refusals";
import { expireLocks } from "./settlements";

export type { QueueCounts } from "./broker";
export type { RefusalKind } from "./send-refusals";

export interface ServiceBusEmulatorOptions {
  /** Interface to listen on; 127.0.0.1 unless given. */
  readonly host?: string;
  /** 5672 unless given; 0 picks a free port (read it back from `port`). */
  readonly port?: number;
  /** Folder for the journal and snapshot; without it everything is in memory only. */
  readonly dataDir?: string;
  readonly queues: readonly QueueDeclaration[];
  readonly log?: (line: string) => void;
  /** The file boundary the journal and snapshot are written through (tests make it fail). */
  readonly io?: FileIo;
}

export interface ServiceBusEmulator {
  readonly port: number;
  /** `Endpoint=sb://127.0.0.1:PORT;...;UseDevelopmentEmulator=true`, ready for `new ServiceBusClient(cs)`. */
  readonly connectionString: string;
  /** Message counts per declared queue, for a quick look at what is stuck where. */
  counts(): Record<string, QueueCounts>;
  /** Failure injection: the next `count` sends to `queue` are rejected as Service Bus would (0 disarms). */
  refuseSends(queue: string, count: number, kind?: RefusalKind): void;
  /** Closes every connection, frees the port and (with `dataDir`) compacts the journal into the snapshot. */
  stop(): Promise<void>;
}

/** How often expired locks and due scheduled messages are looked for. */
const sweepIntervalMs = 50;

export function serviceBusConnectionString(host: string, port: number): string {
  return `Endpoint=sb://${host}:${port};SharedAccessKeyName=local;SharedAccessKey=local;UseDevelopmentEmulator=true`;
}

export async function startServiceBusEmulator(options: ServiceBusEmulatorOptions): Promise<ServiceBusEmulator> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => undefined);
  let store: DiskStore | undefined;
  const snapshot = (): ReturnType<Broker["snapshotRecords"]> => broker.snapshotRecords();
  let broker: Broker;
  if (options.dataDir === undefined) {
    broker = new Broker(options.queues, memoryJournal, log);
  } else {
    const compactLater = () => {
      void store
        ?.compact(snapshot)
        .catch((error: unknown) =>
          log(`service-bus: compaction failed, the journal keeps growing (${(error as Error).message})`)
        );
    };
    const opened = DiskStore.open(options.dataDir, options.io ?? nodeFileIo, log, compactLater);
    store = opened.store;
    broker = new Broker(options.queues, store.journal, log);
    const restored = broker.restore(opened.recovered);
    store.compactAtStart(snapshot);
    if (restored > 0) log(`service-bus: restored ${restored} message(s) from ${options.dataDir}`);
  }

  const sweep = setInterval(() => {
    const now = Date.now();
    expireLocks(broker, now);
    broker.activateDue(now);
  }, sweepIntervalMs);
  sweep.unref();

  let listener: AmqpListener;
  try {
    listener = await listenAmqp(broker, host, options.port ?? 5672, log);
  } catch (error) {
    clearInterval(sweep);
    await store?.close(snapshot);
    throw error;
  }
  const connectHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  log(`service-bus: listening on ${host}:${listener.port}`);

  let stopped: Promise<void> | undefined;
  return {
    port: listener.port,
    connectionString: serviceBusConnectionString(connectHost, listener.port),
    counts: () => broker.counts(),
    refuseSends: (queue, count, kind) => broker.refusals.arm(queue, count, kind),
    stop: () => {
      stopped ??= (async () => {
        clearInterval(sweep);
        await listener.close();
        await store?.close(snapshot);
      })();
      return stopped;
    }
  };
}
