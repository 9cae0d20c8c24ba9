/**
 * Sends what a function set on its Service Bus output bindings (`return` or `context.extraOutputs`) once the
 * invocation succeeded, as the real host does. An array sends one message per element.
 */
import type { InvocationContext } from "@azure/functions";
import type { ServiceBusMessage } from "@azure/service-bus";
import type { RegisteredFunction } from "./registry";
import type { ServiceBusConnections } from "./service-bus-connections";

export async function sendServiceBusOutputs(
  connections: ServiceBusConnections,
  fn: RegisteredFunction,
  context: InvocationContext,
  returnValue: unknown
): Promise<number> {
  let sent = 0;
  for (const output of fn.serviceBusOutputs) {
    const value = output.isReturn ? returnValue : context.extraOutputs.get(output.name);
    if (value === undefined || value === null) continue;
    const messages = (Array.isArray(value) ? value : [value]).map(toMessage);
    if (messages.length === 0) continue;
    await connections.sender(output.connection, output.queueName).sendMessages(messages);
    sent += messages.length;
  }
  return sent;
}

function toMessage(value: unknown): ServiceBusMessage {
  if (Buffer.isBuffer(value)) return { body: value, contentType: "application/octet-stream" };
  if (typeof value === "string") return { body: value, contentType: "text/plain" };
  return { body: value, contentType: "application/json" };
}
