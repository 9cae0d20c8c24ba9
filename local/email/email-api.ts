/**
 * The Communication Services email endpoints the unmodified `EmailClient` calls (`POST /emails:send`,
 * `GET /emails/operations/<id>`), plus the local-only failure switch tests use to exercise SDK retries.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestUrl } from "../host/request-target";
import { verifyHmacSignature } from "./hmac-auth";
import { readSendBody, sendEmpty, sendJson, sendServiceError } from "./http-util";
import type { MailMessage } from "./mail-message";
import type { MailboxStore } from "./mailbox";
import { StorageError } from "../storage/storage-errors";
import { failNextSendsSchema, SendFailures } from "./send-failures";
import { describeIssues, sendEmailRequestSchema, toMailMessage } from "./send-request";

const operationPath = /^\/emails\/operations\/([^/]+)$/;

export class EmailApi {
  readonly failures = new SendFailures();

  constructor(
    private readonly mailbox: MailboxStore,
    private readonly accessKey: Buffer,
    private readonly log: (line: string) => void
  ) {}

  /** Answers the request and returns true when the path is one of the email endpoints. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = requestUrl(req);
    const method = req.method ?? "GET";
    if (url.pathname === "/_local/fail-next-sends") {
      if (method !== "POST") return methodNotAllowed(res, "POST");
      await this.handleFailSwitch(req, res);
    } else if (url.pathname === "/emails:send") {
      if (method !== "POST") return methodNotAllowed(res, "POST");
      await this.handleSend(req, res, url);
    } else if (operationPath.test(url.pathname)) {
      if (method !== "GET") return methodNotAllowed(res, "GET");
      await this.handleOperation(req, res, url);
    } else {
      return false;
    }
    return true;
  }

  private async handleFailSwitch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = failNextSendsSchema.safeParse(parseJson(await readSendBody(req)));
    if (!parsed.success) return sendServiceError(res, 400, "BadRequest", describeIssues(parsed.error));
    this.failures.arm(parsed.data);
    this.log(`email: next ${parsed.data.count} send(s) will fail with ${parsed.data.status}`);
    sendEmpty(res, 204);
  }

  private async handleSend(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await this.authenticatedBody(req, res, url);
    if (body === undefined) return;
    const failure = this.failures.takeNext();
    if (failure !== undefined) {
      this.log(`email: POST /emails:send ${failure.status} (injected failure)`);
      const text = "Injected failure from the local email server.";
      return sendServiceError(res, failure.status, failure.code, text, failure.headers);
    }
    const parsed = sendEmailRequestSchema.safeParse(parseJson(body));
    if (!parsed.success) {
      this.log(`email: POST /emails:send 400 ${describeIssues(parsed.error)}`);
      return sendServiceError(res, 400, "BadRequest", `Invalid email request: ${describeIssues(parsed.error)}`);
    }
    const operationId = singleHeader(req, "operation-id");
    // The SDK retries a failed POST with the same Operation-Id; answering the stored operation instead of
    // storing again is what makes those retries (and deliberate repeats) send exactly once.
    const repeated = operationId === undefined ? undefined : this.mailbox.findByOperationId(operationId);
    const message = repeated ?? toMailMessage(parsed.data, operationId, new Date());
    try {
      if (repeated === undefined) this.mailbox.add(message);
      // A repeat waits too: the first send of that operation may still be on its way to the device.
      await this.mailbox.durable();
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      this.log(`email: POST /emails:send 503 ${error.message}`);
      const text = `The local email server could not save this email, so it kept none: ${error.message}. Try again shortly.`;
      return sendServiceError(res, 503, "ServiceUnavailable", text, { "retry-after": "1" });
    }
    const note = repeated ? " (repeated operation id, stored nothing)" : "";
    this.log(`email: POST /emails:send 202 message=${message.id}${note}`);
    const id = operationIdOf(message);
    const host = req.headers.host ?? "127.0.0.1";
    const location = `http://${host}/emails/operations/${encodeURIComponent(id)}?${url.searchParams}`;
    sendJson(res, 202, { id, status: "Running" }, { "operation-location": location });
  }

  private async handleOperation(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if ((await this.authenticatedBody(req, res, url)) === undefined) return;
    const id = decodePathSegment(operationPath.exec(url.pathname)?.[1] ?? "");
    const message = this.mailbox.findByOperationId(id) ?? this.mailbox.get(id);
    if (message === undefined || operationIdOf(message) !== id) {
      return sendServiceError(res, 404, "NotFound", `No email operation with id ${id}.`);
    }
    sendJson(res, 200, { id, status: "Succeeded" });
  }

  /** Reads the body and checks signature and api-version; on failure it has already answered. */
  private async authenticatedBody(req: IncomingMessage, res: ServerResponse, url: URL): Promise<Buffer | undefined> {
    const body = await readSendBody(req);
    const signed = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body };
    const auth = verifyHmacSignature(signed, this.accessKey, Date.now());
    if (!auth.ok) {
      this.log(`email: ${req.method} ${url.pathname} 401 ${auth.reason}`);
      sendServiceError(res, 401, "Denied", `Denied by the local email server: ${auth.reason}.`);
      return undefined;
    }
    if (!url.searchParams.get("api-version")) {
      sendServiceError(res, 400, "MissingApiVersionParameter", "The api-version query parameter is required.");
      return undefined;
    }
    return body;
  }
}

/** Operations are named by the caller's Operation-Id when it sent one, else by the message id. */
function operationIdOf(message: MailMessage): string {
  return message.operationId ?? message.id;
}

function singleHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === "" ? undefined : first.trim();
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

function methodNotAllowed(res: ServerResponse, allow: string): true {
  sendServiceError(res, 405, "MethodNotAllowed", `Use ${allow}.`, { allow });
  return true;
}
