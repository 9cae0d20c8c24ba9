/**
 * The invitation pages: the emailed link shows the invitation (or the one "link doesn't work" page, or the role that
 * is needed), Accept & Authorize and Decline answer it, all through the same use cases and permission decisions
 * the API uses.
 */
import type { HttpResponseInit } from "@azure/functions";
import { hasAtLeastBillingAdmin, mayAcceptInvitation } from "../../domain/customer-permissions";
import { NotFoundError, PreconditionFailedError } from "../../errors";
import { relationshipEtag, type StoredRelationship } from "../../relationships/relationship-document";
import { acceptInvitation, answerOf, declineInvitation, getInvitation } from "../../use-cases/customer-invitations";
import { redirect } from "../page-response";
import { html } from "../html";
import type { PageContext } from "../page-endpoint";
import type { PageSession } from "../session";
import { roleNeededView } from "../views/error-page";
import {
  declineForm,
  invitationHeading,
  invitationNotFoundTitle,
  invitationNotFoundView,
  invitationPath,
  invitationSummary,
  invitationTerms,
  invitationView
} from "../views/invitation";

/** The link in the invitation email: "Accept agreement & authorize partner". */
export async function invitationPage(page: PageContext): Promise<HttpResponseInit> {
  const session = await page.requireSession();
  return withInvitationNotFoundPage(page, () => showInvitation(page, session, page.request.params.token ?? ""));
}

/** Accept & Authorize: the same use case as POST /api/invitations/{token}/accept, then the list of partners. */
export async function acceptInvitationPage(page: PageContext): Promise<HttpResponseInit> {
  const token = page.request.params.token ?? "";
  const { session, form } = await page.readForm(invitationPath(token));
  return withInvitationNotFoundPage(page, () => acceptShownInvitation(page, session, token, form));
}

/** Decline: the same use case as POST /api/invitations/{token}/decline; the declined invitation shows in the list. */
export async function declineInvitationPage(page: PageContext): Promise<HttpResponseInit> {
  const token = page.request.params.token ?? "";
  const { session } = await page.readForm(invitationPath(token));
  return withInvitationNotFoundPage(page, async () => {
    const { document } = await declineInvitation(page.services, { token, caller: session.principal });
    return redirect(`/partner-relationships?declined=${encodeURIComponent(document.id)}`);
  });
}

async function showInvitation(
  page: PageContext,
  session: PageSession,
  token: string,
  error?: string
): Promise<HttpResponseInit> {
  const services = page.services;
  const { document } = await getInvitation(services, session.principal, token);
  const answered = answeredPage(document, session);
  if (answered) return answered;
  const decision = mayAcceptInvitation(session.principal.directoryRoles, document);
  const now = services.clock.now();
  if (!decision.allowed) {
    const view = roleNeededView({
      principal: session.principal,
      reason: `Accepting this relationship needs a ${decision.requiredRole.displayName}.`,
      requiredRole: decision.requiredRole,
      signInAsAnotherUserUrl: page.switchUserUrl(invitationPath(token)),
      extra: html`<h2>The invitation</h2>
${invitationSummary(document, now)}
${hasAtLeastBillingAdmin(session.principal.directoryRoles) && declineForm(token, session.csrfToken)}`
    });
    return page.render({ title: view.title, body: view.body, status: view.status });
  }
  const body = invitationView({
    token,
    relationship: document,
    terms: invitationTerms(document),
    now,
    csrfToken: session.csrfToken,
    ...(error ? { error } : {})
  });
  return page.render({ title: invitationHeading, body, status: error ? (error === changedTerms ? 409 : 400) : 200 });
}

const changedTerms =
  "The partner changed this invitation while you were reading it. Review it again before you accept.";

/**
 * Accept & Authorize: only the terms the page showed. The invitation is read again (the same use case as the page),
 * its terms compared with those the form carries, and the acceptance made against the version just read
 * (If-Match). A write in between that changed no terms (the invitation email being recorded) only means reading
 * again, a few times at most.
 */
async function acceptShownInvitation(
  page: PageContext,
  session: PageSession,
  token: string,
  form: URLSearchParams
): Promise<HttpResponseInit> {
  if (form.get("acknowledged") !== "yes") {
    return showInvitation(
      page,
      session,
      token,
      "Tick the box to confirm that you have read the customer agreement, then select Accept & Authorize."
    );
  }
  const services = page.services;
  for (let attempt = 1; ; attempt += 1) {
    const current = await getInvitation(services, session.principal, token);
    // Accepted already: the retry of an accept whose answer was lost. (Declined: the use case says 409.)
    const answered = answeredPage(current.document, session, "accepted");
    if (answered) return answered;
    if (form.get("terms") !== invitationTerms(current.document))
      return showInvitation(page, session, token, changedTerms);
    try {
      const { document } = await acceptInvitation(services, {
        token,
        caller: session.principal,
        agreementVersion: form.get("agreementVersion") ?? "",
        ifMatch: relationshipEtag(current.document)
      });
      return redirect(`/partner-relationships?accepted=${encodeURIComponent(document.id)}`);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt >= 3) throw error;
    }
  }
}

/**
 * The link of an invitation this organisation already answered (opened again, or an accept retried after its
 * answer was lost) leads to the page that confirms the answer, as the first time did.
 */
function answeredPage(
  document: StoredRelationship,
  session: PageSession,
  only?: "accepted"
): HttpResponseInit | undefined {
  const answered = answerOf(document, session.principal.tenantId);
  if (!answered || (only && answered !== only)) return undefined;
  return redirect(`/partner-relationships?${answered}=${encodeURIComponent(document.id)}`);
}

/** Every way a link can fail gets this one page, with a 404, as the API answers. */
async function withInvitationNotFoundPage(
  page: PageContext,
  action: () => Promise<HttpResponseInit>
): Promise<HttpResponseInit> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof NotFoundError)
      return page.render({ title: invitationNotFoundTitle, body: invitationNotFoundView(), status: 404 });
    throw error;
  }
}
