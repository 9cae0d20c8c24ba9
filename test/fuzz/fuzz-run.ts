/**
 * Runs the generated requests against a running local runtime, a few at a time, and checks each answer: never a
 * 5xx, never a stack trace or a source path, never a page echoing markup unescaped, and an API error is always
 * problem+json. Returns a summary (answers by status, time taken) and every request that broke a rule.
 */
import type { FuzzRequest } from "./api-requests";
import { markupProbe } from "./hostile-values";

export interface FuzzFailure {
  readonly request: FuzzRequest;
  readonly status: number | "no answer";
  readonly problems: readonly string[];
  readonly excerpt: string;
}

export interface FuzzSummary {
  readonly requests: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Answers by operation or page, then by status: what the requests reached. */
  readonly byLabel: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly operations: number;
  readonly durationMs: number;
  readonly failures: readonly FuzzFailure[];
}

const stackTrace = /\n\s+at \S|\bat [\w$.<>]+ \([^)]*:\d+:\d+\)|node_modules|[/\\]dist[/\\]|\.[jt]s:\d+:\d+/;

export async function runRequests(
  baseUrl: string,
  requests: readonly FuzzRequest[],
  concurrency = 6
): Promise<FuzzSummary> {
  const started = performance.now();
  const byStatus: Record<string, number> = {};
  const byLabel: Record<string, Record<string, number>> = {};
  const failures: FuzzFailure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++] as FuzzRequest;
      const outcome = await send(baseUrl, request);
      const status = String(outcome.status);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      const label = (byLabel[request.label] ??= {});
      label[status] = (label[status] ?? 0) + 1;
      if (outcome.problems.length > 0) failures.push(outcome);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    requests: requests.length,
    byStatus,
    byLabel,
    operations: new Set(requests.map((r) => r.label)).size,
    durationMs: Math.round(performance.now() - started),
    failures
  };
}

async function send(baseUrl: string, request: FuzzRequest): Promise<FuzzFailure> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${request.target}`, {
      method: request.method,
      headers: request.headers,
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
      ...(request.body === undefined ? {} : { body: request.body })
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { request, status: "no answer", problems: [`no answer (${String(error)}${cause})`], excerpt: "" };
  }
  const text = await response.text();
  return {
    request,
    status: response.status,
    problems: problemsOf(request, response, text),
    excerpt: text.slice(0, 400)
  };
}

function isGraphError(type: string, text: string): boolean {
  if (!type.startsWith("application/json")) return false;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof body.error?.code === "string" && typeof body.error.message === "string";
  } catch {
    return false;
  }
}

export function problemsOf(request: FuzzRequest, response: Response, text: string): string[] {
  const problems: string[] = [];
  const type = response.headers.get("content-type") ?? "";
  if (response.status >= 500 && !request.documented5xx?.includes(response.status))
    problems.push(`answered ${response.status}`);
  if (stackTrace.test(text)) problems.push("the body shows a stack trace or a source path");
  if (type.startsWith("text/html") && text.includes(markupProbe.slice(0, 7)))
    problems.push("the page echoes markup unescaped");
  // 414 and 431 come from the HTTP server itself (on Azure, from the front end) before any function runs.
  const fromHttpServer = response.status === 414 || response.status === 431;
  // As the URL parser sends it (`/api/x/%2e%2e` goes to `/api/`, which is no operation).
  const pathname = new URL(request.target, "http://x").pathname;
  const isApiPath = /^\/api\/[^/]/.test(pathname);
  if (isApiPath && response.status >= 400 && !fromHttpServer && !type.startsWith("application/problem+json")) {
    problems.push(`an API error that is not problem+json (${type || "no content-type"})`);
  }
  // The Graph surface answers an error of one of its operations in Graph's body.
  const isGraphOperation =
    request.label.startsWith(`${request.method} /v1.0/`) && /^\/v1\.0\/tenantRelationships\/[^/]/.test(pathname);
  // 404 and 405 for a path or method no function serves come from the host itself, as on Azure.
  if (
    isGraphOperation &&
    response.status >= 400 &&
    response.status !== 404 &&
    response.status !== 405 &&
    !fromHttpServer &&
    !isGraphError(type, text)
  ) {
    problems.push(`a Graph error that is not Graph's error body (${type || "no content-type"})`);
  }
  return problems;
}

/** A readable account of the first failures, for the test's message. */
export function describeFailures(failures: readonly FuzzFailure[], max = 15): string {
  return failures
    .slice(0, max)
    .map((failure) => {
      const body =
        failure.request.body === undefined ? "" : ` body=${JSON.stringify(failure.request.body.slice(0, 200))}`;
      const headers = JSON.stringify(
        Object.fromEntries(
          Object.entries(failure.request.headers).map(([k, v]) => [
            k,
            k === "authorization" || k === "cookie" ? `${v.slice(0, 12)}…` : v.slice(0, 80)
          ])
        )
      );
      return `${failure.request.label}: ${failure.request.method} ${failure.request.target.slice(0, 300)} headers=${headers}${body}\n  → ${failure.status}: ${failure.problems.join("; ")}\n  ${failure.excerpt.slice(0, 300)}`;
    })
    .join("\n");
}
