/**
 * The pages' answers when something stops them: each says what happened in plain words and what to do next. A
 * missing role names the role that is needed and who is signed in, with a way to sign in as someone else.
 */
import type { Principal } from "../../auth/principal";
import { html, type SafeHtml } from "../html";
import { describeUser, describeUserRoles } from "../layout";

export interface ErrorView {
  readonly status: number;
  readonly title: string;
  readonly body: SafeHtml;
}

const headings: Record<number, string> = {
  400: "Something in the form needs fixing",
  403: "You can't do this here",
  404: "Not found",
  409: "This changed in the meantime",
  412: "This changed in the meantime",
  503: "Please try again in a moment",
  500: "Something went wrong"
};

export function errorView(status: number, message: string, extra?: SafeHtml): ErrorView {
  const title = headings[status] ?? (headings[500] as string);
  return {
    status,
    title,
    body: html`<h1>${title}</h1>
<p class="notice notice--error" role="alert">${message}</p>
${extra}
<p><a href="/">Go to the home page</a></p>`
  };
}

export interface RoleNeededOptions {
  readonly principal: Principal;
  /** "Accepting this relationship needs a Global Administrator." */
  readonly reason: string;
  readonly requiredRole?: { readonly displayName: string };
  readonly signInAsAnotherUserUrl: string;
  /** What the page can still offer (e.g. the invitation's details or a Decline form). */
  readonly extra?: SafeHtml;
}

export function roleNeededView(options: RoleNeededOptions): ErrorView {
  const needed = options.requiredRole ? `This needs a ${options.requiredRole.displayName}.` : "";
  return {
    status: 403,
    title: "You need a different admin role",
    body: html`<h1>You need a different admin role</h1>
<div class="notice notice--error" role="alert" data-required-role="${options.requiredRole?.displayName ?? ""}">
<p>You are signed in as <strong>${describeUser(options.principal)}</strong> with <strong>${describeUserRoles(options.principal)}</strong>.</p>
<p>${options.reason}${options.reason.includes(options.requiredRole?.displayName ?? "\u0000") ? "" : ` ${needed}`}</p>
</div>
<p>Ask someone who holds that role to open this page, or <a href="${options.signInAsAnotherUserUrl}">sign in as another user</a>.</p>
${options.extra}`
  };
}
