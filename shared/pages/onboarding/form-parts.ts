/**
 * Form pieces the onboarding pages share (text fields are `../text-field.ts`): a list of every problem
 * linking to its field, and the hidden CSRF field. An error names its field by the API's dotted path
 * (`contact.email`); `inputIdOf` turns that into the id of the input that shows it.
 */
import type { FieldError } from "../../errors";
import { csrfFieldName } from "../csrf";
import { html, type SafeHtml } from "../html";

/** `contact.email` → `contactEmail`: the input ids are the API's field paths in camel case. */
export function inputIdOf(field: string): string {
  return field.replace(/\.(\w)/g, (_match, letter: string) => letter.toUpperCase());
}

/** Every problem, each as "<field's label> <message>" linking to its input; `labels` maps input ids to labels. */
export function errorSummary(
  title: string,
  errors: readonly FieldError[],
  labels: Readonly<Record<string, string>> = {}
): SafeHtml {
  return html`<div class="notice notice--error error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${title}</h2>
<ul>
${errors.map((error) => {
  const label = labels[inputIdOf(error.field)];
  return html`<li><a href="#${inputIdOf(error.field)}">${label ? `${label} ${error.message}` : error.message}</a></li>
`;
})}</ul>
</div>`;
}

export function hiddenFields(fields: Readonly<Record<string, string | undefined>>): SafeHtml {
  return html`${Object.entries(fields).map(([name, value]) => value !== undefined && html`<input type="hidden" name="${name}" value="${value}">`)}`;
}

export function csrfInput(token: string): SafeHtml {
  return hiddenFields({ [csrfFieldName]: token });
}
