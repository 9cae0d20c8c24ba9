/** The few node:http helpers the dev issuer's routes need: JSON and problem+json answers. */
import type { ServerResponse } from "node:http";

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  send(res, status, "application/json; charset=utf-8", body, headers);
}

export interface Problem {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

export function sendProblem(res: ServerResponse, problem: Problem, headers: Record<string, string> = {}): void {
  send(res, problem.status, "application/problem+json", { type: "about:blank", ...problem }, headers);
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: unknown,
  headers: Record<string, string>
): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("content-type", contentType);
  res.setHeader("content-length", payload.length);
  // Tokens and keys are per run; nothing here should sit in a cache.
  res.setHeader("cache-control", "no-store");
  res.end(payload);
}
