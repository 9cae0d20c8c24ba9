/** RFC 9457 problem+json answers the host itself gives (unknown route, failed function, bad admin call). */
import type { ServerResponse } from "node:http";

export interface HostProblem {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

export function writeProblem(res: ServerResponse, problem: HostProblem, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify({ type: "about:blank", ...problem }));
  res.statusCode = problem.status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("content-type", "application/problem+json");
  res.setHeader("content-length", body.length);
  res.end(body);
}
