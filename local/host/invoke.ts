/**
 * Runs one invocation of a registered function the way the real host does: a fresh InvocationContext with an
 * invocation id, the trigger input as first argument, and one structured log line when it ends.
 */
import { randomUUID } from "node:crypto";
import { InvocationContext, type RetryContext } from "@azure/functions";
import { formatLogArguments, type HostLog, type LogLevel } from "./host-log";
import type { RegisteredFunction } from "./registry";

export interface InvocationRequest {
  readonly fn: RegisteredFunction;
  readonly input: unknown;
  readonly triggerMetadata?: Record<string, unknown>;
  readonly retryContext?: RetryContext;
  /**
   * Runs inside the invocation's timing, before its log line: maps the result for the trigger (an HTTP
   * response, queue settlement) and returns extra fields for the log line. If it throws, the invocation fails.
   */
  readonly settle?: (outcome: InvocationOutcome) => Promise<Record<string, unknown>>;
}

export type InvocationOutcome =
  | { readonly ok: true; readonly result: unknown; readonly context: InvocationContext }
  | { readonly ok: false; readonly error: unknown; readonly context: InvocationContext };

export async function invoke(log: HostLog, request: InvocationRequest): Promise<InvocationOutcome> {
  const { fn } = request;
  const invocationId = randomUUID();
  const context = new InvocationContext({
    invocationId,
    functionName: fn.name,
    triggerMetadata: request.triggerMetadata,
    retryContext: request.retryContext,
    logHandler: (level: LogLevel, ...args: unknown[]) =>
      log.write({ level, message: formatLogArguments(args), function: fn.name, invocationId, category: "user" })
  });
  const started = performance.now();
  let outcome: InvocationOutcome;
  try {
    const result = await fn.handler(request.input, context);
    outcome = { ok: true, result, context };
  } catch (error) {
    outcome = { ok: false, error, context };
  }
  let fields: Record<string, unknown> = {};
  if (request.settle) {
    try {
      fields = await request.settle(outcome);
    } catch (error) {
      outcome = { ok: false, error, context };
    }
  }
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  log.write({
    level: outcome.ok ? "information" : "error",
    message: outcome.ok ? "Invocation succeeded" : `Invocation failed: ${describeError(outcome.error)}`,
    event: "invocation",
    function: fn.name,
    trigger: fn.trigger.kind,
    invocationId,
    durationMs,
    outcome: outcome.ok ? "succeeded" : "failed",
    ...fields
  });
  return outcome;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
