import { describe, expect, it } from "vitest";
import { html, raw, safeExternalUrl } from "../../../shared/pages/html";

const attack = `<img src=x onerror=alert(1)>`;

describe("html tagged template", () => {
  it("escapes every interpolated value, in text and in attributes", () => {
    const name = `${attack}" onfocus="x' &`;
    expect(html`<p title="${name}">${name}</p>`.markup).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;&quot; onfocus=&quot;x&#39; &amp;">&lt;img src=x onerror=alert(1)&gt;&quot; onfocus=&quot;x&#39; &amp;</p>'
    );
  });

  it("keeps markup made by html itself or marked raw, and escapes it otherwise", () => {
    const inner = html`<b>${attack}</b>`;
    expect(html`<p>${inner}</p>`.markup).toBe("<p><b>&lt;img src=x onerror=alert(1)&gt;</b></p>");
    expect(html`<p>${raw("<br>")}</p>`.markup).toBe("<p><br></p>");
    // A plain string is text, even one that holds markup: escaped again.
    expect(html`<p>${inner.markup}</p>`.markup).toBe(
      "<p>&lt;b&gt;&amp;lt;img src=x onerror=alert(1)&amp;gt;&lt;/b&gt;</p>"
    );
  });

  it("renders arrays item by item and nothing for undefined, null and booleans", () => {
    expect(html`<ul>${["a", "<b>"].map((item) => html`<li>${item}</li>`)}</ul>`.markup).toBe(
      "<ul><li>a</li><li>&lt;b&gt;</li></ul>"
    );
    expect(html`${undefined}${null}${false}${true}${0}`.markup).toBe("0");
    const hidden = false;
    expect(html`<p${hidden && html` hidden`}>`.markup).toBe("<p>");
  });
});

describe("safeExternalUrl", () => {
  it("lets only https URLs into an href", () => {
    expect(safeExternalUrl("https://contoso.example/a?b=1")).toBe("https://contoso.example/a?b=1");
    for (const bad of [
      "javascript:alert(1)",
      "data:text/html,x",
      "http://insecure.example",
      "//evil.example",
      "not a url",
      undefined
    ]) {
      expect(safeExternalUrl(bad)).toBeUndefined();
    }
  });
});
