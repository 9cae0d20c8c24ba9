import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { currentAgreement } from "../shared/domain/agreement";
import { field } from "../shared/pages/forms";
import { page, type PageContext } from "../shared/pages/page-endpoint";
import { redirect } from "../shared/pages/page-response";
import type { PageSession } from "../shared/pages/session";
import { agreementHeading, agreementView } from "../shared/pages/views/agreement";
import { acceptCustomerAgreement, getAgreementStatus } from "../shared/use-cases/customer-agreement";

// "Accept the customer agreement": GET shows it (or when it was accepted), POST accepts it through the same use
// case as POST /api/customer/agreement/accept.
app.http("pageCustomerAgreement", {
  route: "customer-agreement",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    if (context.request.method === "POST") {
      const { session, form } = await context.readForm("/customer-agreement");
      if (form.get("acknowledged") !== "yes") {
        return show(context, session, "Tick the box to confirm that you have read the customer agreement, then select Accept.");
      }
      await acceptCustomerAgreement(getServices(), session.principal, field(form, "agreementVersion") ?? "");
      return redirect("/customer-agreement?accepted=1");
    }
    return show(context, await context.requireSession());
  })
});

async function show(context: PageContext, session: PageSession, error?: string) {
  const status = await getAgreementStatus(getServices(), session.principal);
  const body = agreementView({ status, agreement: currentAgreement, csrfToken: session.csrfToken, justAccepted: context.request.query.has("accepted"), ...(error ? { error } : {}) });
  return context.render({ title: agreementHeading, body, status: error ? 400 : 200 });
}
