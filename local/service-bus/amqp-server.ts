/**
 * The AMQP 1.0 listener (rhea, SASL ANONYMOUS): routes each link a client attaches to the `$cbs` node, an entity's
 * `$management` node, a queue (to send) or a queue / dead-letter queue (to receive), and refuses unknown entities
 * the way Service Bus does so the SDK reports `MessagingEntityNotFound`.
 */
import type { AddressInfo, Socket } from "node:net";
import {
  create_container,
  type Connection,
  type EventContext,
  type link,
  type ServerConnectionOptions,
  type Session
} from "rhea";
import { entityNotFound, sendToDeadLetterQueue, sessionsNotSupported } from "./amqp-errors";
import type { Broker } from "./broker";
import { acceptSends } from "./incoming-link";
import { managementResponder } from "./management";
import { OutgoingLink } from "./outgoing-link";
import { answerCbs, ReplyLinks, serveRequests } from "./request-response";
import { setLocalAttach } from "./rhea-internals";

export interface AmqpListener {
  readonly port: number;
  close(): Promise<void>;
}

interface ConnectionState {
  readonly replies: ReplyLinks;
  readonly consumers: Set<OutgoingLink>;
}

const managementSuffix = "/$management";
const maxMessageSizeBytes = 256 * 1024;
const sessionFilter = "com.microsoft:session-filter";

export async function listenAmqp(
  broker: Broker,
  host: string,
  port: number,
  log: (line: string) => void
): Promise<AmqpListener> {
  const container = create_container({ id: "service-bus-emulator" });
  const states = new Map<Connection, ConnectionState>();
  const stateOf = (connection: Connection): ConnectionState => {
    let state = states.get(connection);
    if (state === undefined) {
      state = { replies: new ReplyLinks(log), consumers: new Set() };
      states.set(connection, state);
    }
    return state;
  };
  const dropConnection = (context: EventContext): void => {
    const state = states.get(context.connection);
    if (state !== undefined) log(`service-bus: client gone (${context.connection.container_id})`);
    states.delete(context.connection);
    for (const consumer of state?.consumers ?? []) consumer.close();
  };
  const dropSession = (session: Session | undefined, connection: Connection): void => {
    for (const consumer of states.get(connection)?.consumers ?? []) if (consumer.session === session) consumer.close();
  };

  container.on("sender_open", (context: EventContext) => {
    const sender = context.sender;
    if (sender === undefined) return;
    const address = sender.source?.address ?? "";
    const state = stateOf(context.connection);
    if (address === "$cbs" || address.endsWith(managementSuffix)) {
      const entityPath = address.slice(0, -managementSuffix.length);
      if (address !== "$cbs" && broker.find(entityPath) === undefined) return refuse(sender, entityPath);
      setLocalAttach(sender, { snd_settle_mode: 1, rcv_settle_mode: 0 }); // replies go pre-settled
      sender.set_source({ address });
      state.replies.add(sender);
      return;
    }
    const entity = broker.find(address);
    if (entity === undefined) return refuse(sender, address);
    // Session receivers would silently get every message; say plainly that sessions are not emulated.
    if (sender.source?.filter !== undefined && sessionFilter in sender.source.filter)
      return sender.close(sessionsNotSupported);
    setLocalAttach(sender, {
      snd_settle_mode: sender.snd_settle_mode ?? 0,
      rcv_settle_mode: sender.rcv_settle_mode ?? 0
    });
    sender.set_source({ address });
    const consumer = new OutgoingLink(sender, entity, broker, sender.snd_settle_mode === 1);
    state.consumers.add(consumer);
    sender.once("sender_close", () => state.consumers.delete(consumer));
  });

  container.on("receiver_open", (context: EventContext) => {
    const receiver = context.receiver;
    if (receiver === undefined) return;
    const address = receiver.target?.address ?? "";
    const state = stateOf(context.connection);
    receiver.set_target({ address });
    if (address === "$cbs") return serveRequests(receiver, state.replies, answerCbs);
    if (address.endsWith(managementSuffix)) {
      const entity = broker.find(address.slice(0, -managementSuffix.length));
      if (entity === undefined) return refuse(receiver, address.slice(0, -managementSuffix.length));
      return serveRequests(receiver, state.replies, managementResponder(broker, entity));
    }
    const entity = broker.find(address);
    if (entity === undefined) return refuse(receiver, address);
    // Only queues take sends; a dead-letter queue is filled by the broker alone.
    if (entity.deadLetterQueue === undefined) return receiver.close(sendToDeadLetterQueue);
    // The SDK sizes `createMessageBatch` by this; 256 KB is the Standard tier's limit.
    setLocalAttach(receiver, { max_message_size: maxMessageSizeBytes });
    acceptSends(receiver, entity, broker);
  });

  container.on("connection_open", (context: EventContext) =>
    log(`service-bus: client connected (${context.connection.container_id})`)
  );
  container.on("session_close", (context: EventContext) => dropSession(context.session, context.connection));
  container.on("connection_close", dropConnection);
  container.on("disconnected", dropConnection);
  container.on("error", (error: unknown) =>
    log(`service-bus: ${error instanceof Error ? error.message : String(error)}`)
  );

  // rhea reads link defaults from the connection options: no auto-accept (nothing is accepted before it is
  // journaled), and `modified` kept apart from `released` (abandon and defer are both `modified`).
  const linkDefaults = { autoaccept: false, treat_modified_as_released: false };
  const server = container.listen({ host, port, tcp_no_delay: true, ...linkDefaults } as ServerConnectionOptions);
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });

  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        for (const state of states.values()) for (const consumer of state.consumers) consumer.close();
        states.clear();
        server.close(() => resolve());
      })
  };
}

function refuse(target: link, path: string): void {
  target.close(entityNotFound(path));
}
