import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  clientFor,
  perAttempt,
  sampleMessage,
  sendAndWait,
  startTestEmailServer,
  type TestEmailServer
} from "./email-kit";

describe("local email server: failures, retries and operation ids", () => {
  let email: TestEmailServer;

  beforeAll(async () => {
    email = await startTestEmailServer();
  });
  afterEach(() => {
    // A failing assertion must not leave failures armed for the next test.
    email.server.failNextSends(0, 500);
  });
  afterAll(async () => {
    await email.dispose();
  });

  const storedWithSubject = (subject: string) => email.server.mailbox.list().filter((m) => m.subject === subject);

  /** Records the status of every send POST the SDK puts on the wire, retries included. */
  const countingSends = () => {
    const statuses: number[] = [];
    const options = perAttempt(async (request, next) => {
      const response = await next(request);
      if (request.method === "POST") statuses.push(response.status);
      return response;
    });
    return { statuses, options };
  };

  it("stores the message once when the first two sends get 429 with retry-after and the SDK retries", async () => {
    const message = sampleMessage();
    const operationId = randomUUID();
    const { statuses, options } = countingSends();
    email.server.failNextSends(2, 429, 1);
    const started = Date.now();

    const result = await sendAndWait(clientFor(email.server.connectionString, options), message, operationId);

    expect(result).toEqual({ id: operationId, status: "Succeeded" });
    expect(statuses).toEqual([429, 429, 202]);
    // The SDK waited the advertised second before each retry.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(storedWithSubject(message.content.subject)).toHaveLength(1);
    expect(storedWithSubject(message.content.subject)[0]?.operationId).toBe(operationId);
  });

  it("stores the message once when the first two sends get 500 and the SDK retries", async () => {
    const message = sampleMessage();
    const operationId = randomUUID();
    const { statuses, options } = countingSends();
    email.server.failNextSends(2, 500);

    const result = await sendAndWait(clientFor(email.server.connectionString, options), message, operationId);

    expect(result.status).toBe("Succeeded");
    expect(statuses).toEqual([500, 500, 202]);
    expect(storedWithSubject(message.content.subject)).toHaveLength(1);
  });

  it("surfaces the failure and stores nothing when every retry fails", async () => {
    const message = sampleMessage();
    email.server.failNextSends(10, 500);
    const sending = sendAndWait(clientFor(email.server.connectionString), message, randomUUID());

    await expect(sending).rejects.toMatchObject({ statusCode: 500 });
    expect(storedWithSubject(message.content.subject)).toHaveLength(0);
  });

  it("stores the message once when the server stored it but its answer was lost and the SDK retries", async () => {
    const message = sampleMessage();
    const operationId = randomUUID();
    let attempts = 0;
    // The first answer never reaches the SDK, as on a dropped connection after the server stored the mail.
    const loseFirstAnswer = perAttempt(async (request, next) => {
      const response = await next(request);
      if (request.method !== "POST" || ++attempts > 1) return response;
      const lost = { error: { code: "InternalServerError", message: "answer lost" } };
      return { ...response, status: 500, bodyAsText: JSON.stringify(lost) };
    });

    const result = await sendAndWait(clientFor(email.server.connectionString, loseFirstAnswer), message, operationId);

    expect(attempts).toBe(2);
    expect(result).toEqual({ id: operationId, status: "Succeeded" });
    expect(storedWithSubject(message.content.subject)).toHaveLength(1);
  });

  it("stores nothing new when a second beginSend reuses the operation id", async () => {
    const client = clientFor(email.server.connectionString);
    const operationId = randomUUID();
    const message = sampleMessage();
    const total = email.server.mailbox.list().length;

    const first = await sendAndWait(client, message, operationId);
    const changed = sampleMessage({ content: { subject: "Changed my mind", plainText: "x" } });
    const second = await sendAndWait(client, changed, operationId);

    expect(second).toEqual(first);
    expect(email.server.mailbox.list()).toHaveLength(total + 1);
    expect(storedWithSubject(message.content.subject)).toHaveLength(1);
    expect(storedWithSubject("Changed my mind")).toHaveLength(0);
  });

  it("stores two messages when the same content is sent without an operation id", async () => {
    const client = clientFor(email.server.connectionString);
    const message = sampleMessage();

    await sendAndWait(client, message);
    await sendAndWait(client, message);

    expect(storedWithSubject(message.content.subject)).toHaveLength(2);
  });

  it("fails the next send when told over HTTP by a test in another process", async () => {
    const control = `http://127.0.0.1:${email.server.port}/_local/fail-next-sends`;
    const message = sampleMessage();
    const { statuses, options } = countingSends();

    const arm = JSON.stringify({ count: 1, status: 429, retryAfterSeconds: 0 });
    const armed = await fetch(control, { method: "POST", headers: { "content-type": "application/json" }, body: arm });
    const rejected = await fetch(control, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: 1, status: 418 })
    });
    await sendAndWait(clientFor(email.server.connectionString, options), message, randomUUID());

    expect(armed.status).toBe(204);
    expect(rejected.status).toBe(400);
    expect(statuses).toEqual([429, 202]);
    expect(storedWithSubject(message.content.subject)).toHaveLength(1);
  });

  it("rejects a negative count or a fractional retry-after when failures are armed in-process", () => {
    expect(() => email.server.failNextSends(-1, 500)).toThrow(RangeError);
    expect(() => email.server.failNextSends(1, 429, 0.5)).toThrow(RangeError);
  });
});
