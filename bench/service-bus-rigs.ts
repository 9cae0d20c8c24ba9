/**
 * The two client loops bench:servicebus compares, and the bare server of the floor. A rig attaches its links once;
 * `round(size)` sends `size` messages with at most `sendWindow` awaiting `accepted`, and resolves once receivers have
 * taken (and, with the SDK, completed) all of them.
 */
import { ServiceBusClient } from "@azure/service-bus";
import { acceptedOutcome, settleAndForget } from "../local/service-bus/rhea-internals";
import { create_container, type EventContext, type Message, type Sender, type ServerConnectionOptions } from "rhea";

export const benchQueue = "bench";
export const sendWindow = 16;
const payload = "x".repeat(64);

export interface BenchServer {
  readonly port: number;
  readonly connectionString?: string;
}

export interface Rig {
  /** `awaitReceipt: false`: resolve once the sends are accepted (for a rig whose receivers live elsewhere). */
  round(size: number, awaitReceipt?: boolean): Promise<void>;
  close(): Promise<void>;
}

export type RigFactory = (server: BenchServer, receivers: number) => Promise<Rig>;

/** Runs `send` for 0..count-1 with at most `sendWindow` sends awaiting their `accepted`. */
async function sendAll(count: number, send: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: sendWindow }, async () => {
      while (next < count) await send(next++);
    })
  );
}

/** Counts settled messages and resolves once a round's target is reached. */
class Completion {
  private count = 0;
  private target = 0;
  private reached: () => void = () => undefined;

  expect(size: number): Promise<void> {
    this.count = 0;
    this.target = size;
    return new Promise((resolve) => (this.reached = resolve));
  }

  one(): void {
    if (++this.count === this.target) this.reached();
  }
}

/** The SDK loop: one sender, N receivers each with `subscribe` (one message at a time) and explicit complete. */
export const sdkRig: RigFactory = async (server, receivers) => {
  const client = new ServiceBusClient(server.connectionString ?? "", {
    retryOptions: { maxRetries: 1, timeoutInMs: 10_000 }
  });
  const completion = new Completion();
  const subscriptions = Array.from({ length: receivers }, () => {
    const receiver = client.createReceiver(benchQueue);
    return receiver.subscribe(
      {
        processMessage: async (message) => {
          await receiver.completeMessage(message);
          completion.one();
        },
        processError: async ({ error }) => {
          console.error(`receiver: ${String(error)}`);
        }
      },
      { autoCompleteMessages: false, maxConcurrentCalls: 1 }
    );
  });
  const sender = client.createSender(benchQueue);
  return {
    round: async (size) => {
      const done = completion.expect(size);
      await sendAll(size, (index) => sender.sendMessages({ body: { index, payload } }));
      await done;
    },
    close: async () => {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      await client.close();
    }
  };
};

/** The floor: bare rhea client, same shape (a window of unsettled sends, receivers with credit 1 that accept). */
export const bareRig: RigFactory = async (server, receivers) => {
  const connection = create_container().connect({ host: "127.0.0.1", port: server.port, reconnect: false });
  connection.on("disconnected", () => undefined); // the server is stopped right after each case
  const completion = new Completion();
  for (let index = 0; index < receivers; index++) {
    connection
      .open_receiver({ source: { address: benchQueue }, credit_window: 1, autoaccept: true })
      .on("message", () => completion.one());
  }
  const sender = connection.open_sender({ target: { address: benchQueue } });
  await new Promise<void>((resolve) => sender.once("sendable", () => resolve()));
  return {
    round: async (size, awaitReceipt = true) => {
      const done = awaitReceipt ? completion.expect(size) : Promise.resolve();
      let sent = 0;
      let accepted = 0;
      let allAccepted: () => void = () => undefined;
      const sendsAccepted = new Promise<void>((resolve) => (allAccepted = resolve));
      const pump = (): void => {
        while (sent < size && sent - accepted < sendWindow && sender.sendable())
          sender.send({ body: { index: sent++, payload } });
      };
      const onAccepted = (): void => {
        if (++accepted === size) allAccepted();
        pump();
      };
      sender.on("accepted", onAccepted);
      sender.on("sendable", pump);
      pump();
      await (awaitReceipt ? done : sendsAccepted);
      sender.off("accepted", onAccepted);
      sender.off("sendable", pump);
    },
    close: async () => {
      const closed = new Promise((resolve) => connection.once("connection_close", resolve));
      connection.close();
      await closed;
    }
  };
};

