import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { page } from "../shared/pages/page-endpoint";
import { redirect } from "../shared/pages/page-response";
import { summarize } from "../shared/pages/relationship-summary";
import { confirmForm, confirmPageView, terminateText } from "../shared/pages/views/relationship";
import { relationshipPath } from "../shared/pages/views/relationships";
import { getCustomerRelationship, terminateForCustomer } from "../shared/use-cases/customer-relationships";

// "Terminate this relationship?": GET confirms without the script, POST ends it through the same use case as
// POST /api/customer/relationships/{id}/terminate.
app.http("pageTerminate", {
  route: "partner-relationships/{id}/terminate",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    const id = context.request.params.id ?? "";
    if (context.request.method === "POST") {
      const { session } = await context.readForm(relationshipPath(id));
      await terminateForCustomer(getServices(), session.principal, id);
      return redirect(`${relationshipPath(id)}?terminated=1`);
    }
    const session = await context.requireSession();
    const { relationship } = await getCustomerRelationship(getServices(), session.principal, id);
    const summary = summarize(relationship.document);
    const form = confirmForm(summary, "terminate", session.csrfToken, "Yes, terminate", "No", "button--danger", false);
    return context.render({ title: "Terminate this relationship?", body: confirmPageView("Terminate this relationship?", terminateText(summary), form) });
  })
});
