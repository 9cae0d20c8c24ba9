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

export function jsonLinesLog(stream: NodeJS.WritableStream = process.stdout): HostLog {
  return {
    write(record) {
      stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
    }
  };
}

export const silentLog: HostLog = { write: () => undefined };

/** Joins `context.log(...args)` arguments the way console.log would, errors included. */
export function formatLogArguments(args: unknown[]): string {
  return format(...args);
}
