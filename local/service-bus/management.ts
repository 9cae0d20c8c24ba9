/**
 * The `<entity>/$management` node: the operations `@azure/service-bus` sends there (peek, renew-lock, schedule,
 * cancel-scheduled, receive-by-sequence-number, update-disposition). Replies use the camelCase
 * `statusCode`/`statusDescription` application properties, as Service Bus does; peek answers 204 when empty.
 */
import { types, type Message } from "rhea";
import { conditions, failureFor } from "./amqp-errors";
import type { Broker } from "./broker";
import type { Entity } from "./entity";
import { lockKeyFromUuid, uuidBytes } from "./lock-token";
import type { Reply, Responder } from "./request-response";
import {
  abandon,
  complete,
  deadLetter,
  defer,
  renewLock,
  takeDeferred,
  type SettleDone,
  type SettleResult
} from "./settlements";
import { decodeAmqpMessage, encodeWireMessage } from "./stored-message";

type Body = Record<string, unknown>;
type Operation = (broker: Broker, entity: Entity, body: Body, respond: (reply: Reply) => void) => void;

const ok = (body?: unknown): Reply => ({ application_properties: { statusCode: 200, statusDescription: "OK" }, body });
const failure = (statusCode: number, condition: string, description: string): Reply => ({
  application_properties: { statusCode, statusDescription: description, errorCondition: condition }
});
/** 503 with server-busy for a change that could not be saved, which the SDK retries; 500 otherwise. */
const failed = (error: Error): Reply => {
  const fields = failureFor(error);
  return failure(fields.condition === conditions.serverBusy ? 503 : 500, fields.condition, fields.description);
};
const lockLostReply = failure(
  410,
  conditions.lockLost,
  "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue."
);

const operations: Record<string, Operation> = {
  "com.microsoft:peek-message": (broker, entity, body, respond) => {
    const found = broker.peek(
      entity,
      sequenceNumber(body["from-sequence-number"]) ?? 1,
      Number(body["message-count"] ?? 1)
    );
    if (found.length === 0)
      return respond({ application_properties: { statusCode: 204, statusDescription: "No Content" } });
    respond(ok({ messages: found.map((message) => ({ message: encodeWireMessage(message, message.lock?.until) })) }));
  },

  "com.microsoft:renew-lock": (_broker, entity, body, respond) => {
    const expirations = lockKeys(body["lock-tokens"]).map((key) => renewLock(entity, key));
    if (expirations.length === 0 || expirations.some((until) => until === undefined)) return respond(lockLostReply);
    respond(ok({ expirations: expirations.map((until) => new Date(until ?? 0)) }));
  },

  "com.microsoft:schedule-message": (broker, entity, body, respond) => {
    const entries = Array.isArray(body["messages"]) ? (body["messages"] as Body[]) : [];
    const messages = entries.map((entry) => decodeAmqpMessage(entry["message"] as Buffer));
    broker.send(entity, messages, (error, seqs) => {
      if (error !== undefined) return respond(failed(error));
      respond(ok({ "sequence-numbers": seqs.map((seq) => types.wrap_long(seq)) }));
    });
  },

  "com.microsoft:cancel-scheduled-message": (broker, entity, body, respond) => {
    broker.cancelScheduled(entity, sequenceNumbers(body["sequence-numbers"]), (error) =>
      respond(error === undefined ? ok() : failed(error))
    );
  },

  "com.microsoft:receive-by-sequence-number": (broker, entity, body, respond) => {
    const receiveAndDelete = Number(body["receiver-settle-mode"]) === 0;
    takeDeferred(broker, entity, sequenceNumbers(body["sequence-numbers"]), receiveAndDelete, (taken, error) => {
      if (error !== undefined) return respond(failed(error));
      if (taken === undefined) {
        return respond(
          failure(
            410,
            conditions.messageNotFound,
            "Failed to lock one or more specified messages. Either the message is already locked or does not exist."
          )
        );
      }
      const messages = taken.map(({ message, lock }) => ({
        ...(lock === undefined ? {} : { "lock-token": types.wrap_uuid(uuidBytes(lock.key)) }),
        message: encodeWireMessage(message, message.lock?.until)
      }));
      respond(ok({ messages }));
    });
  },

  "com.microsoft:update-disposition": (broker, entity, body, respond) => {
    const keys = lockKeys(body["lock-tokens"]);
    const properties = body["properties-to-modify"] as Record<string, unknown> | undefined;
    const settle = settlementFor(String(body["disposition-status"]), body, properties, broker, entity);
    if (settle === undefined)
      return respond(
        failure(400, conditions.notAllowed, `Unknown disposition-status '${String(body["disposition-status"])}'.`)
      );
    if (keys.length === 0) return respond(lockLostReply);
    let pending = keys.length;
    let outcome: SettleResult = "ok";
    for (const key of keys) {
      settle(key, (result) => {
        if (result !== "ok") outcome = result;
        if (--pending === 0) respond(replyFor(outcome));
      });
    }
  }
};

export function managementResponder(broker: Broker, entity: Entity): Responder {
  return (request: Message, respond) => {
    const name = String(request.application_properties?.["operation"] ?? "");
    const operation = operations[name];
    if (operation === undefined)
      return respond(failure(501, conditions.notImplemented, `The local emulator does not support '${name}'.`));
    try {
      operation(broker, entity, (request.body ?? {}) as Body, respond);
    } catch (error) {
      respond(failure(500, conditions.internalError, error instanceof Error ? error.message : String(error)));
    }
  };
}

function settlementFor(
  status: string,
  body: Body,
  properties: Record<string, unknown> | undefined,
  broker: Broker,
  entity: Entity
): ((key: string, done: SettleDone) => void) | undefined {
  switch (status) {
    case "completed":
      return (key, done) => complete(broker, entity, key, done);
    case "abandoned":
      return (key, done) => abandon(broker, entity, key, properties, done);
    case "defered": // sic: the SDK's spelling
      return (key, done) => defer(broker, entity, key, properties, done);
    case "suspended": {
      const reason = {
        reason: optionalText(body["deadletter-reason"]),
        description: optionalText(body["deadletter-description"]),
        properties
      };
      return (key, done) => deadLetter(broker, entity, key, reason, done);
    }
    default:
      return undefined;
  }
}

function replyFor(result: SettleResult): Reply {
  if (result === "ok") return ok();
  if (result === "lock-lost") return lockLostReply;
  if (result === "not-allowed")
    return failure(400, conditions.notAllowed, "A message in a dead-letter queue cannot be dead-lettered again.");
  return failed(result);
}

/** Sequence numbers come as AMQP longs: numbers, or 8-byte buffers past 2^53. */
function sequenceNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (Buffer.isBuffer(value) && value.length === 8) return Number(value.readBigInt64BE());
  return undefined;
}

function sequenceNumbers(value: unknown): number[] {
  const values = Array.isArray(value) ? value : [value];
  return values.map(sequenceNumber).filter((seq): seq is number => seq !== undefined);
}

function lockKeys(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.map(lockKeyFromUuid).filter((key): key is string => key !== undefined);
}

function optionalText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}
