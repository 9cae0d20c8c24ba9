import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailMessage } from "../../../local/email/index";
import {
  clientFor,
  sampleMessage,
  sendAndWait,
  sendFailure,
  startMailboxHost,
  startTestEmailServer,
  type TestEmailServer
} from "./email-kit";

// Bytes of every value, so a text decode or a trim anywhere on the way would show.
const pdfBytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(4096), Buffer.from([0, 255, 10, 13])]);
const hostileName = `"><img src=x onerror=alert(1)>\r\nX-Evil: 1.pdf`;
const hostileHeader = `<script>alert("h")</script>`;

interface MailboxJsonEntry {
  id: string;
  cc?: string[];
  bcc?: string[];
  replyTo?: string[];
  headers?: Record<string, string>;
  operationId?: string;
  attachments?: { name: string; contentType: string; size: number; url: string }[];
}

describe("local mailbox: cc, bcc, reply-to, headers, operation id and attachments", () => {
  let email: TestEmailServer;
  let host: Awaited<ReturnType<typeof startMailboxHost>>;
  const operationId = randomUUID();
  let message: MailMessage;

  beforeAll(async () => {
    email = await startTestEmailServer();
    host = await startMailboxHost(email.server.mailbox);
    await sendAndWait(
      clientFor(email.server.connectionString),
      sampleMessage({
        recipients: {
          to: [{ address: "admin@customer.test" }],
          cc: [{ address: "cc@customer.test" }],
          bcc: [{ address: "audit@partner.test" }]
        },
        replyTo: [{ address: "helpdesk@partner.test", displayName: "Helpdesk" }],
        headers: { "X-Relationship-Id": "rel-42", "X-Hostile": hostileHeader },
        attachments: [
          { name: "agreement.pdf", contentType: "application/pdf", contentInBase64: pdfBytes.toString("base64") },
          {
            name: hostileName,
            contentType: "text/html",
            contentInBase64: Buffer.from("<script>alert(5)</script>").toString("base64")
          }
        ]
      }),
      operationId
    );
    const stored = email.server.mailbox.list()[0];
    if (!stored) throw new Error("the message was not stored");
    message = stored;
  });
  afterAll(async () => {
    await host.stop();
    await email.dispose();
  });

  it("lists every field the SDK sent in /dev/mailbox.json, attachments with a download link and no content", async () => {
    const entries = (await (await fetch(`${host.url}/dev/mailbox.json`)).json()) as MailboxJsonEntry[];
    const entry = entries.find((candidate) => candidate.id === message.id);

    expect(entry).toMatchObject({
      cc: ["cc@customer.test"],
      bcc: ["audit@partner.test"],
      replyTo: ["helpdesk@partner.test"],
      headers: { "X-Relationship-Id": "rel-42", "X-Hostile": hostileHeader },
      operationId
    });
    expect(entry?.attachments).toEqual([
      {
        name: "agreement.pdf",
        contentType: "application/pdf",
        size: pdfBytes.length,
        url: `/dev/mailbox/${message.id}/attachments/0`
      },
      { name: hostileName, contentType: "text/html", size: 25, url: `/dev/mailbox/${message.id}/attachments/1` }
    ]);
    expect(JSON.stringify(entries)).not.toContain(pdfBytes.toString("base64").slice(0, 40));
  });

  it("downloads an attachment byte for byte with its content type, as a download", async () => {
    const response = await fetch(`${host.url}/dev/mailbox/${message.id}/attachments/0`);

    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes)).toBe(true);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="agreement.pdf"; filename*=UTF-8''agreement.pdf`
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves a hostile attachment as an inert download whose name cannot break the header", async () => {
    const response = await fetch(`${host.url}/dev/mailbox/${message.id}/attachments/1`);
    const disposition = response.headers.get("content-disposition") ?? "";

    expect(response.status).toBe(200);
    expect(await response.text()).toBe("<script>alert(5)</script>");
    expect(response.headers.get("x-evil")).toBeNull();
    expect(disposition.startsWith("attachment; ")).toBe(true);
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(/filename="([^"]*)"/.exec(disposition)?.[1]).toBe("_><img src=x onerror=alert(1)>__X-Evil_ 1.pdf");
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent(hostileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`
    );
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("answers 404 for an attachment that does not exist", async () => {
    const beyond = await fetch(`${host.url}/dev/mailbox/${message.id}/attachments/2`);
    const notANumber = await fetch(`${host.url}/dev/mailbox/${message.id}/attachments/x`);

    expect(beyond.status).toBe(404);
    expect(notANumber.status).toBe(404);
  });

  it("shows reply-to, headers, the operation id and escaped attachment links on the message page", async () => {
    const page = await (await fetch(`${host.url}/dev/mailbox/${message.id}`)).text();

    expect(page).toContain("<dt>Cc</dt><dd>cc@customer.test</dd>");
    expect(page).toContain("<dt>Bcc</dt><dd>audit@partner.test</dd>");
    expect(page).toContain("<dt>Reply-To</dt><dd>helpdesk@partner.test</dd>");
    expect(page).toContain(`<dt>Operation id</dt><dd>${operationId}</dd>`);
    expect(page).toContain("<td>X-Relationship-Id</td><td>rel-42</td>");
    expect(page).toContain("<td>X-Hostile</td><td>&lt;script&gt;alert(&quot;h&quot;)&lt;/script&gt;</td>");
    expect(page).toContain(`<a href="/dev/mailbox/${message.id}/attachments/0" download>agreement.pdf</a>`);
    expect(page).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(page).not.toContain("<img");
    expect(page).not.toContain("<script");
  });

  it("says on the page when the sender passed no operation id, and leaves it out of the JSON", async () => {
    await sendAndWait(clientFor(email.server.connectionString), sampleMessage());
    const bare = email.server.mailbox.list()[0] as MailMessage;

    const page = await (await fetch(`${host.url}/dev/mailbox/${bare.id}`)).text();
    const entries = (await (await fetch(`${host.url}/dev/mailbox.json`)).json()) as MailboxJsonEntry[];

    expect(page).toContain("<dt>Operation id</dt><dd>none sent: the operation is named after the message id</dd>");
    expect(entries.find((entry) => entry.id === bare.id)).not.toHaveProperty("operationId");
  });

  it("keeps every field and the attachment bytes across a restart", async () => {
    const before = email.server.mailbox.get(message.id);

    const restarted = await email.restart();
    const restartedHost = await startMailboxHost(restarted.mailbox);
    try {
      const response = await fetch(`${restartedHost.url}/dev/mailbox/${message.id}/attachments/0`);
      expect(restarted.mailbox.get(message.id)).toEqual(before);
      expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes)).toBe(true);
    } finally {
      await restartedHost.stop();
    }
  });

  it("refuses an attachment whose content is not base64, naming the field, and keeps nothing", async () => {
    const count = email.server.mailbox.list().length;
    const bad = sampleMessage({
      attachments: [{ name: "a.txt", contentType: "text/plain", contentInBase64: "not base64!" }]
    });

    const failure = await sendFailure(clientFor(email.server.connectionString), bad);

    expect(failure.statusCode).toBe(400);
    expect(failure.message).toContain("attachments.0.contentInBase64");
    expect(email.server.mailbox.list()).toHaveLength(count);
  });
});
