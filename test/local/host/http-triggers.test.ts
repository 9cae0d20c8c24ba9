import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalRuntime, type LocalRuntime } from "../../helpers/local-runtime";

describe("local Functions host: HTTP triggers", () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      functions: ["dist/test/fixtures/http/*.js", "dist/functions/*.js"],
      env: { "AzureWebJobs.cookies.Disabled": "true" }
    });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("passes route parameters, method, repeated query values and a text body to the handler", async () => {
    const response = await fetch(`${runtime.url}/api/echo/rel-42?tag=a&tag=b&x=1`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "héllo wörld"
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: "rel-42",
      method: "POST",
      query: { tag: "b", x: "1" },
      tags: ["a", "b"],
      contentType: "text/plain",
      forwardedFor: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      body: "héllo wörld"
    });
  });

  it("appends the address that connected, with its port, to X-Forwarded-For, as the Functions front end on Azure does", async () => {
    const response = await fetch(`${runtime.url}/api/echo/xff`, {
      headers: { "x-forwarded-for": "198.51.100.7, 203.0.113.9" }
    });
    const { forwardedFor } = (await response.json()) as { forwardedFor: string };
    expect(forwardedFor).toMatch(/^198\.51\.100\.7, 203\.0\.113\.9, 127\.0\.0\.1:\d+$/);
  });

  it("matches routes case-insensitively and prefers a literal segment over a parameter", async () => {
    const literal = await fetch(`${runtime.url}/api/ECHO/special`);
    expect(await literal.json()).toEqual({ literal: true });
    const param = await fetch(`${runtime.url}/api/echo/other`);
    expect(((await param.json()) as { id: string }).id).toBe("other");
  });

  it("hands a catch-all parameter the rest of the path", async () => {
    const response = await fetch(`${runtime.url}/api/files/a/b/c.txt`);
    expect(await response.json()).toEqual({ path: "a/b/c.txt" });
  });

  it("answers 405 with problem+json for a method the route does not declare", async () => {
    const response = await fetch(`${runtime.url}/api/echo/1`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("round-trips a binary body byte for byte", async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256));
    const response = await fetch(`${runtime.url}/api/binary`, {
      method: "POST",
      body: bytes,
      headers: { "content-type": "application/octet-stream" }
    });
    expect(response.headers.get("x-byte-count")).toBe("4096");
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("turns a throwing handler into a 500 problem+json that leaks nothing, and logs the error", async () => {
    const response = await fetch(`${runtime.url}/api/boom`);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await response.text();
    expect(body).not.toContain("hunter2");
    expect(body).not.toContain("secret");
    const problem = JSON.parse(body) as { status: number; invocationId: string };
    expect(problem.status).toBe(500);
    await expect.poll(() => runtime.output()).toContain(`"invocationId":"${problem.invocationId}"`);
    const logLine = runtime
      .output()
      .split("\n")
      .find((line) => line.includes(problem.invocationId) && line.includes('"event":"invocation"'));
    expect(JSON.parse(logLine as string)).toMatchObject({ function: "boom", outcome: "failed", status: 500 });
  });

  it("answers an unknown route with 404 problem+json", async () => {
    const response = await fetch(`${runtime.url}/api/no-such-route`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { status: number }).status).toBe(404);
  });

  it("skips a function whose AzureWebJobs.<name>.Disabled setting is true", async () => {
    expect((await fetch(`${runtime.url}/api/cookies`)).status).toBe(404);
    expect(runtime.output()).toContain("Function cookies skipped");
  });

  it("writes one structured log line per invocation with function, invocation id, duration and outcome", async () => {
    await fetch(`${runtime.url}/api/echo/log-me`);
    await expect.poll(() => runtime.output()).toMatch(/"function":"echo".*"outcome":"succeeded"/);
    const line = runtime
      .output()
      .split("\n")
      .find((l) => l.includes('"function":"echo"') && l.includes('"event":"invocation"'));
    const record = JSON.parse(line as string) as Record<string, unknown>;
    expect(record).toMatchObject({ trigger: "http", outcome: "succeeded", status: 200 });
    expect(typeof record.invocationId).toBe("string");
    expect(typeof record.durationMs).toBe("number");
  });

  it("refuses admin invocation of an HTTP function and of an unknown one", async () => {
    expect(
      (
        await fetch(`${runtime.url}/admin/functions/echo`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}"
        })
      ).status
    ).toBe(400);
    expect(
      (
        await fetch(`${runtime.url}/admin/functions/nope`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}"
        })
      ).status
    ).toBe(404);
  });
});

describe("local Functions host: HTTP responses", () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ functions: ["dist/test/fixtures/http/*.js"] });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it("maps status, headers and cookies from HttpResponseInit", async () => {
    const response = await fetch(`${runtime.url}/api/cookies`);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-custom")).toBe("yes");
    const cookies = response.headers.getSetCookie();
    expect(cookies).toContain("session=a%20b; Path=/; HttpOnly; SameSite=Strict");
    expect(cookies).toContain("theme=dark; Max-Age=60");
    expect(await response.json()).toEqual({ ok: true });
  });
});
