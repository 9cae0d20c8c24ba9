/**
 * The frame of every page: landmarks (header with the site navigation, main, footer), a skip link, who is signed
 * in with a sign-out link, and the one stylesheet and one script. Scripts only enhance: every page works without.
 */
import type { Principal } from "../auth/principal";
import { findRole } from "../domain/roles";
import { assetUrl } from "./assets";
import { html, type SafeHtml } from "./html";

const siteName = "Partner relationships";

export type NavKind = "customer" | "partner" | "operator" | "none";

export interface LayoutOptions {
  /** The page's own title; the first heading on the page should say the same. */
  readonly title: string;
  readonly body: SafeHtml;
  readonly principal?: Principal;
  readonly nav?: NavKind;
  /** Path of the page, so the matching navigation link is marked as the current page. */
  readonly currentPath?: string;
  readonly signInUrl: string;
  readonly signOutUrl: string;
}

const navigation: Record<Exclude<NavKind, "none">, readonly { href: string; label: string }[]> = {
  customer: [
    { href: "/partner-relationships", label: "Partner relationships" },
    { href: "/devices", label: "Devices" },
    { href: "/customer-agreement", label: "Customer agreement" },
    { href: "/purchases", label: "MPSA purchases" },
    { href: "/partners", label: "Find a partner" }
  ],
  partner: [
    { href: "/partner/invitations", label: "Invitations" },
    { href: "/partner/invitation-batches", label: "Bulk invitations" },
    { href: "/partner/templates", label: "Templates" },
    { href: "/partners", label: "Find a partner" }
  ],
  operator: [
    { href: "/operator/partners", label: "Partner applications" },
    { href: "/partners", label: "Find a partner" }
  ]
};

export function layout(options: LayoutOptions): SafeHtml {
  const links = options.nav && options.nav !== "none" ? navigation[options.nav] : [];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title === siteName ? siteName : `${options.title} – ${siteName}`}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl("app.css")}">
<script src="${assetUrl("app.js")}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<div class="site-header__inner">
<a class="brand" href="/">Partner relationships</a>
${
  links.length > 0 &&
  html`<nav class="site-nav" aria-label="Main">
<ul>
${links.map(
  (
    link
  ) => html`<li><a href="${link.href}"${options.currentPath?.startsWith(link.href) ? html` aria-current="page"` : ""}>${link.label}</a></li>
`
)}</ul>
</nav>`
}
${account(options)}
</div>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
<footer class="site-footer"><p>Partner relationships: granular, time-bound admin access for your partners.</p></footer>
</body>
</html>
`;
}

function account(options: LayoutOptions): SafeHtml {
  if (!options.principal) return html`<p class="account"><a href="${options.signInUrl}">Sign in</a></p>`;
  return html`<p class="account"><span class="account__name">${describeUser(options.principal)}</span> <a href="${options.signOutUrl}">Sign out</a></p>`;
}

/** The name the token carries, for the header and the role-needed page. */
export function describeUser(principal: Principal): string {
  return principal.displayName ?? "Signed-in user";
}

/** The user's directory roles by name ("Global Administrator and Billing Administrator"), or "no admin role". */
export function describeUserRoles(principal: Principal): string {
  const names = principal.directoryRoles
    .map((id) => findRole(id)?.displayName)
    .filter((name): name is string => Boolean(name));
  if (names.length === 0) return "no admin role";
  if (names.length === 1) return names[0] as string;
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
