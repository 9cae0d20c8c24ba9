/**
 * The host's HTTP listener: `/<routePrefix>/<route>` runs HTTP-triggered functions, `POST /admin/functions/{name}`
 * runs any other function once (as the real host's admin API does), and dev routes (the local mailbox, the
 * token issuer) are served beside them. Everything else is a 404 problem. The admin API and the dev routes answer
 * this machine only (local-only-guard.ts); the request target is always read as a path (request-target.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { HostLog } from "./host-log";
import { toHttpRequest, toMappedResponse, writeMappedResponse, type MappedResponse } from "./http-mapping";
import { invoke } from "./invoke";
import { localOnlyRefusal } from "./local-only-guard";
import { writeProblem } from "./problem-response";
import type { RegisteredFunction } from "./registry";
import { parseRequestTarget } from "./request-target";
import { readBody } from "../http-body";
import { RouteTable } from "./route-table";

/** A dev route answers true when it took the request; the body has already been read from the stream. */
export type DevRoute = (req: IncomingMessage, res: ServerResponse, body: Buffer) => boolean | Promise<boolean>;

export interface FrontDoorOptions {
  readonly routePrefix: string;
  readonly httpFunctions: readonly RegisteredFunction[];
  readonly log: HostLog;
  /** Starts one run of a non-HTTP function; false when no such function is registered. */
  readonly invokeByAdmin: (name: string, input: unknown) => "started" | "unknown" | "http";
  readonly devRoutes: readonly DevRoute[];
  /** Dev route paths that take an HTML form post (the dev sign-in page); every other dev route takes JSON. */
  readonly devFormPaths?: readonly string[];
  /** Requests larger than this get a 413, as the real host refuses bodies over its limit. */
  readonly maxBodyBytes?: number;
}

const adminInvokePath = /^\/admin\/functions\/([^/]+)\/?$/i;
const devPath = /^\/dev(?:\/|$)/;

export function createFrontDoor(options: FrontDoorOptions): Server {
  const routes = new RouteTable<RegisteredFunction>();
  for (const fn of options.httpFunctions) {
    if (fn.trigger.kind !== "http") continue;
    routes.add(joinRoute(options.routePrefix, fn.trigger.route || fn.name), fn.trigger.methods, fn);
  }
  const maxBodyBytes = options.maxBodyBytes ?? 100 * 1024 * 1024;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log.write({
        level: "error",
        message: `Host failed to answer a request: ${String(error)}`,
        event: "host"
      });
      if (!res.headersSent)
        writeProblem(res, {
          status: 500,
          title: "Internal Server Error",
          detail: "The host could not answer this request."
        });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseRequestTarget(req.url);
    const body = await readBody(req, maxBodyBytes);
    if (!url) {
      writeProblem(res, { status: 400, title: "Bad Request", detail: "The request target must be a path." });
      return;
    }
    if (body === "too large") {
      writeProblem(res, {
        status: 413,
        title: "Payload Too Large",
        detail: `Request bodies are limited to ${maxBodyBytes} bytes.`
      });
      return;
    }
    const admin = adminInvokePath.exec(url.pathname);
    if (admin) {
      if (refusedAsNotLocal(req, res)) return;
      return handleAdminInvoke(req, res, decodeURIComponent(admin[1] as string), body);
    }
    const match = routes.match(req.method ?? "GET", url.pathname);
    if (match === "method") {
      writeProblem(res, {
        status: 405,
        title: "Method Not Allowed",
        detail: `${req.method} is not allowed on ${url.pathname}.`
      });
      return;
    }
    if (match) return runHttpFunction(req, res, match.target, match.params, body);
    // The local tools all live under /dev/; any other path is the 404 the real host would give, whoever asks.
    if (devPath.test(url.pathname)) {
      if (refusedAsNotLocal(req, res)) return;
      for (const devRoute of options.devRoutes) {
        if (await devRoute(req, res, body)) return;
      }
    }
    writeProblem(res, { status: 404, title: "Not Found", detail: `No function or page answers ${url.pathname}.` });
  }

  function refusedAsNotLocal(req: IncomingMessage, res: ServerResponse): boolean {
    const refusal = localOnlyRefusal(req, { formPaths: options.devFormPaths });
    if (refusal) writeProblem(res, { ...refusal });
    return refusal !== undefined;
  }

  async function runHttpFunction(
    req: IncomingMessage,
    res: ServerResponse,
    fn: RegisteredFunction,
    params: Record<string, string>,
    body: Buffer
  ) {
    const baseUrl = `http://${authorityOf(req.headers.host) ?? "127.0.0.1"}`;
    let mapped: MappedResponse | undefined;
    const outcome = await invoke(options.log, {
      fn,
      input: toHttpRequest(req, body, baseUrl, params),
      settle: async (result) => {
        if (!result.ok) return { status: 500 };
        mapped = await toMappedResponse(result.result);
        return { status: mapped.status };
      }
    });
    if (outcome.ok && mapped) {
      writeMappedResponse(res, mapped);
      return;
    }
    // The error itself is in the host log; the caller learns only which invocation to ask about.
    writeProblem(res, {
      status: 500,
      title: "Internal Server Error",
      detail: "The function failed. The host log has the details under this invocation id.",
      invocationId: outcome.context.invocationId
    });
  }

  function handleAdminInvoke(req: IncomingMessage, res: ServerResponse, name: string, body: Buffer) {
    if (req.method !== "POST") {
      writeProblem(res, { status: 405, title: "Method Not Allowed", detail: "Use POST to invoke a function." });
      return;
    }
    let input: unknown;
    try {
      input = body.length > 0 ? (JSON.parse(body.toString("utf8")) as { input?: unknown }).input : undefined;
    } catch {
      writeProblem(res, { status: 400, title: "Bad Request", detail: 'The body must be JSON: {"input": ...}.' });
      return;
    }
    const started = options.invokeByAdmin(name, input);
    if (started === "unknown") {
      writeProblem(res, { status: 404, title: "Not Found", detail: `No function named ${name}.` });
    } else if (started === "http") {
      writeProblem(res, {
        status: 400,
        title: "Bad Request",
        detail: `${name} is HTTP-triggered: call its route instead.`
      });
    } else {
      res.statusCode = 202;
      res.end();
    }
  }
}

/** The Host header when it is a bare host[:port]; anything with a path, user info or junk is not used in a URL. */
function authorityOf(host: string | undefined): string | undefined {
  return host && /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(host) ? host : undefined;
}

function joinRoute(prefix: string, route: string): string {
  const trimmedPrefix = prefix.replace(/^\/+|\/+$/g, "");
  const trimmedRoute = route.replace(/^\/+/, "");
  return trimmedPrefix ? `${trimmedPrefix}/${trimmedRoute}` : trimmedRoute;
}
