import { describe, expect, it } from "vitest";
import { pathOf, safeReturnPath } from "../../../shared/pages/return-to";

describe("safeReturnPath", () => {
  it("keeps a path on this site with its query and fragment", () => {
    expect(safeReturnPath("/invitations/abc_DEF-123")).toBe("/invitations/abc_DEF-123");
    expect(safeReturnPath("/partners?name=a%20b&x=1#top")).toBe("/partners?name=a%20b&x=1#top");
  });

  it("sends anything that could leave the site to the home page", () => {
    for (const value of [
      "//evil.example/x",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "/\tx",
      "/a\nb",
      "",
      null,
      undefined,
      `/${"a".repeat(3000)}`
    ]) {
      expect(safeReturnPath(value)).toBe("/");
    }
  });

  it("checks the path it returns, after dot segments are resolved, so none becomes a host", () => {
    for (const value of [
      "/.//evil.example",
      "/x/../..//evil.example",
      "/%2e//evil.example",
      "/%2E%2e//evil.example/x?y#z",
      "/a/..//evil.example",
      "/.//"
    ]) {
      expect(safeReturnPath(value), value).toBe("/");
    }
    // Dot segments that end on this site are fine: they resolve to an ordinary path.
    expect(safeReturnPath("/partners/../invitations/./x")).toBe("/invitations/x");
    expect(safeReturnPath("/.%2F/evil.example")).toBe("/.%2F/evil.example");
  });

  it("reads a request URL's path and query", () => {
    expect(pathOf("http://127.0.0.1:7071/partner-relationships?accepted=1")).toBe("/partner-relationships?accepted=1");
    expect(pathOf("http://127.0.0.1:7071//evil.example/x")).toBe("/");
  });
});
