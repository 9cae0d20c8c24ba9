import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { page } from "../shared/pages/page-endpoint";
import { redirect } from "../shared/pages/page-response";
import { summarize } from "../shared/pages/relationship-summary";
import { confirmForm, confirmPageView, removeRolesText } from "../shared/pages/views/relationship";
import { relationshipPath } from "../shared/pages/views/relationships";
import { getCustomerRelationship, removeRoles } from "../shared/use-cases/customer-relationships";

// "Remove roles?": GET is the confirmation page for browsers without the script (which use the dialog), POST
// removes every role through the same use case as POST /api/customer/relationships/{id}/remove-roles.
app.http("pageRemoveRoles", {
  route: "partner-relationships/{id}/remove-roles",
  methods: ["GET", "POST"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    const id = context.request.params.id ?? "";
    if (context.request.method === "POST") {
      const { session } = await context.readForm(relationshipPath(id));
      await removeRoles(getServices(), session.principal, id);
      return redirect(`${relationshipPath(id)}?removed=1`);
    }
    const session = await context.requireSession();
    const { relationship } = await getCustomerRelationship(getServices(), session.principal, id);
    const summary = summarize(relationship.document);
    const form = confirmForm(summary, "remove-roles", session.csrfToken, "Yes", "No", "button--danger", false);
    return context.render({ title: "Remove roles?", body: confirmPageView("Remove roles?", removeRolesText(summary), form) });
  })
});
