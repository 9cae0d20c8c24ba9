import { describe, expect, it } from "vitest";
import { escapeHtml, singleLine } from "../../../shared/email/html";

describe("escapeHtml", () => {
  it("replaces the five characters that can open a tag, end an attribute or start an entity", () => {
    expect(escapeHtml(`<img src=x onerror=alert(1)>`)).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(escapeHtml(`a & b "c" 'd'`)).toBe("a &amp; b &quot;c&quot; &#39;d&#39;");
  });

  it("escapes an ampersand once, so entities typed by a user show as typed", () => {
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
  });

  it("leaves other text, non-ASCII included, as it is", () => {
    expect(escapeHtml("Zürich — 東京 ✓")).toBe("Zürich — 東京 ✓");
  });
});

describe("singleLine", () => {
  it("turns line breaks and other control characters into spaces, so a subject stays one line", () => {
    expect(singleLine("Hello\r\nBcc: someone@example.com\tthere\u2028x")).toBe(
      "Hello Bcc: someone@example.com there x"
    );
  });
});
