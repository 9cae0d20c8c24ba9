/** The home page: what this is, and where to go next for whoever is signed in. */
import type { Principal } from "../../auth/principal";
import { html, type SafeHtml } from "../html";
import { describeUser, describeUserRoles } from "../layout";

export type Visitor =
  | { readonly kind: "anonymous"; readonly signInUrl: string }
  | { readonly kind: "customer" | "partner"; readonly principal: Principal; readonly partnerName?: string };

const destinations = {
  customer: [
    {
      href: "/partner-relationships",
      label: "Partner relationships",
      text: "See the partners you work with, their admin roles and end dates; remove roles at any time."
    },
    {
      href: "/customer-agreement",
      label: "Customer agreement",
      text: "Read and accept the agreement partners need before they may act for you."
    },
    {
      href: "/purchases",
      label: "MPSA purchases",
      text: "See what your MPSA partners bought for you, and choose whether they see each other's purchases."
    },
    {
      href: "/partners",
      label: "Find a partner",
      text: "Search the partner directory and ask a partner to contact you."
    },
    {
      href: "/partner/apply",
      label: "Become a partner",
      text: "Apply to invite customers as a partner; an operator checks every application."
    }
  ],
  partner: [
    {
      href: "/partner/invitations",
      label: "Invitations",
      text: "Invite customers, follow each invitation and the relationships it became."
    },
    { href: "/partners", label: "Find a partner", text: "See the directory as customers see it." }
  ]
} as const;

export function homeView(visitor: Visitor): SafeHtml {
  const intro = html`<h1>Partner relationships</h1>
<p class="lead">Partners invite your organisation into a relationship. An administrator accepts the customer agreement and authorizes the partner, which then gets only the admin roles you approved, for a limited time. You can remove them at any time.</p>`;
  if (visitor.kind === "anonymous") {
    return html`${intro}
<div class="actions"><a class="button" href="${visitor.signInUrl}">Sign in</a> <a class="button button--secondary" href="/partners">Find a partner</a></div>`;
  }
  const who = visitor.kind === "partner" ? html` of the partner <strong>${visitor.partnerName}</strong>` : "";
  return html`${intro}
<p>You are signed in as <strong>${describeUser(visitor.principal)}</strong>${who} with ${describeUserRoles(visitor.principal)}.</p>
<ul class="partner-cards">
${destinations[visitor.kind].map(
  (
    destination
  ) => html`<li class="partner-card"><h2><a href="${destination.href}">${destination.label}</a></h2><p>${destination.text}</p></li>
`
)}</ul>`;
}
