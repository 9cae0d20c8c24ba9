/**
 * A local stand-in for Azure Communication Services Email that the unmodified `EmailClient` from
 * `@azure/communication-email` talks to: HMAC-signed sends land in a mailbox (optionally on disk), the
 * long-running-operation dance succeeds at once, and tests can make the next sends fail on purpose.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { foreignHostRefusal, localOnlyRefusal } from "../host/local-only-guard";
import { requestUrl } from "../host/request-target";
import { EmailApi } from "./email-api";
import { BodyTooLargeError, sendServiceError } from "./http-util";
import { MailboxStore, type Mailbox } from "./mailbox";
import { handleMailboxRequest } from "./mailbox-routes";
import type { InjectedFailureStatus } from "./send-failures";
import type { FileIo } from "../storage/file-io";

export type { Mailbox } from "./mailbox";
export type { MailMessage } from "./mail-message";
export type { InjectedFailureStatus } from "./send-failures";

/** The fixed key local connection strings carry unless a caller picks another; never used in Azure. */
export const localEmailAccessKey = Buffer.from("partner-relationships local email server key").toString("base64");

export interface EmailServerOptions {
  /** Interface to listen on; 127.0.0.1 unless given. */
  readonly host?: string;
  /** 0 (the default) picks any free port. */
  readonly port?: number;
  /** Where `mailbox.jsonl` lives; without it the mailbox is memory only. */
  readonly dataDir?: string;
  /** Base64 access key the connection string carries and signatures must use. */
  readonly accessKey?: string;
  readonly log?: (line: string) => void;
  /** The file boundary the mailbox is written through (tests make it fail). */
  readonly io?: FileIo;
}

export interface EmailServer {
  readonly port: number;
  /** `endpoint=http://127.0.0.1:PORT/;accesskey=...`; plain http, so clients need `allowInsecureConnection`. */
  readonly connectionString: string;
  readonly mailbox: Mailbox;
  /**
   * The next `count` send POSTs answer `status` (with `retry-after` when given) and store nothing.
   * Replaces failures armed before; a count of 0 disarms. Throws RangeError on other values.
   */
  failNextSends(count: number, status: InjectedFailureStatus, retryAfterSeconds?: number): void;
  stop(): Promise<void>;
}

export async function startEmailServer(options: EmailServerOptions = {}): Promise<EmailServer> {
  const log = options.log ?? (() => undefined);
  const accessKey = options.accessKey ?? localEmailAccessKey;
  const decodedKey = Buffer.from(accessKey, "base64");
  if (decodedKey.length === 0) throw new RangeError("startEmailServer: accessKey must be a non-empty base64 string");
  const mailbox = MailboxStore.open(options.dataDir, log, options.io);
  const api = new EmailApi(mailbox, decodedKey, log);

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => answerFailure(res, error, log));
  });
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this machine: the signed email API checks Host; the mailbox and the failure switch, every local-tool rule.
    const refusal = requestUrl(req).pathname.startsWith("/emails") ? foreignHostRefusal(req) : localOnlyRefusal(req);
    if (refusal) return sendServiceError(res, refusal.status, refusal.title.replace(/ /g, ""), refusal.detail);
    // The email server shows its own mailbox too, so the CLI alone is enough to read local mail.
    if (handleMailboxRequest(mailbox, req, res) || (await api.handle(req, res))) return;
    sendServiceError(res, 404, "NotFound", `No local email endpoint at ${req.method} ${req.url}.`);
  }

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const connectHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  log(`email: listening on http://${connectHost}:${port}/${options.dataDir ? ` (mailbox in ${options.dataDir})` : ""}`);

  const closeServer = closer(server);
  const close = async () => {
    await closeServer();
    await mailbox.close();
  };
  let stopped: Promise<void> | undefined;
  return {
    port,
    connectionString: `endpoint=http://${connectHost}:${port}/;accesskey=${accessKey}`,
    mailbox,
    failNextSends: (count, status, retryAfterSeconds) =>
      api.failures.arm({ count, status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) }),
    stop: () => (stopped ??= close())
  };
}

/** Closes the server once; later calls share the first result, so stopping twice is harmless. */
function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // The SDK keeps connections alive; close() alone would wait for them to idle out.
      server.closeAllConnections();
    });
}

function answerFailure(res: ServerResponse, error: unknown, log: (line: string) => void): void {
  const tooLarge = error instanceof BodyTooLargeError;
  log(`email: ${tooLarge ? "413" : "500"} ${error instanceof Error ? error.message : String(error)}`);
  if (res.headersSent) return void res.destroy();
  if (tooLarge) sendServiceError(res, 413, "RequestEntityTooLarge", error.message, { connection: "close" });
  else sendServiceError(res, 500, "InternalServerError", "The local email server failed; see its log.");
}
