import { createHash, createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  afterSigning,
  clientFor,
  sampleMessage,
  sendAndWait,
  sendFailure,
  startTestEmailServer,
  type PipelineRequest,
  type TestEmailServer
} from "./email-kit";

describe("local email server: HMAC authentication", () => {
  let email: TestEmailServer;

  beforeAll(async () => {
    email = await startTestEmailServer();
  });
  afterAll(async () => {
    await email.dispose();
  });

  const accessKeyOf = (connectionString: string): string => connectionString.split("accesskey=")[1] ?? "";

  /** Signs the request again the way communication-common does, but with a chosen x-ms-date. */
  const resignWithDate = (skewMs: number) => (request: PipelineRequest) => {
    const date = new Date(Date.now() + skewMs).toUTCString();
    const url = new URL(request.url);
    const query = url.searchParams.toString();
    const hash = createHash("sha256")
      .update(String(request.body ?? ""))
      .digest("base64");
    const stringToSign = `${request.method}\n${url.pathname}${query ? `?${query}` : ""}\n${date};${url.host};${hash}`;
    const key = Buffer.from(accessKeyOf(email.server.connectionString), "base64");
    const signature = createHmac("sha256", key).update(stringToSign).digest("base64");
    request.headers.set("x-ms-date", date);
    const signedHeaders = "x-ms-date;host;x-ms-content-sha256";
    request.headers.set("Authorization", `HMAC-SHA256 SignedHeaders=${signedHeaders}&Signature=${signature}`);
  };

  it("refuses with 401 and stores nothing when the access key is wrong", async () => {
    const wrongKey = Buffer.from("not the key the server holds").toString("base64");
    const connectionString = email.server.connectionString.replace(/accesskey=.*$/, `accesskey=${wrongKey}`);
    const before = email.server.mailbox.list().length;

    const failure = await sendFailure(clientFor(connectionString), sampleMessage());

    expect(failure.statusCode).toBe(401);
    expect(failure.code).toBe("Denied");
    expect(failure.message).toContain("signature does not match");
    expect(email.server.mailbox.list()).toHaveLength(before);
  });

  it("refuses with 401 when the body is changed after signing", async () => {
    const tamper = afterSigning((request) => {
      request.body = String(request.body).replace("Invitation", "Tampered");
    });
    const before = email.server.mailbox.list().length;

    const failure = await sendFailure(clientFor(email.server.connectionString, tamper), sampleMessage());

    expect(failure.statusCode).toBe(401);
    expect(failure.message).toContain("x-ms-content-sha256 does not match");
    expect(email.server.mailbox.list()).toHaveLength(before);
  });

  it("refuses with 401 when the body and its hash are changed but the signature is not", async () => {
    const tamper = afterSigning((request) => {
      const body = String(request.body).replace("Invitation", "Tampered");
      request.body = body;
      request.headers.set("x-ms-content-sha256", createHash("sha256").update(body).digest("base64"));
    });
    const before = email.server.mailbox.list().length;

    const failure = await sendFailure(clientFor(email.server.connectionString, tamper), sampleMessage());

    expect(failure.statusCode).toBe(401);
    expect(failure.message).toContain("signature does not match");
    expect(email.server.mailbox.list()).toHaveLength(before);
  });

  it("accepts a request re-signed with the current date, proving the re-signing matches the SDK", async () => {
    const message = sampleMessage();

    await sendAndWait(clientFor(email.server.connectionString, afterSigning(resignWithDate(0))), message);

    expect(email.server.mailbox.list()[0]?.subject).toBe(message.content.subject);
  });

  it.each([
    ["20 minutes old", -20 * 60_000],
    ["20 minutes ahead", 20 * 60_000]
  ])("refuses with 401 when x-ms-date is %s", async (_case, skewMs) => {
    const before = email.server.mailbox.list().length;

    const client = clientFor(email.server.connectionString, afterSigning(resignWithDate(skewMs)));
    const failure = await sendFailure(client, sampleMessage());

    expect(failure.statusCode).toBe(401);
    expect(failure.message).toContain("x-ms-date");
    expect(email.server.mailbox.list()).toHaveLength(before);
  });

  it("refuses unsigned requests to both email endpoints", async () => {
    const base = `http://127.0.0.1:${email.server.port}`;

    const body = JSON.stringify(sampleMessage());
    const send = await fetch(`${base}/emails:send?api-version=2025-09-01`, { method: "POST", body });
    const poll = await fetch(`${base}/emails/operations/anything?api-version=2025-09-01`);

    expect(send.status).toBe(401);
    expect(((await send.json()) as { error: { code: string } }).error.code).toBe("Denied");
    expect(poll.status).toBe(401);
  });
});
