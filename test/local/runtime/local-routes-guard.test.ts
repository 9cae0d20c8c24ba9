/**
 * The local runtime's own tools (`/dev/*`, `/admin/functions/*`, and the email server's mailbox) answer only this
 * machine: a DNS-rebinding page names its own host in `Host`, another site's page sends its `Origin` or a
 * `text/plain` body. Requests are raw node:http, because fetch will not let a caller set `Host`.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";
import { eventually, invite } from "../../integration/pages/pages-kit";
import { demoPartnerTenants } from "../../helpers/api";

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

interface RawRequest {
  readonly method?: string;
  /** The request target exactly as sent, e.g. `//evil.example/x`. */
  readonly target: string;
  /** Host header; undefined sends none at all. */
  readonly host?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly port?: number;
}

let runtime: LocalRuntime;
let port: number;
let emailPort: number;

function raw(options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.host !== undefined) headers.host = options.host;
    if (options.body !== undefined) headers["content-length"] = String(Buffer.byteLength(options.body));
    const req = request(
      {
        host: "127.0.0.1",
        port: options.port ?? port,
        method: options.method ?? "GET",
        path: options.target,
        headers,
        setHost: false
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") })
        );
        res.on("error", reject);
      }
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const loopback = () => `127.0.0.1:${port}`;
const json = { "content-type": "application/json" };
const tokenBody = JSON.stringify({
  tenantId: demoPartnerTenants[0],
  userId: "5a1e0000-0000-4000-8000-000000000001",
  roles: ["Partner.Admin"]
});

async function clockOffset(): Promise<number> {
  const answer = await raw({ target: "/dev/clock", host: loopback() });
  return (JSON.parse(answer.text) as { offsetMs: number }).offsetMs;
}

beforeAll(async () => {
  runtime = await startLocalRuntime({ args: ["--timers", "manual"] });
  port = Number(new URL(runtime.url).port);
  emailPort = Number(new URL(/endpoint=([^;]+)/.exec(runtime.email.connectionString)?.[1] as string).port);
});
afterAll(async () => {
  await runtime?.stop();
});

describe("local tools: Host", () => {
  const foreignHosts = () => [
    `evil.example:${port}`,
    "evil.example",
    "127.0.0.1.evil.example",
    "localhost.evil.example:7071",
    "127.0.0.2:7071",
    "0.0.0.0:7071",
    "[::ffff:127.0.0.1]:7071"
  ];

  it("answers /dev and /admin for 127.0.0.1, localhost and [::1] with any port", async () => {
    for (const host of [loopback(), `localhost:${port}`, `[::1]:${port}`, "LOCALHOST:8080", "127.0.0.1"]) {
      const mailbox = await raw({ target: "/dev/mailbox.json", host });
      expect(mailbox.status, host).toBe(200);
    }
    const token = await raw({
      method: "POST",
      target: "/dev/issuer/token",
      host: `localhost:${port}`,
      headers: json,
      body: tokenBody
    });
    expect(token.status).toBe(200);
    expect(token.text).toContain("access_token");
  });

  it("refuses every other Host with 421 before doing anything: no token, no mailbox, no clock change, no function run", async () => {
    const requests: RawRequest[] = [
      { target: "/dev/mailbox.json" },
      { target: "/dev/mailbox" },
      { method: "POST", target: "/dev/issuer/token", headers: json, body: tokenBody },
      { method: "POST", target: "/dev/clock", headers: json, body: '{"advanceDays": 30}' },
      { method: "POST", target: "/admin/functions/timerOutbox", headers: json, body: "{}" },
      { target: "/dev/service-bus/queues" },
      { target: "/dev/sign-in" },
      { method: "DELETE", target: "/dev/mailbox" }
    ];
    for (const host of [...foreignHosts(), undefined, ""]) {
      for (const sent of requests) {
        const answer = await raw({ ...sent, host });
        // Without any Host at all, node's HTTP server answers 400 itself (HTTP/1.1 requires the header).
        expect(answer.status, `${sent.method ?? "GET"} ${sent.target} Host ${String(host)}`).toBe(
          host === undefined ? 400 : 421
        );
        expect(answer.text).not.toContain("access_token");
        expect(answer.text).not.toContain("/invitations/");
      }
    }
    expect(await clockOffset()).toBe(0);
    expect(runtime.output()).not.toContain('"function":"timerOutbox"');
  });

  it("refuses a foreign Host on the email server's own mailbox too", async () => {
    expect((await raw({ target: "/dev/mailbox.json", host: `127.0.0.1:${emailPort}`, port: emailPort })).status).toBe(
      200
    );
    const rebound = await raw({ target: "/dev/mailbox.json", host: `evil.example:${emailPort}`, port: emailPort });
    expect(rebound.status).toBe(421);
    expect(rebound.text).not.toContain("/invitations/");
  });
});

