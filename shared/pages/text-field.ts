/**
 * A labelled text input with its hint and, when the form came back with problems, its error text: the one way the
 * pages draw a text field, so every form reads the same to a screen reader (hint and error named by
 * `aria-describedby`, `aria-invalid` on a field with a problem).
 */
import { html, type SafeHtml } from "./html";

export interface TextFieldSpec {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly errors: readonly { readonly message: string }[];
  readonly type?: "text" | "email" | "tel" | "date";
  readonly autocomplete?: string;
  readonly inputMode?: string;
  readonly pattern?: string;
  readonly maxLength?: number;
  readonly required?: boolean;
  readonly spellcheck?: boolean;
  readonly narrow?: boolean;
}

export function textField(field: TextFieldSpec): SafeHtml {
  const invalid = field.errors.length > 0;
  const describedBy = [`${field.id}-hint`, invalid ? `${field.id}-error` : ""].filter(Boolean).join(" ");
  return html`<div class="field">
<label for="${field.id}">${field.label}</label>
<span class="hint" id="${field.id}-hint">${field.hint}</span>
${invalid && html`<span class="error-text" id="${field.id}-error">${field.errors.map((error) => error.message).join(" ")}</span>`}
<input type="${field.type ?? "text"}" id="${field.id}" name="${field.id}" value="${field.value}" aria-describedby="${describedBy}"${invalid ? html` aria-invalid="true"` : ""}${field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ""}${field.inputMode ? html` inputmode="${field.inputMode}"` : ""}${field.pattern ? html` pattern="${field.pattern}"` : ""}${field.maxLength ? html` maxlength="${field.maxLength}"` : ""}${field.required ? html` required` : ""}${field.spellcheck === false ? html` spellcheck="false"` : ""}${field.narrow ? html` class="input--narrow"` : ""}>
</div>`;
}
