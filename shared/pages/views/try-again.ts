/**
 * What a page says when an abuse limit refuses a request (a TooManyRequestsError): the reason, and the moment the
 * person can try again, in UTC like every time on the pages — with the same Retry-After header the API sends.
 */
import type { TooManyRequestsError } from "../../errors";
import { formatDateTime } from "../format";
import { html, type SafeHtml } from "../html";

export interface TryAgain {
  readonly message: string;
  readonly retryAt: Date;
}

export function tryAgainOf(error: TooManyRequestsError): TryAgain {
  return { message: error.message, retryAt: error.retryAt };
}

export function retryAfterHeader(error: TooManyRequestsError): Record<string, string> {
  return { "retry-after": String(error.retryAfterSeconds) };
}

export function tryAgainNotice(value: TryAgain): SafeHtml {
  const at = value.retryAt.toISOString();
  return html`<div class="notice notice--error" role="alert"><p>${value.message} You can try again at <time datetime="${at}" data-field="retry-at">${formatDateTime(at)}</time>.</p></div>`;
}
