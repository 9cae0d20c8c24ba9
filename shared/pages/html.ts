/**
 * HTML for the pages, built with a tagged template that escapes every interpolated value by default: a value is
 * markup only when it is already `SafeHtml` (made by `html` itself, or explicitly by `raw` for trusted, constant
 * markup). Arrays are rendered item by item; `undefined`, `null` and `false` render nothing, so
 * `${condition && html`...`}` works.
 */
import { escapeHtml } from "../email/html";

export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? "";
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(markup);
}

/** Trusted markup, used as is. Never pass anything that came from a request, a store or a token. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value === undefined || value === null || value === false || value === true) return "";
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join("");
  return escapeHtml(String(value));
}

/** An `https:` URL safe to put in an `href` (no `javascript:` or `data:`), or undefined. */
export function safeExternalUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === "https:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
