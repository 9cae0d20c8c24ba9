/**
 * Form pieces the onboarding pages share: a labelled text field with its hint and error, a list of every problem
 * linking to its field, and the hidden CSRF field. An error names its field by the API's dotted path
 * (`contact.email`); `inputIdOf` turns that into the id of the input that shows it.
 */
import type { FieldError } from "../../errors";
import { csrfFieldName } from "../csrf";
import { html, type SafeHtml } from "../html";

export interface FieldSpec {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly errors: readonly FieldError[];
  readonly type?: "text" | "email" | "tel";
  readonly autocomplete?: string;
  readonly maxLength?: number;
  readonly required?: boolean;
}

/** `contact.email` → `contactEmail`: the input ids are the API's field paths in camel case. */
export function inputIdOf(field: string): string {
  return field.replace(/\.(\w)/g, (_match, letter: string) => letter.toUpperCase());
}

export function textField(field: FieldSpec): SafeHtml {
  const invalid = field.errors.length > 0;
  const describedBy = [`${field.id}-hint`, invalid ? `${field.id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field">
<label for="${field.id}">${field.label}</label>
<span class="hint" id="${field.id}-hint">${field.hint}</span>
${invalid && html`<span class="error-text" id="${field.id}-error">${field.errors.map((error) => error.message).join(" ")}</span>`}
<input type="${field.type ?? "text"}" id="${field.id}" name="${field.id}" value="${field.value}" aria-describedby="${describedBy}"${invalid ? html` aria-invalid="true"` : ""}${field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ""}${field.maxLength ? html` maxlength="${field.maxLength}"` : ""}${field.required ? html` required` : ""}>
</div>`;
}

/** Every problem, each as "<field's label> <message>" linking to its input; `labels` maps input ids to labels. */
export function errorSummary(title: string, errors: readonly FieldError[], labels: Readonly<Record<string, string>> = {}): SafeHtml {
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
