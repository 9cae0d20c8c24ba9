/**
 * What the email tests share: the mailbox as the local runtime shows it, the email server's failure switch,
 * invitations through the API, and raw messages on the queues through the Service Bus SDK.
 */
import { ServiceBusClient, type ServiceBusReceivedMessage } from "@azure/service-bus";
import { call, gdapInvitation, partnerAdmin, tokenFor, type ApiResponse } from "../../helpers/api";
import type { LocalRuntime } from "../../helpers/local-runtime";

export interface MailSummary {
  readonly id: string;
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly receivedAt: string;
  /** The operation id the product passed to beginSend (the mailbox shows it). */
  readonly operationId?: string;
}

export type Created = {
  id: string;
  status: string;
  invitationLink: string;
  displayName: string;
  lastError?: { code: string; message: string };
};

export async function mailbox(runtime: Pick<LocalRuntime, "url">): Promise<MailSummary[]> {
  const response = await fetch(`${runtime.url}/dev/mailbox.json`);
  if (response.status !== 200) throw new Error(`mailbox: ${response.status}`);
  return (await response.json()) as MailSummary[];
}

/** Emails carrying this invitation link (the link is unique per invitation). */
export async function emailsWithLink(runtime: Pick<LocalRuntime, "url">, link: string): Promise<MailSummary[]> {
  return (await mailbox(runtime)).filter((mail) => mail.text.includes(link));
}

/** Arms the local email server: the next `count` sends answer `status`. */
export async function failNextSends(
  runtime: Pick<LocalRuntime, "email">,
  count: number,
  status: 429 | 500,
  retryAfterSeconds?: number
): Promise<void> {
  const endpoint = /endpoint=([^;]+)/i.exec(runtime.email.connectionString)?.[1]?.replace(/\/$/, "");
  if (!endpoint) throw new Error(`no endpoint in ${runtime.email.connectionString}`);
  const response = await fetch(`${endpoint}/_local/fail-next-sends`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ count, status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) })
  });
  if (response.status !== 204) throw new Error(`fail-next-sends: ${response.status} ${await response.text()}`);
}

export async function partnerToken(runtime: Pick<LocalRuntime, "url">, partnerTenantId: string): Promise<string> {
  return tokenFor(runtime, partnerAdmin(partnerTenantId));
}

export async function invite(
  runtime: Pick<LocalRuntime, "url">,
  token: string,
  overrides: Record<string, unknown> = {}
): Promise<Created> {
  const response = await call<Created>(runtime, "POST", "/api/relationships", {
    token,
    body: gdapInvitation(overrides)
  });
  if (response.status !== 201) throw new Error(`create: ${response.status} ${response.text}`);
  return response.body;
}

export function serviceBus(runtime: Pick<LocalRuntime, "serviceBus">): ServiceBusClient {
  return new ServiceBusClient(runtime.serviceBus.connectionString, {
    retryOptions: { maxRetries: 1, timeoutInMs: 5_000 }
  });
}

export async function sendRaw(
  client: ServiceBusClient,
  queue: string,
  body: unknown,
  messageId: string
): Promise<void> {
  const sender = client.createSender(queue);
  try {
    await sender.sendMessages({ body, messageId, contentType: "application/json" });
  } finally {
    await sender.close();
  }
}

/** Waits for the dead-lettered message with this id (completing what it reads, so later tests see only theirs). */
export async function deadLettered(
  client: ServiceBusClient,
  queue: string,
  messageId: string,
  timeoutMs = 20_000
): Promise<ServiceBusReceivedMessage | undefined> {
  const receiver = client.createReceiver(queue, { subQueueType: "deadLetter" });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const batch = await receiver.receiveMessages(10, {
        maxWaitTimeInMs: Math.min(2_000, Math.max(100, deadline - Date.now()))
      });
      for (const message of batch) await receiver.completeMessage(message);
      const found = batch.find((message) => message.messageId === messageId);
      if (found) return found;
    }
    return undefined;
  } finally {
    await receiver.close();
  }
}

/** The host's invocation log lines for one message of one function (one JSON line per invocation). */
export function invocationsOf(
  runtime: Pick<LocalRuntime, "output">,
  functionName: string,
  messageId: string
): Record<string, unknown>[] {
  return runtime
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes(messageId))
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return {};
      }
    })
    .filter(
      (entry) => entry.function === functionName && entry.messageId === messageId && entry.event === "invocation"
    );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `read` until `done` holds for its result, and returns that result. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
  intervalMs = 200
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await sleep(intervalMs);
  }
}

/** A change with If-Match from a fresh read, read again on 412: background work (emails sent, outbox cleared) moves the ETag. */
export async function changeWithFreshEtag(
  runtime: Pick<LocalRuntime, "url">,
  token: string,
  method: string,
  path: string,
  readPath: string
): Promise<ApiResponse> {
  return until(
    async () => {
      const read = await call(runtime, "GET", readPath, { token });
      return call(runtime, method, path, { token, headers: { "if-match": read.headers.get("etag") as string } });
    },
    (response) => response.status !== 412
  );
}
