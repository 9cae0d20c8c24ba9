import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailMessage } from "../../../local/email/index";
import {
  clientFor,
  sampleMessage,
  sendAndWait,
  startMailboxHost,
  startTestEmailServer,
  type TestEmailServer
} from "./email-kit";

const hostileSubject = "<img src=x onerror=alert(1)>";
const hostileHtml =
  `<p onclick="alert(3)">Hi <a href="https://partner.test/a?x=1&y=2">accept</a></p>` + `<script>alert(2)</script>`;
const hostileText = `a < b & "c" </pre><script>alert(4)</script>`;

describe("local mailbox pages", () => {
  let email: TestEmailServer;
  let host: Awaited<ReturnType<typeof startMailboxHost>>;
  let message: MailMessage;

  beforeAll(async () => {
    email = await startTestEmailServer();
    host = await startMailboxHost(email.server.mailbox);
    await sendAndWait(
      clientFor(email.server.connectionString),
      sampleMessage({
        senderAddress: "DoNotReply@partners.local.test",
        recipients: { to: [{ address: "x@customer.test" }] },
        content: { subject: hostileSubject, html: hostileHtml, plainText: hostileText }
      })
    );
    const stored = email.server.mailbox.list()[0];
    if (!stored) throw new Error("the hostile message was not stored");
    message = stored;
  });
  afterAll(async () => {
    await host.stop();
    await email.dispose();
  });

  it("escapes the subject on the list page and forbids scripts there", async () => {
    const response = await fetch(`${host.url}/dev/mailbox`);
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).not.toContain("<img");
    expect(page).not.toContain("<script");
    expect(page).toContain(`href="/dev/mailbox/${message.id}"`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("default-src 'none'");
  });

  it("allows exactly the list page's own style block by hash", async () => {
    const response = await fetch(`${host.url}/dev/mailbox`);
    const style = /<style>([\s\S]*?)<\/style>/.exec(await response.text())?.[1] ?? "";

    const hash = createHash("sha256").update(style).digest("base64");
    expect(style.length).toBeGreaterThan(0);
    expect(response.headers.get("content-security-policy")).toContain(`style-src 'sha256-${hash}'`);
  });

  it("renders the HTML body in a sandboxed srcdoc iframe that cannot run scripts", async () => {
    const response = await fetch(`${host.url}/dev/mailbox/${message.id}`);
    const page = await response.text();

    expect(response.status).toBe(200);
    const iframe = /<iframe[^>]*>/.exec(page)?.[0] ?? "";
    const sandbox = /sandbox="([^"]*)"/.exec(iframe)?.[1]?.split(" ");
    expect(sandbox).toEqual([
      "allow-popups",
      "allow-popups-to-escape-sandbox",
      "allow-top-navigation-by-user-activation"
    ]);
    expect(iframe).not.toMatch(/allow-scripts|allow-same-origin/);
    const srcdoc = /srcdoc="([^"]*)"/.exec(iframe)?.[1] ?? "";
    expect(srcdoc).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(srcdoc).toContain("https://partner.test/a?x=1&amp;y=2");
    expect(page).not.toContain("<script");
    expect(page).not.toContain("<img");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'none'");
  });

  it("escapes headers and the plain-text body on the message page", async () => {
    const page = await (await fetch(`${host.url}/dev/mailbox/${message.id}`)).text();

    expect(page).toContain("<dd>&lt;img src=x onerror=alert(1)&gt;</dd>");
    expect(page).toContain("<dd>x@customer.test</dd>");
    expect(page).toContain("<pre>a &lt; b &amp; &quot;c&quot; &lt;/pre&gt;&lt;script&gt;alert(4)&lt;/script&gt;</pre>");
  });

  it("serves the raw HTML body alone under a no-script policy", async () => {
    const response = await fetch(`${host.url}/dev/mailbox/${message.id}/raw.html`);

    expect(await response.text()).toBe(hostileHtml);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'none'");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("answers 404 for an unknown message and leaves other paths to the host", async () => {
    const unknown = await fetch(`${host.url}/dev/mailbox/no-such-id`);
    const other = await fetch(`${host.url}/api/partners`);

    expect(unknown.status).toBe(404);
    expect(other.status).toBe(404);
    expect(await other.text()).toBe("not a mailbox path");
  });

  it("clears the mailbox on DELETE and then shows the empty state", async () => {
    await sendAndWait(clientFor(email.server.connectionString), sampleMessage());

    const deleted = await fetch(`${host.url}/dev/mailbox`, { method: "DELETE" });
    const page = await (await fetch(`${host.url}/dev/mailbox`)).text();
    const json = (await (await fetch(`${host.url}/dev/mailbox.json`)).json()) as unknown[];

    expect(deleted.status).toBe(204);
    expect(email.server.mailbox.list()).toEqual([]);
    expect(json).toEqual([]);
    expect(page).toContain("No messages yet");
  });
});
