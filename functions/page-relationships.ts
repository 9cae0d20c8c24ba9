import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { page } from "../shared/pages/page-endpoint";
import { summarize } from "../shared/pages/relationship-summary";
import { relationshipsHeading, relationshipsView, type RelationshipsPage } from "../shared/pages/views/relationships";
import { listCustomerRelationships } from "../shared/use-cases/customer-relationships";

// Settings > Partner relationships: the same use case as GET /api/customer/relationships.
app.http("pageRelationships", {
  route: "partner-relationships",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: page(async (context) => {
    const session = await context.requireSession();
    const relationships = (await listCustomerRelationships(getServices(), session.principal)).map((found) => summarize(found.document));
    const query = context.request.query;
    const kind = query.has("accepted") ? "accepted" : query.has("declined") ? "declined" : undefined;
    const shown = kind && relationships.find((summary) => summary.id === query.get(kind));
    const confirmation: RelationshipsPage["confirmation"] = kind && shown ? { kind, relationship: shown } : undefined;
    return context.render({ title: relationshipsHeading, body: relationshipsView({ relationships, ...(confirmation ? { confirmation } : {}) }) });
  })
});