/**
 * A fairer floor beside the issue's: bare rhea doing what the SDK must in peek-lock mode. Each receiver accepts
 * unsettled (rcv-settle-mode second), waits for the server's settled answer, and only then asks for the next message,
 * as `subscribe` with `maxConcurrentCalls: 1` does after `completeMessage`. Two round trips a message, not one.
 */
export const barePeekLockRig: RigFactory = async (server, receivers) => {
  const connection = create_container().connect({ host: "127.0.0.1", port: server.port, reconnect: false });
  connection.on("disconnected", () => undefined);
  const completion = new Completion();
  for (let index = 0; index < receivers; index++) {
    const receiver = connection.open_receiver({
      source: { address: benchQueue },
      credit_window: 0,
      autoaccept: false,
      rcv_settle_mode: 1
    });
    receiver.on("message", (context: EventContext) => context.delivery?.accept());
    receiver.on("settled", () => {
      completion.one();
      receiver.add_credit(1);
    });
    receiver.add_credit(1);
  }
  const floor = await bareRig({ port: server.port }, 0);
  return {
    round: async (size) => {
      const done = completion.expect(size);
      await floor.round(size, false);
      await done;
    },
    close: async () => {
      await floor.close();
      const closed = new Promise((resolve) => connection.once("connection_close", resolve));
      connection.close();
      await closed;
    }
  };
};

/** Child-process mode: the minimal rhea server that accepts (settled) and forwards to receivers with credit. */
export function serveBare(): void {
  const container = create_container({ id: "bare" });
  const consumers: Sender[] = [];
  const backlog: Message[] = [];
  const sent = new Map<Sender, number>();
  let turn = 0;
  // Credit counted as the emulator does: rhea lowers `credit` only when a transfer is written, a tick later.
  const creditLeft = (sender: Sender): number => {
    const link = sender as unknown as { credit: number; delivery_count: number };
    return link.credit + link.delivery_count - (sent.get(sender) ?? 0);
  };
  const nextWithCredit = (): Sender | undefined => {
    for (let offset = 0; offset < consumers.length; offset++) {
      const index = (turn + offset) % consumers.length;
      const consumer = consumers[index];
      if (consumer !== undefined && creditLeft(consumer) > 0) {
        turn = index + 1;
        return consumer;
      }
    }
    return undefined;
  };
  const flush = (): void => {
    for (let consumer = nextWithCredit(); consumer !== undefined && backlog.length > 0; consumer = nextWithCredit()) {
      sent.set(consumer, (sent.get(consumer) ?? 0) + 1);
      consumer.send(backlog.shift() as Message);
    }
  };
  container.on("sender_open", (context: EventContext) => {
    if (context.sender === undefined) return;
    consumers.push(context.sender);
    context.sender.on("sender_flow", flush);
    // A peek-lock receiver accepts unsettled and waits for the answer (the floor settles itself: no-op).
    context.sender.on("accepted", (accepted: EventContext) => {
      if (accepted.delivery?.remote_settled === false) settleAndForget(accepted.delivery, acceptedOutcome());
    });
  });
  container.on("disconnected", () => undefined); // clients just go away at the end of a case
  process.once("SIGTERM", () => process.exit(0)); // exits normally, so `--cpu-prof` can write its profile
  container.on("message", (context: EventContext) => {
    if (context.message !== undefined) backlog.push(context.message);
    flush();
  });
  const server = container.listen({ host: "127.0.0.1", port: 0, tcp_no_delay: true } as ServerConnectionOptions);
  server.on("listening", () => {
    const address = server.address();
    process.stdout.write(
      `${JSON.stringify({ ready: true, port: typeof address === "object" && address !== null ? address.port : 0 })}\n`
    );
  });
}
