import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { pageData } from "../shared/pages/page-endpoint";
import { pageJson } from "../shared/pages/page-response";
import { summarize, toStatusJson } from "../shared/pages/relationship-summary";
import { listCustomerRelationships } from "../shared/use-cases/customer-relationships";

// What the list page's script polls every 2 s; authorised exactly like the page.
app.http("pageRelationshipsStatus", {
  route: "partner-relationships/status",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: pageData(async (context) => {
    const session = await context.requireSession();
    const relationships = await listCustomerRelationships(getServices(), session.principal);
    return pageJson({ relationships: relationships.map((found) => toStatusJson(summarize(found.document))) });
  })
});
