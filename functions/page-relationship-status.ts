import { app } from "@azure/functions";
import { getServices } from "../shared/composition-root";
import { pageData } from "../shared/pages/page-endpoint";
import { pageJson } from "../shared/pages/page-response";
import { summarize, toStatusJson } from "../shared/pages/relationship-summary";
import { routeId } from "../shared/pages/route-id";
import { partnerGroupRows } from "../shared/pages/views/partner-groups";
import { getCustomerRelationship } from "../shared/use-cases/customer-relationships";

// What the details page's script polls every 2 s: status, roles, end date, which actions apply, the partner's groups.
app.http("pageRelationshipStatus", {
  route: "partner-relationships/{id}/status",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: pageData(async (context) => {
    const session = await context.requireSession();
    const { relationship } = await getCustomerRelationship(getServices(), session.principal, routeId(context.request));
    return pageJson({ ...toStatusJson(summarize(relationship.document)), rows: partnerGroupRows(relationship.document) });
  })
});
