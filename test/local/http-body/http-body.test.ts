/** The one bounded body read of the local stand-ins, and a stand-in's 413 reaching a client that sent too much. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startEmailServer, type EmailServer } from "../../../local/email/index";
import { readBody } from "../../../local/http-body";

let server: Server | undefined;
let email: EmailServer | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await email?.stop();
  server = undefined;
  email = undefined;
});

/** A server that answers 200 with the body it read, or 413. */
async function echoServer(limitBytes: number): Promise<string> {
  server = createServer((req, res) => {
    void readBody(req, limitBytes).then((body) => {
      res.statusCode = body === "too large" ? 413 : 200;
      res.end(body === "too large" ? "" : body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe("readBody", () => {
  it("returns the body byte for byte up to the limit, the limit included", async () => {
    const url = await echoServer(1000);
    const body = Buffer.alloc(1000, 7);
    const response = await fetch(url, { method: "POST", body });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);
  });

  it("says too large past the limit, and the answer reaches a client still sending", async () => {
    const url = await echoServer(1000);
    const response = await fetch(url, { method: "POST", body: Buffer.alloc(4 * 1024 * 1024, 1) });
    expect(response.status).toBe(413);
  });
});

describe("the local email server", () => {
  it("answers 413 RequestEntityTooLarge to a send over 10 MB instead of dropping the connection", async () => {
    email = await startEmailServer();
    const response = await fetch(`http://127.0.0.1:${email.port}/emails:send?api-version=2023-03-31`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.alloc(11 * 1024 * 1024, 32)
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("x-ms-error-code")).toBe("RequestEntityTooLarge");
  });
});
