/** RFC 9457 problem details, the body of every error response. */
import type { HttpResponseInit } from "@azure/functions";

export interface ProblemDetails {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly [extension: string]: unknown;
}

export function problemResponse(problem: ProblemDetails, headers: Record<string, string> = {}): HttpResponseInit {
  return {
    status: problem.status,
    headers: { ...headers, "content-type": "application/problem+json" },
    body: JSON.stringify({ type: "about:blank", ...problem })
  };
}
