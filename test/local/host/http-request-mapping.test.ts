import type { IncomingMessage } from "node:http";
import { HttpRequest } from "@azure/functions";
import { describe, expect, it } from "vitest";
import { toHttpRequest } from "../../../local/host/http-mapping";

/** The host's HttpRequest against the one the library builds from the same data, read the same ways. */
function both(method: string, target: string, body = Buffer.alloc(0)): [HttpRequest, HttpRequest] {
  const headers = {
    host: "127.0.0.1:7071",
    authorization: "Bearer abc.def.ghi",
    "content-type": "application/json",
    "x-multi": "a, b"
  };
  const req = {
    method,
    url: target,
    headers,
    socket: { remoteAddress: "::ffff:127.0.0.1", remotePort: 50123 }
  } as unknown as IncomingMessage;
  const host = toHttpRequest(req, body, "http://127.0.0.1:7071", { id: "7" });
  const library = new HttpRequest({
    method,
    url: `http://127.0.0.1:7071${target}`,
    headers: { ...headers, "x-forwarded-for": "127.0.0.1:50123" },
    params: { id: "7" },
    body: body.length > 0 ? { bytes: body } : undefined
  });
  return [host, library];
}

describe("toHttpRequest", () => {
  it("gives a GET the same url, method, query (repeated values too), params and headers as the library's own HttpRequest", () => {
    for (const request of both("GET", "/api/access?a=1&g=x&g=y")) {
      expect(request.url).toBe("http://127.0.0.1:7071/api/access?a=1&g=x&g=y");
      expect(request.method).toBe("GET");
      expect(request.query.getAll("g")).toEqual(["x", "y"]);
      expect(request.params).toEqual({ id: "7" });
      expect(request.headers).toBeInstanceOf(Headers);
      expect([...request.headers.entries()]).toEqual([
        ["authorization", "Bearer abc.def.ghi"],
        ["content-type", "application/json"],
        ["host", "127.0.0.1:7071"],
        ["x-forwarded-for", "127.0.0.1:50123"],
        ["x-multi", "a, b"]
      ]);
      expect(request.body).toBeNull();
      expect(request.bodyUsed).toBe(false);
    }
  });

  it("reads a body as text, JSON or bytes once, marks it used, and refuses a second read as the library does", async () => {
    const body = Buffer.from(JSON.stringify({ name: "Ünïcode", n: 1 }));
    const [host, library] = both("POST", "/api/things", body);
    expect(await host.json()).toEqual(await library.json());
    expect(host.bodyUsed).toBe(true);
    await expect(host.text()).rejects.toThrow(TypeError);
    const [hostBytes] = both("POST", "/api/things", body);
    expect(Buffer.from(await hostBytes.arrayBuffer()).equals(body)).toBe(true);
    const [hostText] = both("PUT", "/api/things", body);
    expect(hostText.body).not.toBeNull();
    expect(await hostText.text()).toBe(body.toString("utf8"));
  });

  it("clones with its own body and headers, before or after the headers were read", async () => {
    const body = Buffer.from("hello");
    const [host] = both("POST", "/api/things", body);
    host.headers.set("x-added", "1");
    const copy = host.clone();
    expect(copy.headers.get("x-added")).toBe("1");
    copy.headers.set("x-copy-only", "1");
    expect(host.headers.has("x-copy-only")).toBe(false);
    expect(await copy.text()).toBe("hello");
    expect(await host.text()).toBe("hello");
    const [fresh] = both("POST", "/api/things", body);
    expect(await fresh.clone().text()).toBe("hello");
    expect(fresh.bodyUsed).toBe(false);
  });

  it("sends headers a handler set before reading the body into the request that reads it", async () => {
    const [host] = both("POST", "/api/things", Buffer.from("x"));
    host.headers.set("x-late", "yes");
    expect(await host.text()).toBe("x");
    expect(host.headers.get("x-late")).toBe("yes");
  });

  it("drops the body of a GET that came with one, as the library does", () => {
    const [host, library] = both("GET", "/api/things", Buffer.from("ignored"));
    expect(host.body).toBeNull();
    expect(library.body).toBeNull();
  });
});
