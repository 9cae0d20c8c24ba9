/**
 * The customer agreement's pages: its text for anyone (the invitation page links there), and "Accept the customer
 * agreement", whose GET shows it (or when it was accepted) and whose POST accepts it through the same use case as
 * POST /api/customer/agreement/accept.
 */
import type { HttpResponseInit } from "@azure/functions";
import { currentAgreement } from "../../domain/agreement";
import { acceptCustomerAgreement, getAgreementStatus } from "../../use-cases/customer-agreement";
import { field } from "../forms";
import type { PageContext } from "../page-endpoint";
import { redirect } from "../page-response";
import type { PageSession } from "../session";
import { agreementHeading, agreementTextView, agreementView } from "../views/agreement";

export function agreementTextPage(page: PageContext): Promise<HttpResponseInit> {
  return page.render({ title: currentAgreement.title, body: agreementTextView(currentAgreement) });
}

export async function customerAgreementPage(page: PageContext): Promise<HttpResponseInit> {
  if (page.request.method === "POST") {
    const { session, form } = await page.readForm("/customer-agreement");
    if (form.get("acknowledged") !== "yes") {
      return show(
        page,
        session,
        "Tick the box to confirm that you have read the customer agreement, then select Accept."
      );
    }
    await acceptCustomerAgreement(page.services, session.principal, field(form, "agreementVersion") ?? "");
    return redirect("/customer-agreement?accepted=1");
  }
  return show(page, await page.requireSession());
}

async function show(page: PageContext, session: PageSession, error?: string): Promise<HttpResponseInit> {
  const status = await getAgreementStatus(page.services, session.principal);
  const body = agreementView({
    status,
    agreement: currentAgreement,
    csrfToken: session.csrfToken,
    justAccepted: page.request.query.has("accepted"),
    ...(error ? { error } : {})
  });
  return page.render({ title: agreementHeading, body, status: error ? 400 : 200 });
}
