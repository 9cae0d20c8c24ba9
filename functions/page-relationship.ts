import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { page } from "../shared/pages/page-endpoint";
import { summarize } from "../shared/pages/relationship-summary";
import { routeId } from "../shared/pages/route-id";
import { relationshipView } from "../shared/pages/views/relationship";
import { getCustomerRelationship } from "../shared/use-cases/customer-relationships";
import { toHistory } from "../shared/use-cases/customer-views";

// One partner relationship with its history: the same use case as GET /api/customer/relationships/{id}.
app.http("pageRelationship", {
  route: "partner-relationships/{id}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    const session = await context.requireSession();
    const { relationship, history } = await getCustomerRelationship(getServices(), session.principal, routeId(context.request));
    const summary = summarize(relationship.document);
    const query = context.request.query;
    const confirmation = query.has("removed") ? "removed" : query.has("terminated") ? "terminated" : undefined;
    return context.render({
      title: `${summary.partnerName}: ${summary.displayName}`,
      body: relationshipView({ document: relationship.document, summary, history: toHistory(history), csrfToken: session.csrfToken, ...(confirmation ? { confirmation } : {}) })
    });
  })
});
