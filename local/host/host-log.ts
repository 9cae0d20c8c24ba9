/**
 * Structured logging for the local host: one JSON object per line, so whoever is on call can grep or pipe the
 * output into jq. Function code logs through `context.log`, which lands here tagged with the invocation id.
 */
import { format } from "node:util";

export type LogLevel = "trace" | "debug" | "information" | "warning" | "error" | "critical" | "none";

export type LogRecord = Record<string, unknown> & { level: LogLevel; message: string };

export interface HostLog {
  write(record: LogRecord): void;
}

/**
 * Lines written in one turn of the event loop go out in one write: under load that is one syscall for many
 * invocations instead of one each. Whatever is pending is flushed before the process exits.
 */
export function jsonLinesLog(stream: NodeJS.WritableStream = process.stdout): HostLog {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    stream.write(text);
  };
  process.once("exit", flush);
  return {
    write(record) {
      if (pending.length === 0) setImmediate(flush);
      pending.push(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
    }
  };
}

/** Joins `context.log(...args)` arguments the way console.log would, errors included. */
export function formatLogArguments(args: unknown[]): string {
  return format(...args);
}
