import { describe, expect, it } from "vitest";
import { parseRequestTarget } from "../../../local/host/request-target";

describe("parseRequestTarget", () => {
  it("reads an origin-form target as a path, even one starting with //", () => {
    expect(parseRequestTarget("/api/health?x=1")?.href).toBe("http://localhost/api/health?x=1");
    expect(parseRequestTarget("//evil.example/api/health")?.pathname).toBe("//evil.example/api/health");
    expect(parseRequestTarget("//evil.example/api/health")?.host).toBe("localhost");
    expect(parseRequestTarget("/a/../b")?.pathname).toBe("/b");
  });

  it("keeps only the path and query of an absolute-form target, and refuses anything else", () => {
    const absolute = parseRequestTarget("http://evil.example:8080/dev/clock?x=1");
    expect(absolute?.host).toBe("localhost");
    expect(`${absolute?.pathname}${absolute?.search}`).toBe("/dev/clock?x=1");
    for (const target of [undefined, "", "*", "evil.example/x", "javascript:alert(1)", "ftp://x/y"]) {
      expect(parseRequestTarget(target), String(target)).toBeUndefined();
    }
  });
});
