import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clientFor,
  sampleMessage,
  sendAndWait,
  sendFailure,
  startMailboxHost,
  startTestEmailServer,
  type TestEmailServer
} from "./email-kit";

describe("local email server: sending", () => {
  let email: TestEmailServer;
  let host: Awaited<ReturnType<typeof startMailboxHost>>;

  beforeAll(async () => {
    email = await startTestEmailServer();
    host = await startMailboxHost(email.server.mailbox);
  });
  afterAll(async () => {
    await host.stop();
    await email.dispose();
  });

  it("stores from, to, subject, html and text when the SDK sends a message", async () => {
    const message = sampleMessage({
      recipients: {
        to: [{ address: "one@customer.test" }, { address: "two@customer.test" }],
        cc: [{ address: "cc@customer.test" }]
      },
      content: { subject: "Grüße ✓ — invitation", html: "<p>Hallo</p>", plainText: "Hallo" },
      headers: { "x-correlation-id": "corr-1" }
    });

    const result = await sendAndWait(clientFor(email.server.connectionString), message);

    expect(result.status).toBe("Succeeded");
    const stored = email.server.mailbox.list().find((m) => m.subject === "Grüße ✓ — invitation");
    expect(stored).toMatchObject({
      from: "DoNotReply@partners.local.test",
      to: ["one@customer.test", "two@customer.test"],
      cc: ["cc@customer.test"],
      html: "<p>Hallo</p>",
      text: "Hallo",
      headers: { "x-correlation-id": "corr-1" }
    });
    expect(stored?.id && email.server.mailbox.get(stored.id)).toEqual(stored);
    expect(Date.parse(stored?.receivedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
  });

  it("lists the message newest first in /dev/mailbox.json when served by another host", async () => {
    const client = clientFor(email.server.connectionString);
    const first = sampleMessage();
    const second = sampleMessage();
    await sendAndWait(client, first);
    await sendAndWait(client, second);

    const response = await fetch(`${host.url}/dev/mailbox.json`);
    const listed = (await response.json()) as {
      id: string;
      subject: string;
      to: string[];
      html: string;
      text: string;
    }[];

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const subjects = listed.map((m) => m.subject);
    expect(subjects.indexOf(second.content.subject)).toBeLessThan(subjects.indexOf(first.content.subject));
    expect(subjects.indexOf(second.content.subject)).toBe(0);
    expect(listed[0]).toEqual({
      id: expect.any(String),
      from: second.senderAddress,
      to: [second.recipients.to?.[0]?.address],
      subject: second.content.subject,
      html: second.content.html,
      text: second.content.plainText,
      receivedAt: expect.any(String)
    });
  });

  it.each([
    ["there is no recipient", sampleMessage({ recipients: { to: [] } }), "recipient"],
    [
      "there is neither html nor plainText",
      sampleMessage({ content: { subject: "Empty", plainText: "" } }),
      "html or plainText"
    ],
    ["the subject is blank", sampleMessage({ content: { subject: "  ", plainText: "text" } }), "subject"],
    ["the sender is not an address", sampleMessage({ senderAddress: "not-an-address" }), "senderAddress"]
  ])("answers 400 and stores nothing when %s", async (_case, message, mentions) => {
    const before = email.server.mailbox.list().length;

    const failure = await sendFailure(clientFor(email.server.connectionString), message);

    expect(failure.statusCode).toBe(400);
    expect(failure.code).toBe("BadRequest");
    expect(failure.message).toContain(mentions);
    expect(email.server.mailbox.list()).toHaveLength(before);
  });
});
