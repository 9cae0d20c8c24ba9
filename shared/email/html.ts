/**
 * Escaping for the HTML part of every email. Templates never splice text into markup themselves: they describe
 * the content as blocks (templates/layout.ts), and everything that reaches the HTML passes through here.
 */
const entities: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};

/** Text → HTML text or attribute value: & < > " ' replaced, so nothing a user typed can open a tag or end an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] as string);
}

/** A header-safe single line (the subject): control characters, line breaks included, become spaces. */
export function singleLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}