describe("local tools: cross-site requests", () => {
  it("refuses a state change whose Origin is another site, or that says Sec-Fetch-Site: cross-site (403)", async () => {
    const crossSite: Record<string, string>[] = [
      { origin: "http://evil.example", ...json },
      { origin: `http://localhost:${port + 1}`, ...json },
      { origin: "null", "sec-fetch-site": "cross-site", ...json },
      { "sec-fetch-site": "cross-site", ...json },
      { "sec-fetch-site": "same-site", ...json }
    ];
    for (const headers of crossSite) {
      const clock = await raw({
        method: "POST",
        target: "/dev/clock",
        host: loopback(),
        headers,
        body: '{"advanceDays": 30}'
      });
      expect(clock.status, JSON.stringify(headers)).toBe(403);
      const token = await raw({
        method: "POST",
        target: "/dev/issuer/token",
        host: loopback(),
        headers,
        body: tokenBody
      });
      expect(token.status).toBe(403);
      expect(token.text).not.toContain("access_token");
      expect(
        (await raw({ method: "POST", target: "/admin/functions/timerOutbox", host: loopback(), headers, body: "{}" }))
          .status
      ).toBe(403);
      expect((await raw({ method: "DELETE", target: "/dev/mailbox", host: loopback(), headers })).status).toBe(403);
    }
    const signIn = await raw({
      method: "POST",
      target: "/dev/sign-in",
      host: loopback(),
      headers: { origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "tenant=c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01&name=Mallory&returnTo=/"
    });
    expect(signIn.status).toBe(403);
    expect(signIn.headers["set-cookie"]).toBeUndefined();
    expect(await clockOffset()).toBe(0);
    expect(runtime.output()).not.toContain('"function":"timerOutbox"');
  });

  it("refuses a text/plain or form body on a JSON tool unless the browser shows it came from this origin (415)", async () => {
    for (const contentType of [
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      undefined
    ]) {
      const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
      for (const extra of [{}, { origin: "null" }] as Record<string, string>[]) {
        const label = `${contentType ?? "no content type"} ${JSON.stringify(extra)}`;
        expect(
          (
            await raw({
              method: "POST",
              target: "/dev/clock",
              host: loopback(),
              headers: { ...headers, ...extra },
              body: '{"advanceDays": 30}'
            })
          ).status,
          label
        ).toBe(415);
        expect(
          (
            await raw({
              method: "POST",
              target: "/dev/issuer/token",
              host: loopback(),
              headers: { ...headers, ...extra },
              body: tokenBody
            })
          ).status,
          label
        ).toBe(415);
        expect(
          (
            await raw({
              method: "POST",
              target: "/admin/functions/timerOutbox",
              host: loopback(),
              headers: { ...headers, ...extra },
              body: "{}"
            })
          ).status,
          label
        ).toBe(415);
      }
    }
    expect(await clockOffset()).toBe(0);
    // The same body from this origin's own page (a browser says so) is fine, as is JSON from a script or curl.
    const sameOrigin = await raw({
      method: "POST",
      target: "/dev/clock",
      host: loopback(),
      headers: { "content-type": "text/plain", origin: `http://${loopback()}` },
      body: '{"advanceMs": 1000}'
    });
    expect(sameOrigin.status).toBe(200);
    const fromPage = await raw({
      method: "POST",
      target: "/dev/clock",
      host: loopback(),
      headers: { "content-type": "text/plain", "sec-fetch-site": "same-origin" },
      body: '{"advanceMs": 1000}'
    });
    expect(fromPage.status).toBe(200);
    expect(
      (await raw({ method: "POST", target: "/dev/clock", host: loopback(), headers: json, body: '{"reset": true}' }))
        .status
    ).toBe(200);
    expect((await raw({ method: "POST", target: "/admin/functions/timerOutbox", host: loopback() })).status).toBe(202);
  });

  it("keeps its refusals to its own tools: a path no function and no tool answers is a 404 whatever the body, Host or Origin", async () => {
    for (const target of ["/v1.0/tenantRelationships/requests", "/api/no-such-route", "/v1.0/no/such/route"]) {
      const answer = await raw({
        method: "POST",
        target,
        host: "evil.example",
        headers: { "content-type": "text/plain", origin: "https://evil.example" },
        body: "x"
      });
      expect(answer.status, target).toBe(404);
    }
  });

  it("still lets the sign-in form post from its own page, and from a client that sends no Origin", async () => {
    const form = "tenant=c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01&name=Ada&returnTo=/partners";
    for (const headers of [
      { origin: "null", "sec-fetch-site": "same-origin" },
      { origin: `http://${loopback()}` },
      {}
    ] as Record<string, string>[]) {
      const answer = await raw({
        method: "POST",
        target: "/dev/sign-in",
        host: loopback(),
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: form
      });
      expect(answer.status, JSON.stringify(headers)).toBe(303);
      expect(answer.headers.location).toBe("/partners");
    }
  });
});

describe("local tools: framing and request targets", () => {
  it("forbids framing every mailbox page (X-Frame-Options and CSP frame-ancestors)", async () => {
    await invite(runtime, demoPartnerTenants[0]);
    const listed = await eventually(
      async () => JSON.parse((await raw({ target: "/dev/mailbox.json", host: loopback() })).text) as { id: string }[],
      (messages) => messages.length > 0
    );
    const id = encodeURIComponent((listed[0] as { id: string }).id);
    for (const [target, targetPort] of [
      ["/dev/mailbox", port],
      [`/dev/mailbox/${id}`, port],
      [`/dev/mailbox/${id}/raw.html`, port],
      ["/dev/mailbox/no-such-message", port],
      ["/dev/mailbox", emailPort],
      [`/dev/mailbox/${id}`, emailPort]
    ] as const) {
      const page = await raw({ target, host: `127.0.0.1:${targetPort}`, port: targetPort });
      expect(page.headers["x-frame-options"], target).toBe("DENY");
      expect(page.headers["content-security-policy"], target).toContain("frame-ancestors 'none'");
    }
  });

  it("reads a request target that starts with // as a path, never as a host", async () => {
    expect((await raw({ target: "/api/health", host: loopback() })).status).toBe(200);
    const health = await raw({ target: "//evil.example/api/health", host: loopback() });
    expect(health.status).toBe(404);
    const mailbox = await raw({ target: "//evil.example/dev/mailbox.json", host: loopback() });
    expect(mailbox.status).toBe(404);
    expect(mailbox.text).not.toContain("/invitations/");
    const signOut = await raw({ target: "//evil.example/dev/sign-out?returnTo=/partners", host: loopback() });
    expect(signOut.status).toBe(404);
  });

  it("sends sign-out and sign-in back only to a path on this site, after dot segments are resolved", async () => {
    for (const evil of ["/.//evil.example", "/x/../..//evil.example", "/%2e//evil.example/x", "//evil.example"]) {
      const out = await raw({ target: `/dev/sign-out?returnTo=${encodeURIComponent(evil)}`, host: loopback() });
      expect(out.status, evil).toBe(303);
      expect(out.headers.location, evil).toBe("/");
      const signIn = await raw({
        method: "POST",
        target: "/dev/sign-in",
        host: loopback(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          tenant: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01",
          name: "Ada",
          returnTo: evil
        }).toString()
      });
      expect(signIn.headers.location, evil).toBe("/");
      const form = await raw({ target: `/dev/sign-in?returnTo=${encodeURIComponent(evil)}`, host: loopback() });
      expect(form.text).toContain('name="returnTo" value="/"');
    }
  });
});
