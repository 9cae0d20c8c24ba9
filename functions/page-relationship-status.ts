import { app } from "@azure/functions";
import { relationshipStatus } from "../shared/pages/customer/relationship-pages";
import { pageData } from "../shared/wiring";

// What the details page's script polls every 2 s: status, roles, end date, which actions apply, the partner's groups.
app.http("pageRelationshipStatus", {
  route: "partner-relationships/{id}/status",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: pageData(relationshipStatus)
});
