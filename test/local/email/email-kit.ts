/** Shared set-up for the local email server tests: a server on a free port with a temp dataDir, real SDK clients. */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmailClient, type EmailClientOptions, type EmailMessage } from "@azure/communication-email";
import { startEmailServer, type EmailServer, type Mailbox } from "../../../local/email/index";
import { handleMailboxRequest } from "../../../local/email/mailbox-routes";

// The pipeline types, reached through the SDK's own options so the tests need no extra dependency.
type PipelinePolicy = NonNullable<EmailClientOptions["additionalPolicies"]>[number]["policy"];
export type PipelineRequest = Parameters<PipelinePolicy["sendRequest"]>[0];

export interface TestEmailServer {
  readonly server: EmailServer;
  readonly dataDir: string;
  /** Stops the server and starts a new one on the same dataDir. */
  restart(): Promise<EmailServer>;
  /** Stops the server and removes the dataDir. */
  dispose(): Promise<void>;
}

export async function startTestEmailServer(): Promise<TestEmailServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "email-test-"));
  let server = await startEmailServer({ dataDir });
  return {
    get server() {
      return server;
    },
    dataDir,
    async restart() {
      await server.stop();
      server = await startEmailServer({ dataDir });
      return server;
    },
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

/** A real EmailClient; retries are kept fast unless a test asks otherwise, so the suite stays quick. */
export function clientFor(connectionString: string, options: EmailClientOptions = {}): EmailClient {
  return new EmailClient(connectionString, {
    allowInsecureConnection: true,
    retryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 200 },
    ...options
  });
}

/** Adds a policy that sees every attempt on the wire, after the SDK has signed it and after each retry decision. */
export function perAttempt(sendRequest: PipelinePolicy["sendRequest"]): EmailClientOptions {
  return { additionalPolicies: [{ position: "perRetry", policy: { name: "test-per-attempt", sendRequest } }] };
}

/** Alters each request after the SDK signed it, as a man in the middle would. */
export function afterSigning(alter: (request: PipelineRequest) => void): EmailClientOptions {
  return perAttempt((request, next) => {
    alter(request);
    return next(request);
  });
}

export function sampleMessage(overrides: Partial<EmailMessage> = {}): EmailMessage {
  const tag = randomUUID().slice(0, 8);
  return {
    senderAddress: "DoNotReply@partners.local.test",
    recipients: { to: [{ address: `admin-${tag}@customer.test`, displayName: "Customer admin" }] },
    content: {
      subject: `Invitation ${tag}`,
      html: `<p>Accept the <a href="https://partner.test/accept/${tag}">invitation</a>.</p>`,
      plainText: `Accept the invitation: https://partner.test/accept/${tag}`
    },
    ...overrides
  };
}

/** Sends through the SDK and waits for the operation to finish, polling every 50 ms. */
export async function sendAndWait(
  client: EmailClient,
  message: EmailMessage,
  operationId?: string
): Promise<{ id: string; status: string }> {
  const poller = await client.beginSend(message, { updateIntervalInMs: 50, ...(operationId ? { operationId } : {}) });
  return poller.pollUntilDone();
}

/** What a failed SDK call threw, as the few fields the tests assert on. */
export async function sendFailure(
  client: EmailClient,
  message: EmailMessage
): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await sendAndWait(client, message);
  } catch (error) {
    const { statusCode, code, message: text } = error as { statusCode?: number; code?: string; message: string };
    return { statusCode, code, message: text };
  }
  throw new Error("expected the send to fail");
}

/** A stand-in for the Functions host: serves only what handleMailboxRequest claims, 404 otherwise. */
export async function startMailboxHost(mailbox: Mailbox): Promise<{ url: string; stop(): Promise<void> }> {
  const host = createServer((req, res) => {
    if (handleMailboxRequest(mailbox, req, res)) return;
    res.statusCode = 404;
    res.end("not a mailbox path");
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(host.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        host.close(() => resolve());
        host.closeAllConnections();
      })
  };
}
